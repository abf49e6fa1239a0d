package org.medai.imaging.segmentation;

/** How overlapping window predictions are weighted before they are averaged. */
public enum Blend {
  /** Every voxel of a window weighs 1 (MONAI's "constant"). */
  CONSTANT,
  /** nnU-Net's gaussian importance map: sigma = ROI × 1/8 per axis, peak 1, zeros clamped to the smallest non-zero weight. */
  GAUSSIAN
}
