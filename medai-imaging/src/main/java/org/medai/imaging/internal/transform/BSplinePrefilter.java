package org.medai.imaging.internal.transform;

import org.medai.core.concurrent.WorkPool;
import org.medai.core.memory.RawMemory;
import org.medai.core.tensor.Tensor;
import org.medai.imaging.transform.ResamplePlan;

/**
 * The exact cubic B-spline interpolation prefilter (Unser; scipy.ndimage {@code spline_filter1d},
 * {@code order=3, mode='mirror'}): gain 6, one causal and one anticausal first-order recursion with
 * pole {@code z = √3 − 2}, whole-sample mirror initialisation. Runs on a contiguous float32
 * (D, H, W) coefficient volume, in float32 with fixed fma order (the device twin runs one lane per
 * line with the same operations):
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
 *
 * <p>Data movement (two streaming passes over the volume): pass 1 takes one source plane at a time
 * into a heap block of row arrays (int16 widened), filters along i (four rows interleaved, so the
 * latency-bound recursions overlap), then along j with all rows as lanes (each recursion step is a
 * whole-row fma loop the JIT vectorizes), and writes the plane out; pass 2 filters along k over
 * blocks of {@code n_k} contiguous pieces of the planes (lanes again whole arrays). Heap per task:
 * one source plane of float32, or {@value #K_BLOCK_BYTES} bytes for pass 2.
 */
final class BSplinePrefilter {
  static final float Z = (float) (Math.sqrt(3) - 2);
  private static final float GAIN = 6f;
  private static final float ANTI = Z / (Z * Z - 1f);
  /** Target heap bytes of one pass-2 block ({@code n_k} lane rows). */
  static final int K_BLOCK_BYTES = 512 << 10;

  private BSplinePrefilter() {}

  /**
   * Converts one source channel (D, H, W view) to float32 at {@code coeff} and prefilters the plan's
   * cubic axes.
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
    pool.parallelFor(nz, 1, (from, to) -> {
      float[][] plane = new float[ny][nx];
      for (long k = from; k < to; k++) {
        for (int j = 0; j < ny; j++) {
          long s = base + j * bsj + k * bsk;
          float[] row = plane[j];
          if (floats) {
            RawMemory.readFloats(s, row, 0, nx);
          } else if (shorts) {
            for (int i = 0; i < nx; i++) row[i] = RawMemory.getShort(s + 2L * i);
          } else {
            for (int i = 0; i < nx; i++) row[i] = VoxelAccess.load(code, s + i * bsi);
          }
        }
        if (fx && nx > 1) {
          int j = 0;
          for (; j + 4 <= ny; j += 4) filterLines4(plane[j], plane[j + 1], plane[j + 2], plane[j + 3], nx);
          for (; j < ny; j++) filterLine(plane[j], nx);
        }
        if (fy) filterLanes(plane, ny, nx);
        long d = coeff + k * sliceBytes;
        for (int j = 0; j < ny; j++) RawMemory.writeFloats(plane[j], 0, d + j * rowBytes, nx);
      }
    });
    if (fz && nz > 1) {
      long plane = (long) nx * ny;
      int lanes = (int) Math.min(plane, Math.max(16, K_BLOCK_BYTES / (4L * nz)));
      long blocks = (plane + lanes - 1) / lanes;
      pool.parallelFor(blocks, 1, (from, to) -> {
        float[][] block = new float[nz][lanes];
        for (long b = from; b < to; b++) {
          long e0 = b * lanes;
          int n = (int) Math.min(lanes, plane - e0);
          if (n < lanes) block = new float[nz][n];
          for (int m = 0; m < nz; m++) RawMemory.readFloats(coeff + m * sliceBytes + 4 * e0, block[m], 0, n);
          filterLanes(block, nz, n);
          for (int m = 0; m < nz; m++) RawMemory.writeFloats(block[m], 0, coeff + m * sliceBytes + 4 * e0, n);
        }
      });
    }
  }

  /**
   * The recursion along the first index of {@code c} (n rows), every element of a row one lane:
   * each step is a whole-array loop over {@code lanes} elements.
   */
  static void filterLanes(float[][] c, int n, int lanes) {
    if (n < 2) return;
    for (int m = 0; m < n; m++) {
      final float[] r = c[m];
      for (int l = 0; l < lanes; l++) r[l] *= GAIN;
    }
    float zn1 = 1f;
    for (int m = 0; m < n - 1 && zn1 != 0f; m++) zn1 *= Z;
    final float[] first = c[0];
    {
      final float[] last = c[n - 1];
      final float z = zn1;
      for (int l = 0; l < lanes; l++) first[l] = Math.fma(z, last[l], first[l]);
    }
    float zi = Z;
    for (int m = 1; m < n - 1 && zi != 0f; m++) {
      final float[] rm = c[m], rq = c[n - 1 - m];
      final float z = zn1, w = zi;
      for (int l = 0; l < lanes; l++) first[l] = Math.fma(w, Math.fma(z, rq[l], rm[l]), first[l]);
      zi *= Z;
    }
    final float denom = 1f - zn1 * zn1;
    for (int l = 0; l < lanes; l++) first[l] = first[l] / denom;
    for (int m = 1; m < n; m++) {
      final float[] row = c[m], prev = c[m - 1];
      for (int l = 0; l < lanes; l++) row[l] = Math.fma(Z, prev[l], row[l]);
    }
    {
      final float[] last = c[n - 1], before = c[n - 2];
      for (int l = 0; l < lanes; l++) last[l] = Math.fma(Z, before[l], last[l]) * ANTI;
    }
    for (int m = n - 2; m >= 0; m--) {
      final float[] row = c[m], next = c[m + 1];
      for (int l = 0; l < lanes; l++) row[l] = Z * (next[l] - row[l]);
    }
  }

