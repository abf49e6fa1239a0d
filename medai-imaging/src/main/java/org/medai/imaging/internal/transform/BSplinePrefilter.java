package org.medai.imaging.internal.transform;

import static org.medai.core.internal.UnsafeAccess.U;

import org.medai.core.concurrent.WorkPool;
import org.medai.core.tensor.Tensor;
import org.medai.imaging.transform.ResamplePlan;

/**
 * The exact cubic B-spline interpolation prefilter (Unser; scipy.ndimage {@code spline_filter1d},
 * {@code order=3, mode='mirror'}): gain 6, one causal and one anticausal first-order recursion with
 * pole {@code z = √3 − 2}, whole-sample mirror initialisation. Runs in place on a contiguous
 * float32 (D, H, W) coefficient volume, in float32 with fixed fma order (the device twin runs one
 * lane per line with the same operations):
 * <pre>
 *   c[m] *= 6
 *   c[0] = fma(zn1, c[n-1], c[0]);  zi = z
 *   for m in 1..n-2 while zi != 0:  c[0] = fma(zi, fma(zn1, c[n-1-m], c[m]), c[0]);  zi *= z
 *   c[0] = c[0] / (1 - zn1*zn1)                      (zn1 = z^(n-1) by repeated multiplication)
 *   for m in 1..n-1:                c[m] = fma(z, c[m-1], c[m])
 *   c[n-1] = fma(z, c[n-2], c[n-1]) * (z / (z*z - 1))
 *   for m in n-2..0:                c[m] = z * (c[m+1] - c[m])
 * </pre>
 * Stopping the initial sum when {@code z^m} underflows to zero (m ≈ 80 in float32) changes no bit.
 * Lines along i are filtered one at a time; lines along j and k are filtered row-wise, all i lanes
 * of a row together, so the passes stream through memory without any line buffer.
 */
final class BSplinePrefilter {
  static final float Z = (float) (Math.sqrt(3) - 2);
  private static final float GAIN = 6f;
  private static final float ANTI = Z / (Z * Z - 1f);

  private BSplinePrefilter() {}

  /** Converts one source channel (D, H, W view) to float32 at {@code coeff} and prefilters the plan's cubic axes. */
  static void run(Tensor channel, ResamplePlan plan, long coeff, WorkPool pool) {
    int nx = (int) plan.source().extent().i();
    int ny = (int) plan.source().extent().j();
    int nz = (int) plan.source().extent().k();
    int es = channel.dtype().byteSize();
    int code = VoxelAccess.code(channel.dtype());
    long[] st = channel.strides();
    long base = channel.hostBuffer().address() + channel.offset() * es;
    long bsi = st[2] * es, bsj = st[1] * es, bsk = st[0] * es;
    boolean fx = plan.prefilters(0), fy = plan.prefilters(1), fz = plan.prefilters(2);
    long rowBytes = 4L * nx, sliceBytes = rowBytes * ny;
    pool.parallelFor((long) ny * nz, 64, (from, to) -> {
      for (long r = from; r < to; r++) {
        int j = (int) (r % ny), k = (int) (r / ny);
        long s = base + j * bsj + k * bsk;
        long d = coeff + k * sliceBytes + j * rowBytes;
        for (int i = 0; i < nx; i++) U.putFloat(d + 4L * i, VoxelAccess.load(code, s + i * bsi));
        if (fx) filter(d, nx, 4, 1);
      }
    });
    if (fy) {
      pool.parallelFor(nz, 1, (from, to) -> {
        for (long k = from; k < to; k++) filter(coeff + k * sliceBytes, ny, rowBytes, nx);
      });
    }
    if (fz) {
      pool.parallelFor(ny, 1, (from, to) -> {
        for (long j = from; j < to; j++) filter(coeff + j * rowBytes, nz, sliceBytes, nx);
      });
    }
  }

  /**
   * Filters {@code lanes} adjacent float lines at once; line element m of lane l is at
   * {@code base + m * lineStride + 4 l}.
   */
  static void filter(long base, int n, long lineStride, int lanes) {
    if (n < 2) return;
    for (int m = 0; m < n; m++) {
      long row = base + m * lineStride;
      for (int l = 0; l < lanes; l++) {
        long a = row + 4L * l;
        U.putFloat(a, U.getFloat(a) * GAIN);
      }
    }
    float zn1 = 1f;
    for (int m = 0; m < n - 1 && zn1 != 0f; m++) zn1 *= Z;
    long last = base + (long) (n - 1) * lineStride;
    for (int l = 0; l < lanes; l++) {
      long a = base + 4L * l;
      U.putFloat(a, Math.fma(zn1, U.getFloat(last + 4L * l), U.getFloat(a)));
    }
    float zi = Z;
    for (int m = 1; m < n - 1 && zi != 0f; m++) {
      long rm = base + m * lineStride, rq = base + (long) (n - 1 - m) * lineStride;
      for (int l = 0; l < lanes; l++) {
        long a = base + 4L * l;
        U.putFloat(a, Math.fma(zi, Math.fma(zn1, U.getFloat(rq + 4L * l), U.getFloat(rm + 4L * l)), U.getFloat(a)));
      }
      zi *= Z;
    }
    float denom = 1f - zn1 * zn1;
    for (int l = 0; l < lanes; l++) {
      long a = base + 4L * l;
      U.putFloat(a, U.getFloat(a) / denom);
    }
    for (int m = 1; m < n; m++) {
      long prev = base + (long) (m - 1) * lineStride, row = base + m * lineStride;
      for (int l = 0; l < lanes; l++) {
        long a = row + 4L * l;
        U.putFloat(a, Math.fma(Z, U.getFloat(prev + 4L * l), U.getFloat(a)));
      }
    }
    long before = base + (long) (n - 2) * lineStride;
    for (int l = 0; l < lanes; l++) {
      long a = last + 4L * l;
      U.putFloat(a, Math.fma(Z, U.getFloat(before + 4L * l), U.getFloat(a)) * ANTI);
    }
    for (int m = n - 2; m >= 0; m--) {
      long row = base + m * lineStride, next = base + (long) (m + 1) * lineStride;
      for (int l = 0; l < lanes; l++) {
        long a = row + 4L * l;
        U.putFloat(a, Z * (U.getFloat(next + 4L * l) - U.getFloat(a)));
      }
    }
  }
}
