package org.medai.imaging.internal.transform;

import org.medai.core.memory.RawMemory;

import org.medai.core.concurrent.WorkPool;
import org.medai.core.memory.MemoryScope;
import org.medai.core.memory.NativeBuffer;
import org.medai.core.tensor.Tensor;
import org.medai.imaging.transform.Interpolation;
import org.medai.imaging.transform.ResamplePlan;
import org.medai.imaging.transform.ResamplePlan.AxisKernel;

/**
 * CPU executor of a {@link ResamplePlan}: the reference twin of the device kernels. The general
 * rows (any affine, and the label path) compute per-voxel coordinates with exactly the float32
 * arithmetic the plan documents; output rows are grouped in tiles of {@value #TILE_J} rows ×
 * {@value #TILE_K} slices spread over the {@link WorkPool}. Rotation-free linear and B-spline plans
 * run through {@link SeparableResampler} (per-axis taps, each source plane reduced once), which
 * differs from the general rows by float rounding only; rotation-free nearest gathers through
 * per-axis index tables (same bits). No per-voxel allocation, never a coordinate grid.
 *
 * <p>One instance executes one channel; not thread-safe itself, its row methods are (they only read
 * the instance and write disjoint output rows).
 */
public final class CpuResampler {
  static final int TILE_J = 16;
  static final int TILE_K = 4;
  private static final int CONSTANT = 0, EDGE = 1, MIRROR = 2;

  private final ResamplePlan plan;
  private final float a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11;
  private final int ni, nj, nk;
  private final int sx, sy, sz;
  private final float mx, my, mz;
  private final float px, py, pz;
  private final int mode;
  private final long src;
  private final long bsi, bsj, bsk;
  private final int code;
  private final int srcSize;
  private final long dst;
  /** The buffer {@code dst} points into and the byte offset there (null when not executing). */
  private final NativeBuffer dstBuffer;
  private final long dstOffset;
  private final int outCode;
  private final int outSize;
  private final boolean raw;
  private final boolean rescale;
  private final float slope, intercept;
  private final float fillF;
  private final double fill;
  private final AxisKernel kx, ky, kz;

  private CpuResampler(ResamplePlan plan, long src, long[] byteStrides, int code, int srcSize, long dst,
      NativeBuffer dstBuffer, long dstOffset) {
    this.plan = plan;
    this.dstBuffer = dstBuffer;
    this.dstOffset = dstOffset;
    float[] a = plan.indexAffine();
    a0 = a[0]; a1 = a[1]; a2 = a[2]; a3 = a[3];
    a4 = a[4]; a5 = a[5]; a6 = a[6]; a7 = a[7];
    a8 = a[8]; a9 = a[9]; a10 = a[10]; a11 = a[11];
    ni = (int) plan.target().extent().i();
    nj = (int) plan.target().extent().j();
    nk = (int) plan.target().extent().k();
    sx = (int) plan.source().extent().i();
    sy = (int) plan.source().extent().j();
    sz = (int) plan.source().extent().k();
    mx = sx - 1; my = sy - 1; mz = sz - 1;
    px = 2f * mx; py = 2f * my; pz = 2f * mz;
    mode = switch (plan.boundary()) {
      case CONSTANT -> CONSTANT;
      case EDGE -> EDGE;
      case MIRROR -> MIRROR;
    };
    this.src = src;
    bsi = byteStrides[0]; bsj = byteStrides[1]; bsk = byteStrides[2];
    this.code = code;
    this.srcSize = srcSize;
    this.dst = dst;
    outCode = VoxelAccess.code(plan.outputType());
    outSize = plan.outputType().byteSize();
    raw = plan.outputType() == plan.sourceType() && !plan.isRescaled();
    rescale = plan.isRescaled();
    slope = plan.rescaleSlope();
    intercept = plan.rescaleIntercept();
    fill = plan.fillValue();
    fillF = (float) fill;
    kx = plan.kernel(0); ky = plan.kernel(1); kz = plan.kernel(2);
  }

