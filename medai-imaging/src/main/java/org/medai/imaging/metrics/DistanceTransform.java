package org.medai.imaging.metrics;

import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Vec3;

/**
 * Exact Euclidean distance transform on an anisotropic grid (Felzenszwalb and Huttenlocher's
 * lower envelope of parabolas, one axis at a time). Distances are in millimetres, measured along
 * the voxel axes with the given spacing (the direction matrix is orthonormal, so it does not
 * change distances). Stateless and thread-safe; memory: 8 bytes per voxel on the Java heap.
 */
public final class DistanceTransform {
  private static final double INF = Double.POSITIVE_INFINITY;

  private DistanceTransform() {}

  /**
   * Squared distance (mm²) from every voxel to the nearest voxel where {@code source} is true;
   * +∞ everywhere when there is no source. Arrays are in i-fastest order.
   */
  public static double[] squaredDistanceMm2(boolean[] source, Extent extent, Vec3 spacingMm) {
    int ni = Math.toIntExact(extent.i());
    int nj = Math.toIntExact(extent.j());
    int nk = Math.toIntExact(extent.k());
    int n = Math.multiplyExact(Math.multiplyExact(ni, nj), nk);
    if (source.length != n) throw new IllegalArgumentException("mask has " + source.length + " voxels, extent " + extent);
    double[] d = new double[n];
    for (int x = 0; x < n; x++) d[x] = source[x] ? 0 : INF;
    int maxLen = Math.max(ni, Math.max(nj, nk));
    double[] f = new double[maxLen];
    double[] out = new double[maxLen];
    int[] v = new int[maxLen];
    double[] z = new double[maxLen + 1];
    double si = spacingMm.x() * spacingMm.x();
    double sj = spacingMm.y() * spacingMm.y();
    double sk = spacingMm.z() * spacingMm.z();
    for (int k = 0; k < nk; k++) for (int j = 0; j < nj; j++) line(d, (k * nj + j) * ni, 1, ni, si, f, out, v, z);
    for (int k = 0; k < nk; k++) for (int i = 0; i < ni; i++) line(d, k * nj * ni + i, ni, nj, sj, f, out, v, z);
    for (int j = 0; j < nj; j++) for (int i = 0; i < ni; i++) line(d, j * ni + i, ni * nj, nk, sk, f, out, v, z);
    return d;
  }

  /** 1-D transform of d[start + stride·q], q < n, with squared spacing w, in place. */
  private static void line(double[] d, int start, int stride, int n, double w,
                           double[] f, double[] out, int[] v, double[] z) {
    int finite = 0;
    for (int q = 0; q < n; q++) {
      f[q] = d[start + q * stride];
      if (f[q] < INF) finite++;
    }
    if (finite == 0 || finite == n && allZero(f, n)) return;
    int k = -1;
    for (int q = 0; q < n; q++) {
      if (f[q] == INF) continue;
      if (k < 0) {
        k = 0;
        v[0] = q;
        z[0] = -INF;
        z[1] = INF;
        continue;
      }
      double s;
      while (true) {
        int p = v[k];
        s = ((f[q] + w * q * (double) q) - (f[p] + w * p * (double) p)) / (2 * w * (q - p));
        if (s <= z[k]) {
          k--;
          if (k < 0) break;
        } else {
          break;
        }
      }
      k++;
      v[k] = q;
      z[k] = k == 0 ? -INF : s;
      z[k + 1] = INF;
    }
    int j = 0;
    for (int q = 0; q < n; q++) {
      while (z[j + 1] < q) j++;
      double dq = q - v[j];
      out[q] = w * dq * dq + f[v[j]];
    }
    for (int q = 0; q < n; q++) d[start + q * stride] = out[q];
  }

  private static boolean allZero(double[] f, int n) {
    for (int q = 0; q < n; q++) if (f[q] != 0) return false;
    return true;
  }
}
