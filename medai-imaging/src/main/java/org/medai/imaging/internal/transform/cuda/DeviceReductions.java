package org.medai.imaging.internal.transform.cuda;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.medai.core.backend.Backend;
import org.medai.core.backend.Backends;
import org.medai.core.backend.DeviceKernels;
import org.medai.core.backend.DeviceKernels.Grid;
import org.medai.core.backend.DeviceKernels.Kernel;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.imaging.transform.TransformException;

/**
 * Device reductions of one channel (a (D, H, W) view of a device tensor, any strides, any dtype): the
 * twins of {@code CpuIntensity.moments}, {@code CpuIntensity.percentiles} and
 * {@code CropPad.foregroundBox}, returning exactly the CPU's values. Kernels in
 * {@code org/medai/imaging/kernels/reduce.cu}; only small partial results come back to the host
 * (moments: 16 bytes per slice; histograms: 512 KiB per pass; box: 24 bytes), never the volume.
 *
 * <ul>
 *   <li>Moments: one thread per slice sums in double in the CPU's (j, i) order, the host adds the
 *       slice partials in slice order, so count, mean and standard deviation are bit-identical to
 *       the CPU (two passes: sum, then squared deviations from the mean). The parallelism is the
 *       slice count, which is ample for the memory-bound pass on real volumes (hundreds of slices).
 *   <li>Percentiles: the CPU's exact two-level radix select, with each 65536-bin histogram of
 *       float32 keys built on the device by 64-bit atomic increments (order-independent, hence
 *       exact); the selection among bins runs on the host on the downloaded counts.
 *   <li>Foreground box: one thread per row finds its first and last voxel above the threshold and
 *       merges them into six integers with atomic min/max.
 * </ul>
 *
 * Masks (voxels where channel 0 is {@code > 0} as float32) become a temporary contiguous byte flag
 * volume on the device; a host mask is uploaded first. Temporaries live in a private scope that is
 * closed after a synchronize. Stateless, thread-safe (calls on one backend serialize on its stream).
 */
public final class DeviceReductions {
  private static final String REDUCE = "/org/medai/imaging/kernels/reduce.cu";
  private static final int BINS = 65536;

  private DeviceReductions() {}

  private static Kernel kernel(String name, DType t) {
    return new Kernel(DeviceReductions.class, REDUCE, name + "_" + DeviceTransforms.suffix(t));
  }

  /** Contiguous 0/1 flags of {@code mask} (a (D, H, W) channel) on {@code b}, or a 1-byte placeholder when null. */
  private static Tensor flags(Backend b, Tensor mask, long[] shape, MemoryScope tmp) {
    if (mask == null) return b.allocate(DType.UINT8, tmp, 1);
    Tensor m = mask;
    if (m.isHost()) {
      m = b.upload(m, tmp);
    } else if (Backends.owning(m).orElse(null) != b) {
      throw new TransformException("MEDAI-XFORM-063",
          "the mask lives on %s but the volume on %s; move the mask to the volume's device first".formatted(m.device(), b.name()));
    }
    long[] sh = m.shape();
    long[] st = m.strides();
    Tensor f = b.allocate(DType.UINT8, tmp, shape);
    if (m.elementCount() > 0) {
      DeviceTransforms.kernelsOf(b).launch(kernel("medai_mask_flags", m.dtype()),
          Grid.cover(sh[2], sh[1], sh[0], DeviceTransforms.BLOCK_I, DeviceTransforms.BLOCK_J),
          m, f, (int) sh[2], (int) sh[1], (int) sh[0], st[2], st[1], st[0]);
    }
    return f;
  }

  /**
   * Count, mean and population standard deviation of the float32 values of {@code src} where
   * {@code mask > 0} (or all): {@code {n, mean, std}}, {@code {0, NaN, NaN}} when none; bit-identical
   * to {@code CpuIntensity.moments}.
   */
  public static double[] moments(Tensor src, Tensor mask) {
    Backend b = DeviceTransforms.backendOf(src);
    DeviceKernels k = DeviceTransforms.kernelsOf(b);
    long[] sh = src.shape();
    long[] st = src.strides();
    int nz = (int) sh[0];
    try (MemoryScope tmp = MemoryScope.open()) {
      Tensor f = flags(b, mask, sh, tmp);
      int useMask = mask == null ? 0 : 1;
      double n = 0, total = 0;
      if (nz > 0) {
        Tensor part = b.allocate(DType.FLOAT64, tmp, 2L * nz);
        k.launch(kernel("medai_moments_sum", src.dtype()), k.gridStride(nz),
            src, f, useMask, (int) sh[2], (int) sh[1], nz, st[2], st[1], st[0], part);
        Tensor h = b.download(part, tmp);
        for (int z = 0; z < nz; z++) {
          n += h.readDouble(2L * z);
          total += h.readDouble(2L * z + 1);
        }
      }
      if (n == 0) {
        b.synchronize();
        return new double[] {0, Double.NaN, Double.NaN};
      }
      double mean = total / n;
      Tensor dev = b.allocate(DType.FLOAT64, tmp, nz);
      k.launch(kernel("medai_moments_dev", src.dtype()), k.gridStride(nz),
          src, f, useMask, (int) sh[2], (int) sh[1], nz, st[2], st[1], st[0], mean, dev);
      Tensor h = b.download(dev, tmp);
      double ss = 0;
      for (int z = 0; z < nz; z++) ss += h.readDouble(z);
      b.synchronize();
      return new double[] {n, mean, Math.sqrt(ss / n)};
    }
  }

