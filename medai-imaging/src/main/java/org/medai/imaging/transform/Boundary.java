package org.medai.imaging.transform;

/**
 * What a resampler reads outside the source field. The field of a source axis with {@code n}
 * voxels is the continuous index range {@code [-0.5, n - 0.5]} (the voxel boxes, ITK's
 * convention). Every policy first maps a sample coordinate {@code x} into {@code [0, n - 1]}; the
 * interpolation then only reads voxels inside the source (B-spline taps near the edge are
 * mirrored, matching the prefilter).
 */
public enum Boundary {
  /** Outside the field the output is the fill value; inside, {@code x} is clamped to {@code [0, n-1]}. */
  CONSTANT,
  /** {@code x} is clamped to {@code [0, n-1]}: the edge voxel extends for ever. */
  EDGE,
  /**
   * Whole-sample mirror about the edge voxel centres, period {@code 2(n-1)} ({@code d c b | a b c d
   * | c b a}); scipy.ndimage's {@code mode='mirror'}.
   */
  MIRROR
}