  /**
   * Executes {@code plan} from {@code source} (C, D, H, W, any strides) into {@code out} (C, D, H, W,
   * contiguous, the plan's output dtype). The B-spline coefficient volume (one channel's worth) is
   * allocated in a child of {@code scope} and released before returning.
   */
  public static void execute(ResamplePlan plan, Tensor source, Tensor out, WorkPool pool, MemoryScope scope) {
    execute(plan, source, out, pool, scope, true);
  }

  /**
   * Executes {@code plan} through the general per-voxel rows only, whatever the plan: the float32
   * arithmetic contract that device kernels reproduce bit for bit. Slower than {@link #execute} on
   * rotation-free plans, whose separable paths differ from it by rounding only; for conformance
   * tests of other executors.
   */
  public static void executeReference(ResamplePlan plan, Tensor source, Tensor out, WorkPool pool, MemoryScope scope) {
    execute(plan, source, out, pool, scope, false);
  }

  /** With {@code fastPaths=false}, every plan runs through the general per-voxel rows (tests compare the two). */
  static void execute(ResamplePlan plan, Tensor source, Tensor out, WorkPool pool, MemoryScope scope, boolean fastPaths) {
    execute(plan, source, out, pool, scope, fastPaths, SeparableResampler.Kernels.AUTO);
  }

  /** As above, with the rotation-free paths on the given kernels (tests compare them). */
  static void execute(ResamplePlan plan, Tensor source, Tensor out, WorkPool pool, MemoryScope scope, boolean fastPaths,
      SeparableResampler.Kernels kernels) {
    int channels = (int) source.shape(0);
    long outChannelBytes = plan.target().extent().voxelCount() * plan.outputType().byteSize();
    long outOffset = out.offset() * plan.outputType().byteSize();
    long outBase = out.hostBuffer().address() + outOffset;
    long[] st = source.strides();
    int es = source.dtype().byteSize();
    long srcBase = source.hostBuffer().address() + source.offset() * es;
    if (!plan.needsCoefficients()) {
      for (int c = 0; c < channels; c++) {
        CpuResampler r = new CpuResampler(plan, srcBase + c * st[0] * es,
            new long[] {st[3] * es, st[2] * es, st[1] * es}, VoxelAccess.code(source.dtype()), es,
            outBase + c * outChannelBytes, out.hostBuffer(), outOffset + c * outChannelBytes);
        r.run(pool, fastPaths, kernels);
      }
      return;
    }
    try (MemoryScope tmp = scope.child()) {
      NativeBuffer coeff = tmp.allocate(plan.temporaryBytes());
      long ca = coeff.address();
      for (int c = 0; c < channels; c++) {
        BSplinePrefilter.run(source.select(c), plan, ca, pool);
        CpuResampler r = new CpuResampler(plan, ca,
            new long[] {4, 4L * sxOf(plan), 4L * sxOf(plan) * plan.source().extent().j()},
            VoxelAccess.F32, 4, outBase + c * outChannelBytes, out.hostBuffer(), outOffset + c * outChannelBytes);
        r.run(pool, fastPaths, kernels);
      }
    }
  }

  /**
   * Java-heap bytes one worker task of the rotation-free path holds for {@code plan} (plane cache,
   * staged rows, row buffers; the shared tap tables not included); 0 for other plans.
   */
  static long separableTaskScratchBytes(ResamplePlan plan) {
    if (!plan.isSeparable() || plan.interpolation() == Interpolation.NEAREST
        || plan.interpolation() == Interpolation.LABEL_LINEAR) {
      return 0;
    }
    return tablesOnly(plan).taskScratchBytes();
  }

  /**
   * Which kernels run rotation-free resampling in this JVM, and why: the native linear kernel
   * (loaded, or the loader's reason it is not), then the Vector API or scalar Java kernels.
   */
  public static String cpuKernels() {
    String java = SimdSupport.AVAILABLE ? "Vector API kernels" : "scalar Java kernels (no --add-modules jdk.incubator.vector)";
    return NativeLinear.AVAILABLE
        ? "native AVX-512 kernel for linear from int16/uint16/float32; " + java + " for the rest"
        : java + "; native linear kernel " + NativeLinear.STATUS;
  }