  /** One 65536-bin histogram pass (high key bits when {@code topBin < 0}), downloaded as counts. */
  private static long[] histogram(Backend b, Tensor src, Tensor f, int useMask, int topBin, Tensor hist, MemoryScope tmp) {
    long[] sh = src.shape();
    long[] st = src.strides();
    b.fill(hist, 0);
    DeviceKernels k = DeviceTransforms.kernelsOf(b);
    k.launch(kernel("medai_key_histogram", src.dtype()),
        Grid.cover(sh[2], sh[1], sh[0], DeviceTransforms.BLOCK_I, DeviceTransforms.BLOCK_J),
        src, f, useMask, (int) sh[2], (int) sh[1], (int) sh[0], st[2], st[1], st[0], topBin, hist);
    try (MemoryScope s = tmp.child()) {
      Tensor h = b.download(hist, s);
      long[] counts = new long[BINS];
      // the counters are 64-bit integers held in a float64 tensor (medai has no 64-bit integer dtype)
      for (int i = 0; i < BINS; i++) counts[i] = Double.doubleToRawLongBits(h.readDouble(i));
      return counts;
    }
  }

  private static float unkey(int u) {
    int s = u ^ 0x80000000;
    return Float.intBitsToFloat(s ^ ((s >> 31) & 0x7fffffff));
  }

  /**
   * Exact percentiles (NumPy's 'linear' method) of the float32 values of {@code src} where
   * {@code mask > 0} (or all), NaNs ignored, NaN results when none qualify; identical to
   * {@code CpuIntensity.percentiles}. Cost: one device pass, plus one per distinct high key bin
   * of the needed ranks (at most two per percentile; usually fewer, neighbouring ranks share one).
   */
  public static double[] percentiles(Tensor src, Tensor mask, double[] pcts) {
    Backend b = DeviceTransforms.backendOf(src);
    double[] out = new double[pcts.length];
    if (src.elementCount() == 0) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    try (MemoryScope tmp = MemoryScope.open()) {
      Tensor f = flags(b, mask, src.shape(), tmp);
      int useMask = mask == null ? 0 : 1;
      Tensor hist = b.allocate(DType.FLOAT64, tmp, BINS);
      long[] top = histogram(b, src, f, useMask, -1, hist, tmp);
      long n = 0;
      for (long c : top) n += c;
      if (n == 0) {
        Arrays.fill(out, Double.NaN);
        b.synchronize();
        return out;
      }
      long[] ranks = new long[2 * pcts.length];
      for (int p = 0; p < pcts.length; p++) {
        double r = pcts[p] / 100.0 * (n - 1);
        ranks[2 * p] = (long) Math.floor(r);
        ranks[2 * p + 1] = Math.min(n - 1, ranks[2 * p] + 1);
      }
      float[] values = new float[ranks.length];
      // ranks in one high bin (neighbouring ranks, nearby percentiles) share one low-bits pass
      Map<Integer, long[]> lows = new HashMap<>();
      for (int q = 0; q < ranks.length; q++) {
        long before = 0;
        int bin = 0;
        while (before + top[bin] <= ranks[q]) before += top[bin++];
        final int topBin = bin;
        long[] low = lows.computeIfAbsent(topBin, x -> histogram(b, src, f, useMask, topBin, hist, tmp));
        long rest = ranks[q] - before;
        int lb = 0;
        while (rest >= low[lb]) rest -= low[lb++];
        values[q] = unkey((bin << 16) | lb);
      }
      for (int p = 0; p < pcts.length; p++) {
        double r = pcts[p] / 100.0 * (n - 1);
        double fr = r - Math.floor(r);
        double a = values[2 * p], c = values[2 * p + 1];
        out[p] = a + fr * (c - a);
      }
      b.synchronize();
      return out;
    }
  }

  /**
   * The inclusive index bounds {@code {i0, j0, k0, i1, j1, k1}} of the voxels of {@code channel}
   * (a (D, H, W) device view) whose exact value is {@code > threshold}, or null when there is none.
   */
  public static long[] foregroundBounds(Tensor channel, double threshold) {
    Backend b = DeviceTransforms.backendOf(channel);
    DeviceKernels k = DeviceTransforms.kernelsOf(b);
    long[] sh = channel.shape();
    long[] st = channel.strides();
    long rows = sh[0] * sh[1];
    if (rows == 0 || sh[2] == 0) return null;
    try (MemoryScope tmp = MemoryScope.open()) {
      Tensor init = Tensor.allocate(DType.INT32, tmp, 6);
      for (int a = 0; a < 6; a++) init.writeDouble(a, a < 3 ? Integer.MAX_VALUE : -1);
      Tensor box = b.upload(init, tmp);
      k.launch(kernel("medai_foreground_box", channel.dtype()), k.gridStride(rows),
          channel, (int) sh[2], (int) sh[1], (int) sh[0], st[2], st[1], st[0], threshold, box);
      Tensor h = b.download(box, tmp);
      b.synchronize();
      if (h.readDouble(3) < 0) return null;
      long[] r = new long[6];
      for (int a = 0; a < 6; a++) r[a] = (long) h.readDouble(a);
      return r;
    }
  }
}
