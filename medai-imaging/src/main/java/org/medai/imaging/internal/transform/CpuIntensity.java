package org.medai.imaging.internal.transform;

import org.medai.core.memory.RawMemory;

import org.medai.core.concurrent.WorkPool;
import org.medai.core.tensor.Tensor;

/**
 * CPU twins of the intensity kernels, on one channel (a (D, H, W) view with any strides):
 * the fused map {@code out = min(max(fma(float(v), scale, offset), lo), hi)} into float32, masked
 * moments, and exact percentiles by a two-pass radix select on the float32 values (bounded memory:
 * 256 KiB histograms per task, no copy of the volume). Reductions are combined per slice in slice
 * order, so results do not depend on the thread count.
 */
public final class CpuIntensity {
  private CpuIntensity() {}

  /** Address walker over a (D, H, W) view. */
  private record View(long base, long si, long sj, long sk, int code, long nx, long ny, long nz) {
    static View of(Tensor t) {
      int es = t.dtype().byteSize();
      long[] st = t.strides();
      long[] sh = t.shape();
      return new View(t.hostBuffer().address() + t.offset() * es, st[2] * es, st[1] * es, st[0] * es,
          VoxelAccess.code(t.dtype()), sh[2], sh[1], sh[0]);
    }

    long row(long j, long k) {
      return base + j * sj + k * sk;
    }
  }

  /** {@code dst = min(max(fma(src, scale, offset), lo), hi)}; dst is a contiguous float32 (D, H, W). */
  public static void map(Tensor src, Tensor dst, float scale, float offset, float lo, float hi, WorkPool pool) {
    View s = View.of(src);
    long d = dst.hostBuffer().address() + dst.offset() * 4;
    pool.parallelFor(s.ny * s.nz, 64, (from, to) -> {
      for (long r = from; r < to; r++) {
        long row = s.row(r % s.ny, r / s.ny);
        long out = d + r * s.nx * 4;
        for (long i = 0; i < s.nx; i++) {
          float v = Math.fma(VoxelAccess.load(s.code, row + i * s.si), scale, offset);
          RawMemory.putFloat(out + 4 * i, Math.min(Math.max(v, lo), hi));
        }
      }
    });
  }

  /** Count, mean and population standard deviation of the float32 values where {@code mask > 0} (or all). */
  public static double[] moments(Tensor src, Tensor mask, WorkPool pool) {
    View s = View.of(src);
    View m = mask == null ? null : View.of(mask);
    int nz = (int) s.nz;
    double[] count = new double[nz], sum = new double[nz], dev = new double[nz];
    pool.parallelFor(nz, 1, (from, to) -> {
      for (long k = from; k < to; k++) {
        long c = 0;
        double acc = 0;
        for (long j = 0; j < s.ny; j++) {
          long row = s.row(j, k), mrow = m == null ? 0 : m.row(j, k);
          for (long i = 0; i < s.nx; i++) {
            if (m != null && !(VoxelAccess.load(m.code, mrow + i * m.si) > 0)) continue;
            acc += VoxelAccess.load(s.code, row + i * s.si);
            c++;
          }
        }
        count[(int) k] = c;
        sum[(int) k] = acc;
      }
    });
    double n = 0, total = 0;
    for (int k = 0; k < nz; k++) {
      n += count[k];
      total += sum[k];
    }
    if (n == 0) return new double[] {0, Double.NaN, Double.NaN};
    double mean = total / n;
    pool.parallelFor(nz, 1, (from, to) -> {
      for (long k = from; k < to; k++) {
        double acc = 0;
        for (long j = 0; j < s.ny; j++) {
          long row = s.row(j, k), mrow = m == null ? 0 : m.row(j, k);
          for (long i = 0; i < s.nx; i++) {
            if (m != null && !(VoxelAccess.load(m.code, mrow + i * m.si) > 0)) continue;
            double x = VoxelAccess.load(s.code, row + i * s.si) - mean;
            acc += x * x;
          }
        }
        dev[(int) k] = acc;
      }
    });
    double ss = 0;
    for (int k = 0; k < nz; k++) ss += dev[k];
    return new double[] {n, mean, Math.sqrt(ss / n)};
  }

  private static int key(float v) {
    int b = Float.floatToRawIntBits(v);
    return (b ^ ((b >> 31) & 0x7fffffff)) ^ 0x80000000;
  }

  private static float unkey(int u) {
    int s = u ^ 0x80000000;
    return Float.intBitsToFloat(s ^ ((s >> 31) & 0x7fffffff));
  }

  /**
   * Exact percentiles (NumPy's default 'linear' method) of the float32 values where
   * {@code mask > 0} (or all), NaNs ignored; NaN results when no value qualifies.
   */
  public static double[] percentiles(Tensor src, Tensor mask, double[] pcts, WorkPool pool) {
    View s = View.of(src);
    View m = mask == null ? null : View.of(mask);
    long[] top = new long[65536];
    scan(s, m, pool, top, -1);
    long n = 0;
    for (long c : top) n += c;
    double[] out = new double[pcts.length];
    if (n == 0) {
      java.util.Arrays.fill(out, Double.NaN);
      return out;
    }
    long[] ranks = new long[2 * pcts.length];
    for (int p = 0; p < pcts.length; p++) {
      double r = pcts[p] / 100.0 * (n - 1);
      ranks[2 * p] = (long) Math.floor(r);
      ranks[2 * p + 1] = Math.min(n - 1, ranks[2 * p] + 1);
    }
    float[] values = new float[ranks.length];
    for (int q = 0; q < ranks.length; q++) {
      long before = 0;
      int bin = 0;
      while (before + top[bin] <= ranks[q]) before += top[bin++];
      long[] low = new long[65536];
      scan(s, m, pool, low, bin);
      long rest = ranks[q] - before;
      int lb = 0;
      while (rest >= low[lb]) rest -= low[lb++];
      values[q] = unkey((bin << 16) | lb);
    }
    for (int p = 0; p < pcts.length; p++) {
      double r = pcts[p] / 100.0 * (n - 1);
      double f = r - Math.floor(r);
      double a = values[2 * p], b = values[2 * p + 1];
      out[p] = a + f * (b - a);
    }
    return out;
  }

  /** Histogram of the key's high 16 bits ({@code topBin < 0}) or of the low 16 bits within one high bin. */
  private static void scan(View s, View m, WorkPool pool, long[] hist, int topBin) {
    pool.parallelFor(s.nz, 1, (from, to) -> {
      int[] h = new int[65536];
      for (long k = from; k < to; k++) {
        for (long j = 0; j < s.ny; j++) {
          long row = s.row(j, k), mrow = m == null ? 0 : m.row(j, k);
          for (long i = 0; i < s.nx; i++) {
            if (m != null && !(VoxelAccess.load(m.code, mrow + i * m.si) > 0)) continue;
            float v = VoxelAccess.load(s.code, row + i * s.si);
            if (v != v) continue;
            int u = key(v);
            if (topBin < 0) h[u >>> 16]++;
            else if ((u >>> 16) == topBin) h[u & 0xffff]++;
          }
        }
      }
      synchronized (hist) {
        for (int b = 0; b < 65536; b++) hist[b] += h[b];
      }
    });
  }
}