  /** Whether the rotation-free path runs {@link NativeLinear} for {@code plan} on a contiguous source. */
  static boolean separableRunsNative(ResamplePlan plan) {
    if (!plan.isSeparable() || plan.interpolation() != Interpolation.LINEAR) return false;
    return tablesOnly(plan).usesNative();
  }

  /**
   * The rotation-free path's setup for {@code plan} on a contiguous source (or the B-spline
   * coefficients), with the kernels the JVM picks; its addresses are never dereferenced: only the
   * tables and sizes are built.
   */
  private static SeparableResampler tablesOnly(ResamplePlan plan) {
    int code = plan.needsCoefficients() ? VoxelAccess.F32 : VoxelAccess.code(plan.sourceType());
    int es = plan.needsCoefficients() ? 4 : plan.sourceType().byteSize();
    long sx = plan.source().extent().i(), sy = plan.source().extent().j();
    return new CpuResampler(plan, 0, new long[] {es, es * sx, es * sx * sy}, code, es, 0, null, 0)
        .separable(SeparableResampler.Kernels.AUTO);
  }

  private static long sxOf(ResamplePlan p) {
    return p.source().extent().i();
  }

  private void run(WorkPool pool, boolean fastPaths, SeparableResampler.Kernels kernels) {
    Interpolation interp = plan.interpolation();
    if (fastPaths && plan.isSeparable() && (interp == Interpolation.LINEAR || interp == Interpolation.BSPLINE)) {
      separable(kernels).run(pool);
      return;
    }
    boolean nearestSep = fastPaths && plan.isSeparable() && interp == Interpolation.NEAREST;
    SeparableResampler.Axis ax = nearestSep ? axis(kx, ni, a0, a3, mx, px, sx) : null;
    SeparableResampler.Axis ay = nearestSep ? axis(ky, nj, a5, a7, my, py, sy) : null;
    SeparableResampler.Axis az = nearestSep ? axis(kz, nk, a10, a11, mz, pz, sz) : null;
    boolean allLinear = kx == AxisKernel.LINEAR && ky == AxisKernel.LINEAR && kz == AxisKernel.LINEAR;
    int tj = (nj + TILE_J - 1) / TILE_J;
    int tk = (nk + TILE_K - 1) / TILE_K;
    pool.parallelFor((long) tj * tk, 1, (from, to) -> {
      Scratch s = new Scratch();
      float[] buf = nearestSep ? new float[ni] : null;
      for (long t = from; t < to; t++) {
        int k0 = (int) (t / tj) * TILE_K;
        int j0 = (int) (t % tj) * TILE_J;
        for (int k = k0; k < Math.min(nk, k0 + TILE_K); k++) {
          for (int j = j0; j < Math.min(nj, j0 + TILE_J); j++) {
            long d = dst + ((long) k * nj + j) * ni * outSize;
            if (nearestSep) {
              rowNearestSeparable(ax, ay, az, buf, j, k, d);
              continue;
            }
            switch (interp) {
              case NEAREST -> rowNearest(j, k, d);
              case LINEAR -> {
                if (allLinear) rowLinear(j, k, d);
                else rowTaps(s, j, k, d);
              }
              case BSPLINE -> rowTaps(s, j, k, d);
              case LABEL_LINEAR -> rowLabel(s, j, k, d);
            }
          }
        }
      }
    });
  }

  /** Per-task scratch: tap offsets and weights, label accumulators. */
  private static final class Scratch {
    final long[] oi = new long[4], oj = new long[4], ok = new long[4];
    final float[] wi = new float[4], wj = new float[4], wk = new float[4];
    final double[] labels = new double[8];
    final float[] acc = new float[8];
  }

