package org.medai.imaging.segmentation;

import java.util.Arrays;
import java.util.List;
import org.medai.core.InvalidArgumentException;

/**
 * Settings of sliding-window inference. Immutable; build with {@link #of(int, int, int)} and the
 * {@code with…} methods.
 *
 * @param roi window size along i, j, k (x, y, z) in voxels
 * @param overlap fraction of the window shared by neighbours along each axis, in [0, 1)
 * @param blend constant or gaussian weighting of overlapping windows
 * @param sigmaScale gaussian sigma as a fraction of the ROI (nnU-Net: 1/8)
 * @param batchSize windows per model call
 * @param padding fill for windows that reach past the volume
 * @param padValue the fill value for {@link Padding#CONSTANT}
 * @param flipAxes test-time augmentation: mirror over every subset of these axes (0 = i, 1 = j,
 *     2 = k) and average; empty for none
 * @param activation applied to the blended output before the argmax
 */
public record SlidingWindow(int[] roi, double overlap, Blend blend, double sigmaScale, int batchSize,
                            Padding padding, float padValue, int[] flipAxes, Activation activation) {

  public SlidingWindow {
    roi = roi.clone();
    flipAxes = flipAxes.clone();
    if (roi.length != 3 || roi[0] < 1 || roi[1] < 1 || roi[2] < 1) {
      throw new InvalidArgumentException("MEDAI-SEG-001", "roi must be three positive sizes (i, j, k); got " + Arrays.toString(roi));
    }
    if (!(overlap >= 0 && overlap < 1)) {
      throw new InvalidArgumentException("MEDAI-SEG-002", "overlap must be in [0, 1); got " + overlap);
    }
    if (!(sigmaScale > 0)) throw new InvalidArgumentException("MEDAI-SEG-003", "sigmaScale must be > 0; got " + sigmaScale);
    if (batchSize < 1) throw new InvalidArgumentException("MEDAI-SEG-004", "batchSize must be ≥ 1; got " + batchSize);
    boolean[] seen = new boolean[3];
    for (int a : flipAxes) {
      if (a < 0 || a > 2 || seen[a]) {
        throw new InvalidArgumentException("MEDAI-SEG-005", "flip axes must be distinct values in 0..2; got " + Arrays.toString(flipAxes));
      }
      seen[a] = true;
    }
  }

  /** Gaussian blending, 50% overlap, batch 1, constant 0 padding, no TTA, softmax. */
  public static SlidingWindow of(int roiI, int roiJ, int roiK) {
    return new SlidingWindow(new int[] {roiI, roiJ, roiK}, 0.5, Blend.GAUSSIAN, 1.0 / 8, 1,
        Padding.CONSTANT, 0f, new int[0], Activation.SOFTMAX);
  }

  public SlidingWindow withOverlap(double v) {
    return new SlidingWindow(roi, v, blend, sigmaScale, batchSize, padding, padValue, flipAxes, activation);
  }

  public SlidingWindow withBlend(Blend v) {
    return new SlidingWindow(roi, overlap, v, sigmaScale, batchSize, padding, padValue, flipAxes, activation);
  }

  public SlidingWindow withBatchSize(int v) {
    return new SlidingWindow(roi, overlap, blend, sigmaScale, v, padding, padValue, flipAxes, activation);
  }

  public SlidingWindow withPadding(Padding p, float value) {
    return new SlidingWindow(roi, overlap, blend, sigmaScale, batchSize, p, value, flipAxes, activation);
  }

  public SlidingWindow withFlipAxes(int... axes) {
    return new SlidingWindow(roi, overlap, blend, sigmaScale, batchSize, padding, padValue, axes, activation);
  }

  public SlidingWindow withActivation(Activation a) {
    return new SlidingWindow(roi, overlap, blend, sigmaScale, batchSize, padding, padValue, flipAxes, a);
  }

  @Override
  public int[] roi() {
    return roi.clone();
  }

  @Override
  public int[] flipAxes() {
    return flipAxes.clone();
  }

  /** Number of model passes per window: 2^(number of flip axes). */
  public int ttaPasses() {
    return 1 << flipAxes.length;
  }

  /**
   * Window start positions along one axis, nnU-Net's rule: step = roi × (1 − overlap), as few
   * windows as cover the axis at that step, spread evenly with the last flush to the end.
   */
  public static long[] starts(long size, int roi, double overlap) {
    if (size <= roi) return new long[] {0};
    double step = roi * (1 - overlap);
    int n = (int) Math.ceil((size - roi) / step) + 1;
    long[] s = new long[n];
    double actual = (double) (size - roi) / (n - 1);
    for (int i = 0; i < n; i++) s[i] = (long) Math.rint(actual * i); // numpy rounds half to even
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SlidingWindow w && Arrays.equals(w.roi, roi) && w.overlap == overlap && w.blend == blend
        && w.sigmaScale == sigmaScale && w.batchSize == batchSize && w.padding == padding
        && Float.compare(w.padValue, padValue) == 0 && Arrays.equals(w.flipAxes, flipAxes) && w.activation == activation;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(roi) * 31 + List.of(overlap, blend, batchSize, padding, activation).hashCode();
  }

  @Override
  public String toString() {
    return "SlidingWindow[roi=" + Arrays.toString(roi) + ", overlap=" + overlap + ", blend=" + blend
        + ", batch=" + batchSize + ", padding=" + padding + ", flips=" + Arrays.toString(flipAxes)
        + ", activation=" + activation + "]";
  }
}
