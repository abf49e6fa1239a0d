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
 * CPU executor of a {@link ResamplePlan}: the reference twin of the device kernels, with exactly the
 * float32 arithmetic the plan documents. Output rows are grouped in tiles of {@value #TILE_J} rows
 * × {@value #TILE_K} slices so that neighbouring rows reuse the source lines in cache; tiles are
 * spread over the {@link WorkPool}. No per-voxel allocation: each task owns a few small heap
 * arrays; the separable linear path precomputes per-axis index/weight tables (size of the output
 * extents, never a voxel grid).
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
  private final int outCode;
  private final int outSize;
  private final boolean raw;
  private final boolean rescale;
  private final float slope, intercept;
  private final float fillF;
  private final double fill;
  private final AxisKernel kx, ky, kz;

  private CpuResampler(ResamplePlan plan, long src, long[] byteStrides, int code, int srcSize, long dst) {
    this.plan = plan;
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

  /** With {@code fastPaths=false}, every plan runs through the general per-voxel rows (tests compare the two). */
  static void execute(ResamplePlan plan, Tensor source, Tensor out, WorkPool pool, MemoryScope scope, boolean fastPaths) {
    int channels = (int) source.shape(0);
    long outChannelBytes = plan.target().extent().voxelCount() * plan.outputType().byteSize();
    long outBase = out.hostBuffer().address() + out.offset() * plan.outputType().byteSize();
    long[] st = source.strides();
    int es = source.dtype().byteSize();
    long srcBase = source.hostBuffer().address() + source.offset() * es;
    if (!plan.needsCoefficients()) {
      for (int c = 0; c < channels; c++) {
        CpuResampler r = new CpuResampler(plan, srcBase + c * st[0] * es,
            new long[] {st[3] * es, st[2] * es, st[1] * es}, VoxelAccess.code(source.dtype()), es,
            outBase + c * outChannelBytes);
        r.run(pool, fastPaths);
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
            VoxelAccess.F32, 4, outBase + c * outChannelBytes);
        r.run(pool, fastPaths);
      }
    }
  }

  private static long sxOf(ResamplePlan p) {
    return p.source().extent().i();
  }

  private void run(WorkPool pool, boolean fastPaths) {
    int tj = (nj + TILE_J - 1) / TILE_J;
    int tk = (nk + TILE_K - 1) / TILE_K;
    boolean sepLinear = fastPaths && plan.interpolation() == Interpolation.LINEAR && plan.isSeparable()
        && kx == AxisKernel.LINEAR && ky == AxisKernel.LINEAR && kz == AxisKernel.LINEAR;
    SeparableTables tables = sepLinear ? new SeparableTables() : null;
    TapTables taps = fastPaths && !sepLinear && plan.isSeparable()
        && (plan.interpolation() == Interpolation.BSPLINE || plan.interpolation() == Interpolation.LINEAR)
        ? new TapTables() : null;
    pool.parallelFor((long) tj * tk, 1, (from, to) -> {
      Scratch s = new Scratch();
      BlockScratch bs = tables != null ? new BlockScratch() : null;
      TapScratch ts = taps != null ? new TapScratch() : null;
      for (long t = from; t < to; t++) {
        int k0 = (int) (t / tj) * TILE_K;
        int j0 = (int) (t % tj) * TILE_J;
        if (tables != null) {
          tileLinearSeparable(tables, bs, j0, Math.min(nj, j0 + TILE_J), k0, Math.min(nk, k0 + TILE_K));
          continue;
        }
        if (taps != null && tileTapsSeparable(taps, ts, j0, Math.min(nj, j0 + TILE_J), k0, Math.min(nk, k0 + TILE_K))) {
          continue;
        }
        for (int k = k0; k < Math.min(nk, k0 + TILE_K); k++) {
          for (int j = j0; j < Math.min(nj, j0 + TILE_J); j++) {
            long d = dst + ((long) k * nj + j) * ni * outSize;
            {
              switch (plan.interpolation()) {
                case NEAREST -> rowNearest(j, k, d);
                case LINEAR -> {
                  if (kx == AxisKernel.LINEAR && ky == AxisKernel.LINEAR && kz == AxisKernel.LINEAR) rowLinear(j, k, d);
                  else rowTaps(s, j, k, d);
                }
                case BSPLINE -> rowTaps(s, j, k, d);
                case LABEL_LINEAR -> rowLabel(s, j, k, d);
              }
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
   * Per-axis tables for rotation-free plans: byte offset of the lower neighbour (or -1 outside),
   * offset to the upper neighbour, and the fraction. Same coordinates, bit for bit, as
   * {@link #rowLinear}, because the off-diagonal affine entries are exactly zero.
   */
  private final class SeparableTables {
    final long[] offI, dI, offJ, dJ, offK, dK;
    final float[] fI, fJ, fK;
    /** Lower source i index per output i (-1 outside), its upper neighbour, and the needed source i range. */
    final int[] xI, x1I, yI, y1I, zI, z1I;
    final int xlo, xhi;
    /** Output i range [iFirst, iEnd) with every voxel inside the field, and whether all others are outside. */
    final int iFirst, iEnd;
    final boolean contiguous;

    SeparableTables() {
      offI = new long[ni]; dI = new long[ni]; fI = new float[ni];
      offJ = new long[nj]; dJ = new long[nj]; fJ = new float[nj];
      offK = new long[nk]; dK = new long[nk]; fK = new float[nk];
      fill(ni, a0, a3, mx, px, sx, bsi, offI, dI, fI);
      fill(nj, a5, a7, my, py, sy, bsj, offJ, dJ, fJ);
      fill(nk, a10, a11, mz, pz, sz, bsk, offK, dK, fK);
      xI = new int[ni];
      x1I = new int[ni];
      yI = new int[nj];
      y1I = new int[nj];
      zI = new int[nk];
      z1I = new int[nk];
      indices(offI, dI, bsi, xI, x1I);
      indices(offJ, dJ, bsj, yI, y1I);
      indices(offK, dK, bsk, zI, z1I);
      int lo = Integer.MAX_VALUE, hi = -1;
      for (int q = 0; q < ni; q++) {
        if (xI[q] < 0) continue;
        lo = Math.min(lo, xI[q]);
        hi = Math.max(hi, x1I[q]);
      }
      xlo = hi < 0 ? 0 : lo;
      xhi = hi;
      int first = 0;
      while (first < ni && xI[first] < 0) first++;
      int end = first;
      while (end < ni && xI[end] >= 0) end++;
      int rest = end;
      while (rest < ni && xI[rest] < 0) rest++;
      iFirst = first;
      iEnd = end;
      contiguous = rest == ni;
      for (int q = 0; q < ni; q++) {
        if (xI[q] >= 0) {
          xI[q] -= xlo;
          x1I[q] -= xlo;
        }
      }
    }

    private void indices(long[] off, long[] dd, long stride, int[] q0, int[] q1) {
      for (int q = 0; q < off.length; q++) {
        if (off[q] < 0) {
          q0[q] = -1;
          continue;
        }
        q0[q] = (int) (off[q] / stride);
        q1[q] = q0[q] + (dd[q] != 0 ? 1 : 0);
      }
    }

    private void fill(int n, float scale, float shift, float n1, float period, int sn, long stride,
        long[] off, long[] dd, float[] f) {
      for (int q = 0; q < n; q++) {
        float x = map(Math.fma(scale, (float) q, shift), n1, period);
        if (x != x) {
          off[q] = -1;
          continue;
        }
        int q0 = (int) x;
        off[q] = q0 * stride;
        dd[q] = q0 < sn - 1 ? stride : 0;
        f[q] = x - q0;
      }
    }
  }


  /** Largest source block (rows × slices) a tile may stage; beyond it (strong downsampling) rows are read directly. */
  static final int MAX_BLOCK_ROWS = 256;

  /** Per-task buffers of the separable path: the staged float32 source block, one blended row, one output row. */
  private final class BlockScratch {
    /** One heap array per staged source row: the vectorizer wants whole arrays, not offsets into one. */
    float[][] rows = new float[0][];
    short[] staging = code == VoxelAccess.I16 && bsi == 2 ? new short[sx] : null;
    final float[] blended = new float[sx];
    final float[] out = new float[ni];
  }

  /**
   * One tile of a rotation-free linear plan. The source rows the tile touches are staged once as
   * float32 (int16 rows are copied, then widened in a loop the JIT vectorizes); each output row then
   * blends its four source rows along k, then j, into one row (vectorized fma loop) and lerps two
   * neighbours of that row along i. Same operations in the same order as {@link #trilinear}, so the
   * same bits as the general path.
   */
  private void tileLinearSeparable(SeparableTables t, BlockScratch b, int jStart, int jEnd, int kStart, int kEnd) {
    int ylo = Integer.MAX_VALUE, yhi = -1, zlo = Integer.MAX_VALUE, zhi = -1;
    for (int j = jStart; j < jEnd; j++) {
      if (t.yI[j] < 0) continue;
      ylo = Math.min(ylo, t.yI[j]);
      yhi = Math.max(yhi, t.y1I[j]);
    }
    for (int k = kStart; k < kEnd; k++) {
      if (t.zI[k] < 0) continue;
      zlo = Math.min(zlo, t.zI[k]);
      zhi = Math.max(zhi, t.z1I[k]);
    }
    int ny = yhi - ylo + 1, nz = zhi - zlo + 1, lo = t.xlo, nx = t.xhi - lo + 1;
    boolean staged = yhi >= 0 && zhi >= 0 && t.xhi >= 0 && (long) ny * nz <= MAX_BLOCK_ROWS;
    if (staged) {
      if (b.rows.length < ny * nz) {
        float[][] grown = new float[ny * nz][];
        System.arraycopy(b.rows, 0, grown, 0, b.rows.length);
        for (int r = b.rows.length; r < grown.length; r++) grown[r] = new float[sx];
        b.rows = grown;
      }
      for (int z = 0; z < nz; z++) {
        for (int y = 0; y < ny; y++) {
          long s = src + (long) (ylo + y) * bsj + (long) (zlo + z) * bsk + (long) lo * bsi;
          final float[] dstRow = b.rows[z * ny + y];
          if (b.staging != null) {
            final short[] st = b.staging;
            RawMemory.readShorts(s, st, 0, nx);
            for (int x = 0; x < nx; x++) dstRow[x] = st[x];
          } else if (code == VoxelAccess.F32 && bsi == 4) {
            RawMemory.readFloats(s, dstRow, 0, nx);
          } else {
            for (int x = 0; x < nx; x++) dstRow[x] = VoxelAccess.load(code, s + x * bsi);
          }
        }
      }
    }
    for (int k = kStart; k < kEnd; k++) {
      for (int j = jStart; j < jEnd; j++) {
        long d = dst + ((long) k * nj + j) * ni * 4;
        if (t.yI[j] < 0 || t.zI[k] < 0 || t.xhi < 0) {
          for (int i = 0; i < ni; i++) RawMemory.putFloat(d + 4L * i, fillF);
        } else if (!staged) {
          rowLinearSeparable(t, j, k, d);
        } else {
          int y0 = t.yI[j] - ylo, y1 = t.y1I[j] - ylo, z0 = t.zI[k] - zlo, z1 = t.z1I[k] - zlo;
          blendRow(b.rows[z0 * ny + y0], b.rows[z1 * ny + y0], b.rows[z0 * ny + y1], b.rows[z1 * ny + y1],
              b.blended, nx, t.fJ[j], t.fK[k]);
          gatherRow(t, b.blended, lo, b.out, d);
        }
      }
    }
  }

  private static void blendRow(float[] r00, float[] r01, float[] r10, float[] r11, float[] row, int n, float fy, float fz) {
    for (int x = 0; x < n; x++) {
      float a = r00[x], c = r10[x];
      float p = Math.fma(fz, r01[x] - a, a), q = Math.fma(fz, r11[x] - c, c);
      row[x] = Math.fma(fy, q - p, p);
    }
  }

  private void gatherRow(SeparableTables t, float[] row, int lo, float[] out, long d) {
    final int[] xI = t.xI, x1I = t.x1I;
    final float[] fI = t.fI;
    final float ff = fillF;
    if (t.contiguous) {
      int first = t.iFirst, end = t.iEnd;
      for (int i = 0; i < first; i++) out[i] = ff;
      for (int i = end; i < ni; i++) out[i] = ff;
      if (rescale) {
        final float sl = slope, ic = intercept;
        for (int i = first; i < end; i++) {
          float a = row[xI[i]];
          out[i] = Math.fma(Math.fma(fI[i], row[x1I[i]] - a, a), sl, ic);
        }
      } else {
        for (int i = first; i < end; i++) {
          float a = row[xI[i]];
          out[i] = Math.fma(fI[i], row[x1I[i]] - a, a);
        }
      }
    } else if (rescale) {
      final float sl = slope, ic = intercept;
      for (int i = 0; i < ni; i++) {
        int x0 = xI[i];
        if (x0 < 0) out[i] = ff;
        else {
          float a = row[x0];
          out[i] = Math.fma(Math.fma(fI[i], row[x1I[i]] - a, a), sl, ic);
        }
      }
    } else {
      for (int i = 0; i < ni; i++) {
        int x0 = xI[i];
        if (x0 < 0) out[i] = ff;
        else {
          float a = row[x0];
          out[i] = Math.fma(fI[i], row[x1I[i]] - a, a);
        }
      }
    }
    RawMemory.writeFloats(out, 0, d, ni);
  }

  /**
   * Per-axis taps of a rotation-free plan with any per-axis kernels (B-spline, mixed anisotropic):
   * source index and weight of each tap, per output index; index -1 marks outside the field.
   */
  private final class TapTables {
    final int ti = kx.taps(), tj = ky.taps(), tk = kz.taps();
    final int[] xT = new int[ni * 4], yT = new int[nj * 4], zT = new int[nk * 4];
    final float[] wX = new float[ni * 4], wY = new float[nj * 4], wZ = new float[nk * 4];
    int xlo = Integer.MAX_VALUE, xhi = -1;

    TapTables() {
      axis(kx, ni, a0, a3, mx, px, sx, xT, wX);
      axis(ky, nj, a5, a7, my, py, sy, yT, wY);
      axis(kz, nk, a10, a11, mz, pz, sz, zT, wZ);
      for (int q = 0; q < ni; q++) {
        for (int a = 0; a < ti && xT[4 * q] >= 0; a++) {
          xlo = Math.min(xlo, xT[4 * q + a]);
          xhi = Math.max(xhi, xT[4 * q + a]);
        }
      }
      for (int q = 0; q < ni; q++) {
        if (xT[4 * q] < 0) continue;
        for (int a = 0; a < ti; a++) xT[4 * q + a] -= xlo;
      }
    }

    private void axis(AxisKernel kind, int n, float scale, float shift, float n1, float period, int sn, int[] t, float[] w) {
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
    }
  }

  /** Per-task buffers of the separable tap path. */
  private final class TapScratch {
    float[][] rows = new float[0][];
    final short[] staging = code == VoxelAccess.I16 && bsi == 2 ? new short[sx] : null;
    final float[] accK = new float[sx], accJ = new float[sx], out = new float[ni];
  }

  /**
   * One tile of a rotation-free plan with per-axis taps: the source rows the tile touches are staged
   * as float32 heap rows; per output row, the k taps then the j taps are accumulated across the
   * whole row with vectorizable fma loops, then the i taps are gathered. Same order and bits as
   * {@link #rowTaps}. Returns false (the caller falls back to the general path) when the tile's
   * source block is too large.
   */
  private boolean tileTapsSeparable(TapTables t, TapScratch b, int jStart, int jEnd, int kStart, int kEnd) {
    int ylo = Integer.MAX_VALUE, yhi = -1, zlo = Integer.MAX_VALUE, zhi = -1;
    for (int j = jStart; j < jEnd; j++) {
      for (int q = 0; q < t.tj && t.yT[4 * j] >= 0; q++) {
        ylo = Math.min(ylo, t.yT[4 * j + q]);
        yhi = Math.max(yhi, t.yT[4 * j + q]);
      }
    }
    for (int k = kStart; k < kEnd; k++) {
      for (int q = 0; q < t.tk && t.zT[4 * k] >= 0; q++) {
        zlo = Math.min(zlo, t.zT[4 * k + q]);
        zhi = Math.max(zhi, t.zT[4 * k + q]);
      }
    }
    int ny = yhi - ylo + 1, nz = zhi - zlo + 1, lo = t.xlo, nx = t.xhi - lo + 1;
    if (yhi >= 0 && zhi >= 0 && t.xhi >= 0 && (long) ny * nz > MAX_BLOCK_ROWS) return false;
    boolean any = yhi >= 0 && zhi >= 0 && t.xhi >= 0;
    if (any) {
      if (b.rows.length < ny * nz) {
        float[][] grown = new float[ny * nz][];
        System.arraycopy(b.rows, 0, grown, 0, b.rows.length);
        for (int r = b.rows.length; r < grown.length; r++) grown[r] = new float[sx];
        b.rows = grown;
      }
      for (int z = 0; z < nz; z++) {
        for (int y = 0; y < ny; y++) {
          long s = src + (long) (ylo + y) * bsj + (long) (zlo + z) * bsk + (long) lo * bsi;
          final float[] dstRow = b.rows[z * ny + y];
          if (b.staging != null) {
            final short[] st = b.staging;
            RawMemory.readShorts(s, st, 0, nx);
            for (int x = 0; x < nx; x++) dstRow[x] = st[x];
          } else if (code == VoxelAccess.F32 && bsi == 4) {
            RawMemory.readFloats(s, dstRow, 0, nx);
          } else {
            for (int x = 0; x < nx; x++) dstRow[x] = VoxelAccess.load(code, s + x * bsi);
          }
        }
      }
    }
    final float[] accK = b.accK, accJ = b.accJ, out = b.out;
    for (int k = kStart; k < kEnd; k++) {
      for (int j = jStart; j < jEnd; j++) {
        long d = dst + ((long) k * nj + j) * ni * 4;
        if (!any || t.yT[4 * j] < 0 || t.zT[4 * k] < 0) {
          for (int i = 0; i < ni; i++) RawMemory.putFloat(d + 4L * i, fillF);
          continue;
        }
        java.util.Arrays.fill(accJ, 0, nx, 0f);
        for (int q = 0; q < t.tj; q++) {
          java.util.Arrays.fill(accK, 0, nx, 0f);
          int y = t.yT[4 * j + q] - ylo;
          for (int c = 0; c < t.tk; c++) {
            final float[] row = b.rows[(t.zT[4 * k + c] - zlo) * ny + y];
            final float w = t.wZ[4 * k + c];
            for (int x = 0; x < nx; x++) accK[x] = Math.fma(w, row[x], accK[x]);
          }
          final float w = t.wY[4 * j + q];
          for (int x = 0; x < nx; x++) accJ[x] = Math.fma(w, accK[x], accJ[x]);
        }
        final int[] xT = t.xT;
        final float[] wX = t.wX;
        final int ti = t.ti;
        for (int i = 0; i < ni; i++) {
          if (xT[4 * i] < 0) {
            out[i] = fillF;
            continue;
          }
          float acc = 0f;
          for (int a = 0; a < ti; a++) acc = Math.fma(wX[4 * i + a], accJ[xT[4 * i + a]], acc);
          out[i] = rescale ? Math.fma(acc, slope, intercept) : acc;
        }
        RawMemory.writeFloats(out, 0, d, ni);
      }
    }
    return true;
  }

  private void rowLinearSeparable(SeparableTables t, int j, int k, long d) {
    if (t.offJ[j] < 0 || t.offK[k] < 0) {
      for (int i = 0; i < ni; i++) RawMemory.putFloat(d + 4L * i, fillF);
      return;
    }
    long base = src + t.offJ[j] + t.offK[k];
    long dj = t.dJ[j], dk = t.dK[k];
    float fy = t.fJ[j], fz = t.fK[k];
    final long[] offI = t.offI, dI = t.dI;
    final float[] fI = t.fI;
    for (int i = 0; i < ni; i++) {
      long oi = offI[i];
      float v;
      if (oi < 0) v = fillF;
      else {
        v = trilinear(base + oi, dI[i], dj, dk, fI[i], fy, fz);
        if (rescale) v = Math.fma(v, slope, intercept);
      }
      RawMemory.putFloat(d + 4L * i, v);
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
