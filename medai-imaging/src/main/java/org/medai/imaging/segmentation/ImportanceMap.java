package org.medai.imaging.segmentation;

/**
 * Per-voxel weights of one window, in (k, j, i) order with i fastest.
 *
 * <p>Gaussian (nnU-Net's definition): a unit impulse at the window centre ({@code roi / 2}, integer
 * division) filtered by a gaussian of sigma {@code roi × sigmaScale} per axis, truncated at
 * {@code round(4·sigma)} voxels as scipy's {@code gaussian_filter} does, divided by its maximum,
 * and with every zero replaced by the smallest non-zero weight so that no voxel has weight 0.
 * Because the kernel is separable, the weight is a product of three 1-D gaussians.
 */
public final class ImportanceMap {
  private ImportanceMap() {}

  public static float[] of(SlidingWindow w) {
    int[] roi = w.roi();
    int n = roi[0] * roi[1] * roi[2];
    float[] map = new float[n];
    if (w.blend() == Blend.CONSTANT) {
      java.util.Arrays.fill(map, 1f);
      return map;
    }
    double[][] axis = new double[3][];
    for (int a = 0; a < 3; a++) axis[a] = gaussian1d(roi[a], w.sigmaScale());
    float minNonZero = Float.MAX_VALUE;
    int e = 0;
    for (int k = 0; k < roi[2]; k++) {
      for (int j = 0; j < roi[1]; j++) {
        for (int i = 0; i < roi[0]; i++) {
          float v = (float) (axis[0][i] * axis[1][j] * axis[2][k]);
          map[e++] = v;
          if (v > 0 && v < minNonZero) minNonZero = v;
        }
      }
    }
    for (int x = 0; x < n; x++) if (map[x] == 0) map[x] = minNonZero;
    return map;
  }

  /** exp(−t²/2σ²) at t = x − size/2, zero beyond the truncation radius; peak 1. */
  static double[] gaussian1d(int size, double sigmaScale) {
    double sigma = size * sigmaScale;
    int centre = size / 2;
    int radius = (int) (4.0 * sigma + 0.5);
    double[] g = new double[size];
    for (int x = 0; x < size; x++) {
      int t = x - centre;
      g[x] = Math.abs(t) > radius ? 0 : Math.exp(-(t * (double) t) / (2 * sigma * sigma));
    }
    return g;
  }
}
