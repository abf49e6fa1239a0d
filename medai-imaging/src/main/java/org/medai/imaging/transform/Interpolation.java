package org.medai.imaging.transform;

/**
 * How a resampler reads the source between voxel centres. All arithmetic is float32 with fused
 * multiply-adds in a fixed order (see {@link ResamplePlan}), the same on every backend.
 */
public enum Interpolation {
  /** Nearest voxel centre ({@code floor(x + 0.5)}); output may keep the source dtype. */
  NEAREST,
  /** Trilinear: lerp along k, then j, then i, each as {@code fma(f, b - a, a)}. */
  LINEAR,
  /**
   * Cubic B-spline with the exact interpolating prefilter (pole √3 − 2, whole-sample mirror
   * boundary, as scipy.ndimage {@code order=3, mode='mirror'} and ITK's B-spline interpolator).
   * Needs a float32 coefficient volume the size of the source (accounted in the plan).
   */
  BSPLINE,
  /**
   * Label-aware linear for segmentations: each label's trilinear weight among the eight
   * neighbours is summed and the label with the largest weight wins (ties go to the smaller label
   * value). Equivalent to resampling every one-hot channel linearly and taking the argmax, without
   * the one-hot volumes. Output keeps the source dtype.
   */
  LABEL_LINEAR;

  /** True when the output keeps label values rather than blending them. */
  public boolean preservesValues() {
    return this == NEAREST || this == LABEL_LINEAR;
  }
}