  /** Maps a coordinate into [0, n-1] per the boundary, or NaN when outside under CONSTANT. */
  private float map(float x, float n1, float period) {
    if (mode == MIRROR) {
      if (n1 == 0f) return 0f;
      float r = Math.abs(x) % period;
      return r > n1 ? period - r : r;
    }
    if (mode == CONSTANT && (x < -0.5f || x > n1 + 0.5f)) return Float.NaN;
    return Math.min(Math.max(x, 0f), n1);
  }

  private static float lerp(float a, float b, float f) {
    return Math.fma(f, b - a, a);
  }

  private float trilinear(long b, long di, long dj, long dk, float fx, float fy, float fz) {
    final int c = code;
    float c000 = VoxelAccess.load(c, b), c100 = VoxelAccess.load(c, b + di);
    float c010 = VoxelAccess.load(c, b + dj), c110 = VoxelAccess.load(c, b + dj + di);
    float c001 = VoxelAccess.load(c, b + dk), c101 = VoxelAccess.load(c, b + dk + di);
    float c011 = VoxelAccess.load(c, b + dk + dj), c111 = VoxelAccess.load(c, b + dk + dj + di);
    // k first, then j, then i: the order the separable row path computes in, bit for bit
    float g0 = lerp(lerp(c000, c001, fz), lerp(c010, c011, fz), fy);
    float g1 = lerp(lerp(c100, c101, fz), lerp(c110, c111, fz), fy);
    return lerp(g0, g1, fx);
  }

  private void rowLinear(int j, int k, long d) {
    float bx = Math.fma(a1, j, Math.fma(a2, k, a3));
    float by = Math.fma(a5, j, Math.fma(a6, k, a7));
    float bz = Math.fma(a9, j, Math.fma(a10, k, a11));
    for (int i = 0; i < ni; i++) {
      float fi = i;
      float x = map(Math.fma(a0, fi, bx), mx, px);
      float y = map(Math.fma(a4, fi, by), my, py);
      float z = map(Math.fma(a8, fi, bz), mz, pz);
      long o = d + 4L * i;
      if (x != x || y != y || z != z) {
        RawMemory.putFloat(o, fillF);
        continue;
      }
      int i0 = (int) x, j0 = (int) y, k0 = (int) z;
      float v = trilinear(src + i0 * bsi + j0 * bsj + k0 * bsk,
          i0 < sx - 1 ? bsi : 0, j0 < sy - 1 ? bsj : 0, k0 < sz - 1 ? bsk : 0, x - i0, y - j0, z - k0);
      RawMemory.putFloat(o, rescale ? Math.fma(v, slope, intercept) : v);
    }
  }


  /**
   * Per-axis taps of a rotation-free plan (the coordinates of the general rows, bit for bit, because
   * the off-diagonal affine entries are exactly zero): source index and weight of each tap per
   * output index, index -1 where the coordinate is outside the field under {@code CONSTANT}.
   */
  private SeparableResampler.Axis axis(AxisKernel kind, int n, float scale, float shift, float n1, float period, int sn) {
    int[] t = new int[4 * n];
    float[] w = new float[4 * n];
    long[] off = new long[4];
    float[] ww = new float[4];
    for (int q = 0; q < n; q++) {
      float x = map(Math.fma(scale, (float) q, shift), n1, period);
      if (x != x) {
        t[4 * q] = -1;
        continue;
      }
      int m = taps(kind, x, sn, 1, off, ww);
      for (int a = 0; a < m; a++) {
        t[4 * q + a] = (int) off[a];
        w[4 * q + a] = ww[a];
      }
    }
    return new SeparableResampler.Axis(kind.taps(), t, w);
  }

  private SeparableResampler separable(SeparableResampler.Kernels kernels) {
    boolean lerp = plan.interpolation() == Interpolation.LINEAR
        && kx == AxisKernel.LINEAR && ky == AxisKernel.LINEAR && kz == AxisKernel.LINEAR;
    return new SeparableResampler(new int[] {ni, nj, nk}, new int[] {sx, sy, sz}, src, new long[] {bsi, bsj, bsk},
        code, dst, lerp, rescale, slope, intercept, fillF,
        axis(kx, ni, a0, a3, mx, px, sx), axis(ky, nj, a5, a7, my, py, sy), axis(kz, nk, a10, a11, mz, pz, sz), kernels, dstBuffer, dstOffset);
  }

