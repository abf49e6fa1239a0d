package org.medai.imaging.segmentation;

/** How windows that reach past the volume (volumes smaller than the ROI) are filled. */
public enum Padding {
  /** A constant value (the window's {@code padValue}). */
  CONSTANT,
  /** The nearest edge voxel. */
  EDGE,
  /** Mirror without repeating the edge voxel (numpy's "reflect"). */
  REFLECT
}
