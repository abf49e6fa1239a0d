package org.medai.imaging.internal.transform;

import org.medai.core.memory.RawMemory;

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
 * Lines along i are filtered one staged row at a time; lines along j and k in staged strips of
 * adjacent i lanes.
 */
final class BSplinePrefilter {
  static final float Z = (float) (Math.sqrt(3) - 2);
  private static final float GAIN = 6f;
  private static final float ANTI = Z / (Z * Z - 1f);

  private BSplinePrefilter() {}

  /** Lanes per strip of the j and k passes: a strip of n × 64 floats is staged on the heap per task. */
  static final int STRIP = 64;

  /**
   * Converts one source channel (D, H, W view) to float32 at {@code coeff} and prefilters the plan's
   * cubic axes. Lines along i are staged one row at a time; the j and k passes stage strips of
   * {@value #STRIP} adjacent i lanes (n × 64 floats per task, a bounded heap block) so the
   * recursions run over heap arrays the JIT vectorizes across lanes.
   */
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
    boolean shorts = code == VoxelAccess.I16 && bsi == 2;
    boolean floats = code == VoxelAccess.F32 && bsi == 4;
    pool.parallelFor((long) ny * nz, 64, (from, to) -> {
      float[] row = new float[nx];
      short[] staging = shorts ? new short[nx] : null;
      for (long r = from; r < to; r++) {
        int j = (int) (r % ny), k = (int) (r / ny);
        long s = base + j * bsj + k * bsk;
        long d = coeff + k * sliceBytes + j * rowBytes;
        if (floats) {
          RawMemory.readFloats(s, row, 0, nx);
        } else if (shorts) {
          RawMemory.readShorts(s, staging, 0, nx);
          for (int i = 0; i < nx; i++) row[i] = staging[i];
        } else {
          for (int i = 0; i < nx; i++) row[i] = VoxelAccess.load(code, s + i * bsi);
        }
        if (fx) filter(row, nx, 1);
        RawMemory.writeFloats(row, 0, d, nx);
      }
    });
    int strips = (nx + STRIP - 1) / STRIP;
    if (fy) stripPass(coeff, ny, rowBytes, nz, sliceBytes, nx, strips, pool);
    if (fz) stripPass(coeff, nz, sliceBytes, ny, rowBytes, nx, strips, pool);
  }

  /** Filters every line along an axis of length {@code n} and byte stride {@code lineStride}, in strips of lanes. */
  private static void stripPass(long coeff, int n, long lineStride, int outer, long outerStride, int nx, int strips,
      WorkPool pool) {
    pool.parallelFor((long) outer * strips, 1, (from, to) -> {
      float[] strip = new float[n * STRIP];
      for (long t = from; t < to; t++) {
        long o = t / strips;
        int x0 = (int) (t % strips) * STRIP;
        int lanes = Math.min(STRIP, nx - x0);
        long b = coeff + o * outerStride + 4L * x0;
        for (int m = 0; m < n; m++) RawMemory.readFloats(b + m * lineStride, strip, m * lanes, lanes);
        filter(strip, n, lanes);
        for (int m = 0; m < n; m++) RawMemory.writeFloats(strip, m * lanes, b + m * lineStride, lanes);
      }
    });
  }

  /** The recursion on a heap array: element m of lane l at {@code c[m * lanes + l]}. */
  static void filter(float[] c, int n, int lanes) {
    if (n < 2) return;
    if (lanes == 1) {
      filterLine(c, n);
      return;
    }
    int total = n * lanes;
    for (int e = 0; e < total; e++) c[e] *= GAIN;
    float zn1 = 1f;
    for (int m = 0; m < n - 1 && zn1 != 0f; m++) zn1 *= Z;
    int last = (n - 1) * lanes;
    for (int l = 0; l < lanes; l++) c[l] = Math.fma(zn1, c[last + l], c[l]);
    float zi = Z;
    for (int m = 1; m < n - 1 && zi != 0f; m++) {
      int rm = m * lanes, rq = (n - 1 - m) * lanes;
      for (int l = 0; l < lanes; l++) c[l] = Math.fma(zi, Math.fma(zn1, c[rq + l], c[rm + l]), c[l]);
      zi *= Z;
    }
    float denom = 1f - zn1 * zn1;
    for (int l = 0; l < lanes; l++) c[l] = c[l] / denom;
    for (int m = 1; m < n; m++) {
      int row = m * lanes, prev = row - lanes;
      for (int l = 0; l < lanes; l++) c[row + l] = Math.fma(Z, c[prev + l], c[row + l]);
    }
    int before = (n - 2) * lanes;
    for (int l = 0; l < lanes; l++) c[last + l] = Math.fma(Z, c[before + l], c[last + l]) * ANTI;
    for (int m = n - 2; m >= 0; m--) {
      int row = m * lanes, next = row + lanes;
      for (int l = 0; l < lanes; l++) c[row + l] = Z * (c[next + l] - c[row + l]);
    }
  }

  /** One line, the same operations as {@link #filter} with one lane, without the lane loops. */
  private static void filterLine(float[] c, int n) {
    for (int e = 0; e < n; e++) c[e] *= GAIN;
    float zn1 = 1f;
    for (int m = 0; m < n - 1 && zn1 != 0f; m++) zn1 *= Z;
    float c0 = Math.fma(zn1, c[n - 1], c[0]);
    float zi = Z;
    for (int m = 1; m < n - 1 && zi != 0f; m++) {
      c0 = Math.fma(zi, Math.fma(zn1, c[n - 1 - m], c[m]), c0);
      zi *= Z;
    }
    float prev = c0 / (1f - zn1 * zn1);
    c[0] = prev;
    for (int m = 1; m < n; m++) {
      prev = Math.fma(Z, prev, c[m]);
      c[m] = prev;
    }
    float next = Math.fma(Z, c[n - 2], c[n - 1]) * ANTI;
    c[n - 1] = next;
    for (int m = n - 2; m >= 0; m--) {
      next = Z * (next - c[m]);
      c[m] = next;
    }
  }
}
