package org.medai.imaging.transform;

import org.medai.core.concurrent.WorkPool;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;
import org.medai.imaging.internal.transform.CpuIntensity;
import org.medai.imaging.internal.transform.cuda.DeviceReductions;
import org.medai.imaging.internal.transform.cuda.DeviceTransforms;

/**
 * Intensity transforms, any input dtype, float32 output of the same geometry, on the host or (for a
 * volume a CUDA backend allocated) on that device, where the result stays; statistics (z-score
 * moments, percentiles) of a device volume are device reductions that return exactly the CPU's values
 * (only per-slice partials and histograms come back to the host, never the volume).
 * Every transform is one fused element-wise map {@code out = min(max(fma(v, scale, offset), lo),
 * hi)} in float32 ({@link IntensityMap}); the statistics-driven ones (z-score, percentiles) first
 * compute their parameters per channel, optionally inside a mask (voxels where the mask's channel 0
 * is {@code > 0}; same extent as the volume). Stateless, thread-safe; results are allocated in
 * {@code scope}. Cost: one pass (maps), two more (z-score moments) or two to three more
 * (percentiles, an exact radix select with 256 KiB histograms, no copy of the volume).
 */
public final class Intensity {
  private Intensity() {}

  /**
   * The fused element-wise map {@code out = min(max(fma(float32(v), scale, offset), min), max)}.
   * Immutable.
   */
  public record IntensityMap(float scale, float offset, float min, float max) {
    public IntensityMap {
      if (!(min <= max) || !Float.isFinite(scale) || !Float.isFinite(offset)) {
        throw new TransformException("MEDAI-XFORM-050",
            "intensity map needs finite scale/offset and min <= max; got %s, %s, [%s, %s]".formatted(scale, offset, min, max));
      }
    }

    public static IntensityMap affine(double scale, double offset) {
      return new IntensityMap((float) scale, (float) offset, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    }
  }

  /** Per-channel statistics over the (masked) voxels: count, mean, population standard deviation. */
  public record Stats(long count, double mean, double std) {}

  /** Applies one map to every channel. */
  public static Volume apply(Volume v, IntensityMap m, WorkPool pool, MemoryScope scope) {
    Volume out = allocateFloat(v, scope);
    for (int c = 0; c < v.channels(); c++) {
      map(v.data().select(c), out.data().select(c), m.scale(), m.offset(), m.min(), m.max(), pool);
    }
    return out;
  }

  /** A float32 volume like {@code v}: on the host, or on v's device backend. */
  private static Volume allocateFloat(Volume v, MemoryScope scope) {
    if (v.data().isHost()) return Volume.allocate(DType.FLOAT32, v.geometry(), v.channels(), scope);
    return DeviceTransforms.allocate(DeviceTransforms.backendOf(v.data()), DType.FLOAT32, v.geometry(), v.channels(), scope);
  }

  /** The fused map on one channel, on the host or on the device the channel lives on. */
  private static void map(Tensor src, Tensor dst, float scale, float offset, float lo, float hi, WorkPool pool) {
    if (src.isHost()) CpuIntensity.map(src, dst, scale, offset, lo, hi, pool);
    else DeviceTransforms.intensityMap(src, dst, scale, offset, lo, hi);
  }

  /**
   * Channel {@code c} of {@code v} as a host (D, H, W) tensor: a view for host volumes, a download
   * into {@code tmp} for a device mask of a host volume.
   */
  private static Tensor hostChannel(Volume v, int c, MemoryScope tmp) {
    Tensor t = v.data().select(c);
    return t.isHost() ? t : DeviceTransforms.backendOf(t).download(t, tmp);
  }

  /** Window/level (CT display convention): {@code [level - width/2, level + width/2]} → {@code [0, 1]}, clamped. */
  public static Volume window(Volume v, double level, double width, WorkPool pool, MemoryScope scope) {
    if (!(width > 0)) {
      throw new TransformException("MEDAI-XFORM-051", "window width must be positive; got " + width);
    }
    double lo = level - width / 2;
    return apply(v, new IntensityMap((float) (1 / width), (float) (-lo / width), 0f, 1f), pool, scope);
  }

  /** Clips to {@code [lo, hi]}. */
  public static Volume clip(Volume v, double lo, double hi, WorkPool pool, MemoryScope scope) {
    return apply(v, new IntensityMap(1f, 0f, (float) lo, (float) hi), pool, scope);
  }