  /** Nearest on a rotation-free plan: per-axis source indices, one gather per output voxel. */
  private void rowNearestSeparable(SeparableResampler.Axis ax, SeparableResampler.Axis ay, SeparableResampler.Axis az,
      float[] buf, int j, int k, long d) {
    if (ay.outside(j) || az.outside(k)) {
      for (int i = 0; i < ni; i++) VoxelAccess.store(outCode, d + (long) outSize * i, fill);
      return;
    }
    long base = src + ay.index()[4 * j] * bsj + az.index()[4 * k] * bsk;
    final int[] xi = ax.index();
    if (outCode == VoxelAccess.F32 && !raw) {
      for (int i = 0; i < ni; i++) {
        int x = xi[4 * i];
        if (x < 0) {
          buf[i] = fillF;
        } else {
          float v = VoxelAccess.load(code, base + x * bsi);
          buf[i] = rescale ? Math.fma(v, slope, intercept) : v;
        }
      }
      RawMemory.writeFloats(buf, 0, d, ni);
      return;
    }
    for (int i = 0; i < ni; i++) {
      int x = xi[4 * i];
      long o = d + (long) outSize * i;
      if (x < 0) {
        VoxelAccess.store(outCode, o, fill);
      } else if (raw) {
        VoxelAccess.copy(srcSize, base + x * bsi, o);
      } else {
        float v = VoxelAccess.load(code, base + x * bsi);
        VoxelAccess.store(outCode, o, rescale ? Math.fma(v, slope, intercept) : v);
      }
    }
  }

  private void rowNearest(int j, int k, long d) {
    float bx = Math.fma(a1, j, Math.fma(a2, k, a3));
    float by = Math.fma(a5, j, Math.fma(a6, k, a7));
    float bz = Math.fma(a9, j, Math.fma(a10, k, a11));
    for (int i = 0; i < ni; i++) {
      float fi = i;
      float x = map(Math.fma(a0, fi, bx), mx, px);
      float y = map(Math.fma(a4, fi, by), my, py);
      float z = map(Math.fma(a8, fi, bz), mz, pz);
      long o = d + (long) outSize * i;
      if (x != x || y != y || z != z) {
        VoxelAccess.store(outCode, o, fill);
        continue;
      }
      long s = src + (int) (x + 0.5f) * bsi + (int) (y + 0.5f) * bsj + (int) (z + 0.5f) * bsk;
      if (raw) VoxelAccess.copy(srcSize, s, o);
      else {
        float v = VoxelAccess.load(code, s);
        VoxelAccess.store(outCode, o, rescale ? Math.fma(v, slope, intercept) : v);
      }
    }
  }

  private static int taps(AxisKernel kind, float x, int n, long stride, long[] off, float[] w) {
    switch (kind) {
      case NEAREST -> {
        off[0] = (int) (x + 0.5f) * stride;
        w[0] = 1f;
        return 1;
      }
      case LINEAR -> {
        int q = (int) x;
        float f = x - q;
        off[0] = q * stride;
        off[1] = (q < n - 1 ? q + 1 : q) * stride;
        w[0] = 1f - f;
        w[1] = f;
        return 2;
      }
      default -> {
        int q = (int) x;
        float t = x - q;
        float t2 = t * t;
        float t3 = t2 * t;
        float omt = 1f - t;
        float w0 = omt * omt * omt * (1f / 6f);
        float w3 = t3 * (1f / 6f);
        float w1 = Math.fma(0.5f, t3, Math.fma(-1f, t2, 2f / 3f));
        w[0] = w0;
        w[1] = w1;
        w[2] = ((1f - w0) - w1) - w3;
        w[3] = w3;
        for (int m = 0; m < 4; m++) off[m] = reflect(q - 1 + m, n) * stride;
        return 4;
      }
    }
  }