  /** One line: the same operations as {@link #filterLanes} with one lane. */
  static void filterLine(float[] c, int n) {
    if (n < 2) return;
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

  /**
   * Four lines of the same length at once, each with exactly the operations of {@link #filterLine}:
   * the four recursions are independent, so their latency chains overlap.
   */
  static void filterLines4(float[] a, float[] b, float[] c, float[] d, int n) {
    for (int e = 0; e < n; e++) {
      a[e] *= GAIN;
      b[e] *= GAIN;
      c[e] *= GAIN;
      d[e] *= GAIN;
    }
    float zn1 = 1f;
    for (int m = 0; m < n - 1 && zn1 != 0f; m++) zn1 *= Z;
    float a0 = Math.fma(zn1, a[n - 1], a[0]), b0 = Math.fma(zn1, b[n - 1], b[0]);
    float c0 = Math.fma(zn1, c[n - 1], c[0]), d0 = Math.fma(zn1, d[n - 1], d[0]);
    float zi = Z;
    for (int m = 1; m < n - 1 && zi != 0f; m++) {
      int q = n - 1 - m;
      a0 = Math.fma(zi, Math.fma(zn1, a[q], a[m]), a0);
      b0 = Math.fma(zi, Math.fma(zn1, b[q], b[m]), b0);
      c0 = Math.fma(zi, Math.fma(zn1, c[q], c[m]), c0);
      d0 = Math.fma(zi, Math.fma(zn1, d[q], d[m]), d0);
      zi *= Z;
    }
    float denom = 1f - zn1 * zn1;
    float pa = a0 / denom, pb = b0 / denom, pc = c0 / denom, pd = d0 / denom;
    a[0] = pa;
    b[0] = pb;
    c[0] = pc;
    d[0] = pd;
    for (int m = 1; m < n; m++) {
      pa = Math.fma(Z, pa, a[m]);
      pb = Math.fma(Z, pb, b[m]);
      pc = Math.fma(Z, pc, c[m]);
      pd = Math.fma(Z, pd, d[m]);
      a[m] = pa;
      b[m] = pb;
      c[m] = pc;
      d[m] = pd;
    }
    pa = Math.fma(Z, a[n - 2], a[n - 1]) * ANTI;
    pb = Math.fma(Z, b[n - 2], b[n - 1]) * ANTI;
    pc = Math.fma(Z, c[n - 2], c[n - 1]) * ANTI;
    pd = Math.fma(Z, d[n - 2], d[n - 1]) * ANTI;
    a[n - 1] = pa;
    b[n - 1] = pb;
    c[n - 1] = pc;
    d[n - 1] = pd;
    for (int m = n - 2; m >= 0; m--) {
      pa = Z * (pa - a[m]);
      pb = Z * (pb - b[m]);
      pc = Z * (pc - c[m]);
      pd = Z * (pd - d[m]);
      a[m] = pa;
      b[m] = pb;
      c[m] = pc;
      d[m] = pd;
    }
  }
}