  /** {@code v · slope + intercept}. */
  public static Volume scale(Volume v, double slope, double intercept, WorkPool pool, MemoryScope scope) {
    return apply(v, IntensityMap.affine(slope, intercept), pool, scope);
  }

  /** Statistics of channel {@code c}, inside {@code mask} (channel 0 {@code > 0}) when not null. */
  public static Stats stats(Volume v, int c, Volume mask, WorkPool pool) {
    checkMask(v, mask);
    if (!v.data().isHost()) {
      double[] m = DeviceReductions.moments(v.data().select(c), mask == null ? null : mask.data().select(0));
      return new Stats((long) m[0], m[1], m[2]);
    }
    try (MemoryScope tmp = MemoryScope.open()) {
      double[] m = CpuIntensity.moments(hostChannel(v, c, tmp), mask == null ? null : hostChannel(mask, 0, tmp), pool);
      return new Stats((long) m[0], m[1], m[2]);
    }
  }

  /**
   * Z-score per channel, {@code (v - mean) / max(std, 1e-8)} with mean and std over the mask (or
   * the whole channel), as nnU-Net's and MONAI's NormalizeIntensity do. The map applies to every
   * voxel, inside the mask or not.
   */
  public static Volume zScore(Volume v, Volume mask, WorkPool pool, MemoryScope scope) {
    checkMask(v, mask);
    Volume out = allocateFloat(v, scope);
    for (int c = 0; c < v.channels(); c++) {
      Stats s = stats(v, c, mask, pool);
      if (s.count() == 0) {
        throw new TransformException("MEDAI-XFORM-052", "z-score mask selects no voxel; check the mask (values > 0 count)");
      }
      double sd = Math.max(s.std(), 1e-8);
      map(v.data().select(c), out.data().select(c), (float) (1 / sd), (float) (-s.mean() / sd),
          Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, pool);
    }
    return out;
  }

  /**
   * Exact percentiles ({@code 0..100}, NumPy's default linear method) of channel {@code c}'s
   * float32 values, inside {@code mask} when not null; NaN values are ignored.
   */
  public static double[] percentiles(Volume v, int c, Volume mask, WorkPool pool, double... pcts) {
    checkMask(v, mask);
    for (double p : pcts) {
      if (!(p >= 0 && p <= 100)) {
        throw new TransformException("MEDAI-XFORM-053", "percentile must be in [0, 100]; got " + p);
      }
    }
    if (!v.data().isHost()) {
      return DeviceReductions.percentiles(v.data().select(c), mask == null ? null : mask.data().select(0), pcts);
    }
    try (MemoryScope tmp = MemoryScope.open()) {
      return CpuIntensity.percentiles(hostChannel(v, c, tmp), mask == null ? null : hostChannel(mask, 0, tmp), pcts, pool);
    }
  }

  /**
   * Per channel, maps the {@code lowPct} and {@code highPct} percentiles to {@code outLo} and
   * {@code outHi} linearly (MONAI's ScaleIntensityRangePercentiles), clamping to that range when
   * {@code clip}.
   */
  public static Volume percentileNormalize(Volume v, Volume mask, double lowPct, double highPct, double outLo,
      double outHi, boolean clip, WorkPool pool, MemoryScope scope) {
    Volume out = allocateFloat(v, scope);
    for (int c = 0; c < v.channels(); c++) {
      double[] p = percentiles(v, c, mask, pool, lowPct, highPct);
      double range = p[1] - p[0];
      double sc = range == 0 ? 0 : (outHi - outLo) / range;
      double off = outLo - p[0] * sc;
      float lo = clip ? (float) Math.min(outLo, outHi) : Float.NEGATIVE_INFINITY;
      float hi = clip ? (float) Math.max(outLo, outHi) : Float.POSITIVE_INFINITY;
      map(v.data().select(c), out.data().select(c), (float) sc, (float) off, lo, hi, pool);
    }
    return out;
  }

  private static void checkMask(Volume v, Volume mask) {
    if (mask != null && !mask.extent().equals(v.extent())) {
      throw new TransformException("MEDAI-XFORM-054",
          "mask extent %s differs from the volume's %s; resample the mask onto the volume first".formatted(mask.extent(), v.extent()));
    }
  }
}