  /** Whole-sample mirror of an index into [0, n-1], period 2(n-1). */
  static long reflect(int q, int n) {
    if (q >= 0 && q < n) return q;
    if (n == 1) return 0;
    int period = 2 * (n - 1);
    int r = Math.abs(q) % period;
    return r >= n ? period - r : r;
  }

  private void rowTaps(Scratch s, int j, int k, long d) {
    float bx = Math.fma(a1, j, Math.fma(a2, k, a3));
    float by = Math.fma(a5, j, Math.fma(a6, k, a7));
    float bz = Math.fma(a9, j, Math.fma(a10, k, a11));
    final long[] oi = s.oi, oj = s.oj, ok = s.ok;
    final float[] wi = s.wi, wj = s.wj, wk = s.wk;
    for (int i = 0; i < ni; i++) {
      float fi = i;
      float x = map(Math.fma(a0, fi, bx), mx, px);
      float y = map(Math.fma(a4, fi, by), my, py);
      float z = map(Math.fma(a8, fi, bz), mz, pz);
      long o = d + 4L * i;
      if (x != x || y != y || z != z) {
        RawMemory.putFloat(o, fillF);
        continue;
      }
      int ti = taps(kx, x, sx, bsi, oi, wi);
      int tj = taps(ky, y, sy, bsj, oj, wj);
      int tk = taps(kz, z, sz, bsk, ok, wk);
      // k taps innermost, then j, then i: the order the separable tile path computes in
      float acc = 0f;
      for (int a = 0; a < ti; a++) {
        float accJ = 0f;
        for (int b = 0; b < tj; b++) {
          long col = src + oi[a] + oj[b];
          float accK = 0f;
          for (int c = 0; c < tk; c++) accK = Math.fma(wk[c], VoxelAccess.load(code, col + ok[c]), accK);
          accJ = Math.fma(wj[b], accK, accJ);
        }
        acc = Math.fma(wi[a], accJ, acc);
      }
      RawMemory.putFloat(o, rescale ? Math.fma(acc, slope, intercept) : acc);
    }
  }

  private void rowLabel(Scratch s, int j, int k, long d) {
    float bx = Math.fma(a1, j, Math.fma(a2, k, a3));
    float by = Math.fma(a5, j, Math.fma(a6, k, a7));
    float bz = Math.fma(a9, j, Math.fma(a10, k, a11));
    final long[] oi = s.oi, oj = s.oj, ok = s.ok;
    final float[] wi = s.wi, wj = s.wj, wk = s.wk;
    final double[] labels = s.labels;
    final float[] acc = s.acc;
    for (int i = 0; i < ni; i++) {
      float fi = i;
      float x = map(Math.fma(a0, fi, bx), mx, px);
      float y = map(Math.fma(a4, fi, by), my, py);
      float z = map(Math.fma(a8, fi, bz), mz, pz);
      long o = d + (long) outSize * i;
      if (x != x || y != y || z != z) {
        VoxelAccess.store(outCode, o, fill);
        continue;
      }
      taps(AxisKernel.LINEAR, x, sx, bsi, oi, wi);
      taps(AxisKernel.LINEAR, y, sy, bsj, oj, wj);
      taps(AxisKernel.LINEAR, z, sz, bsk, ok, wk);
      int n = 0;
      for (int c = 0; c < 2; c++) {
        for (int b = 0; b < 2; b++) {
          float wjk = wj[b] * wk[c];
          long row = src + ok[c] + oj[b];
          for (int a = 0; a < 2; a++) {
            float w = wi[a] * wjk;
            double label = VoxelAccess.loadExact(code, row + oi[a]);
            int m = 0;
            while (m < n && labels[m] != label) m++;
            if (m == n) {
              labels[n] = label;
              acc[n++] = w;
            } else {
              acc[m] += w;
            }
          }
        }
      }
      int best = 0;
      for (int m = 1; m < n; m++) {
        if (acc[m] > acc[best] || (acc[m] == acc[best] && labels[m] < labels[best])) best = m;
      }
      VoxelAccess.store(outCode, o, labels[best]);
    }
  }
}
