package org.medai.imaging.internal.transform;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.memory.NativeBuffer;
import org.medai.core.memory.RawMemory;

/**
 * Rotation-free (separable) linear, B-spline and mixed-kernel resampling with the least work per
 * output voxel. Each source plane the output needs is reduced once to an intermediate plane on the
 * output's (i, j) grid; output planes then combine the cached intermediate planes of their k taps
 * (contiguous fma loops over whole rows), apply the rescale, and are written straight to the
 * output, row by row. Two ways to reduce a plane, chosen by the source dtype:
 * <ul>
 *   <li>float32 sources (and the B-spline coefficients), and contiguous int16/uint16 sources on the
 *       vector kernels: rows staged as float32 heap rows (int16 rows read {@value #STAGE_BYTES}
 *       bytes at a time, then widened; for linear, widened and blended in one pass), combined along
 *       j over the source width (vectorized), then gathered along i: one gather per output row
 *       rather than per source row;
 *   <li>other dtypes (≤ 2 i taps): each needed source row gathered along i straight from native
 *       memory onto the output's i grid (no widened copy of every source element: C2 widens one
 *       element at a time), then combined along j over the output width (vectorized).
 * </ul>
 * Where the JVM has the Vector API ({@code --add-modules jdk.incubator.vector}), two-tap i gathers,
 * int16 widening and the linear k combination run through {@link SimdRowGather} with the same
 * float32 operations lane by lane as {@link Kernels#SCALAR_TWIN}; contiguous int16/uint16 rows are
 * then staged and taken j-first (fewer gathers). Plain scalar code ({@link Kernels#SCALAR}) is
 * faster i-first for them, which changes the float rounding only (float32 sources: same bytes).
 * Linear plans from contiguous-along-i int16, uint16 or float32 rows run {@link NativeLinear}
 * instead where it is loaded ({@link Kernels#AUTO}): the same split and the same operations in C,
 * so the same bytes as the scalar twin.
 *
 * <p>Order of operations: (j, i) or (i, j), then k (linear: {@code lerp(a,b,f) = fma(f, b-a, a)}
 * per axis; other kernels: {@code acc = fma(w, v, acc)} from the first tap). The general per-voxel
 * path combines k, then j, then i, so the two differ by float rounding only (a few ulps of the
 * value range); identity grids and whole-voxel shifts (all fractions zero) are exact on both.
 *
 * <p>Work split: the output is cut into {@code slabs} (one per thread, contiguous in k) × bands of
 * output rows; a task keeps, per band, the intermediate planes of the current k taps (about
 * {@value #PLANE_CACHE_BYTES} bytes of heap) and a few staged rows, so each source plane is reduced
 * once per slab and band. No per-voxel allocation; heap per task is bounded by the output and
 * source widths, never a voxel grid. Not thread-safe itself; {@link #run} spreads disjoint output
 * rows over the pool.
 */
final class SeparableResampler {
  /** Target heap bytes of one task's cached intermediate planes (fits a per-core L2 cache). */
  static final int PLANE_CACHE_BYTES = 256 << 10;
  /** Target bytes of int16 source rows a task reads at once ({@link #staged16}). */
  static final int STAGE_BYTES = 64 << 10;
  /** Fewest output rows per band. */
  static final int MIN_BAND = 8;

  /** Which kernels run the two-tap rows. */
  enum Kernels {
    /** {@link NativeLinear} where it is loaded and the plan is linear from int16, uint16 or float32, else {@link #VECTOR}. */
    AUTO,
    /** The Vector API kernels where the JVM has the module, else {@link #SCALAR}. */
    VECTOR,
    /** Scalar Java, int16/uint16 i-first (the fastest order for scalar code). */
    SCALAR,
    /** Scalar Java in the vector kernels' order (staged, j-first): their bit-identical twin, for tests. */
    SCALAR_TWIN
  }

  /**
   * Per-axis taps of a separable plan: {@code index[4q + a]} is the source index of tap {@code a}
   * of output index {@code q} ({@code index[4q] = -1}: outside the field, the output is the fill),
   * {@code weight[4q + a]} its weight; for lerp axes {@code weight[4q + 1]} is the fraction.
   */
  record Axis(int taps, int[] index, float[] weight) {
    boolean outside(int q) {
      return index[4 * q] < 0;
    }
  }

  private final int ni, nj, nk, sx, sy;
  private final long src, bsi, bsj, bsk;
  private final int code;
  private final long dst;
  private final boolean lerp, rescale;
  private final float slope, intercept, fill;
  private final Axis ax, ay, az;
  /** First staged source i and the staged row width; 0 when every output i is outside. */
  private final int xlo, nx;
  /** Per i tap: index into the staged row (0 where outside) and weight (SoA, for the JIT). */
  private final int[][] gi;
  private final float[][] wi;
  private final int[] outsideI;
  private final int band;
  /**
   * i taps first (straight from the source, no widened rows) for other integer sources with at most
   * two i taps: C2 (JDK 17) widens to float32 one element at a time, so gathering the few taps per
   * output element from native memory beats widening every source element first.
   */
  private final boolean iFirst;
  /** i-first: absolute source i of the lower and upper tap per output i (0 where outside). */
  private final int[] xi0, xi1;
  /**
   * Where the Vector API is present and the caller allows it, two i taps, and float32 or contiguous
   * int16/uint16 sources: the widening, i gather and linear k combination with vectors,
   * bit-identical to the scalar loops; null otherwise.
   */
  private final SimdRowGather simd;
  /** Contiguous int16/uint16 rows: read in blocks into {@code Task.staged}, widened, j-first. */
  private final boolean staged16;
  /** Length of the intermediate plane rows and the output row buffer: ni, padded to whole vectors for {@link #simd}. */
  private final int rowLength;
  /**
   * {@link #staged16}: elements between staged rows (the source width where source rows are
   * contiguous and copied whole, else the staged width), and rows staged at once (about
   * {@value #STAGE_BYTES} bytes); 0 without staging.
   */
  private final int stagePitch, stageRows;
  /** Source rows contiguous ({@code bsj} is the row's bytes): staged whole, one copy per block of rows. */
  private final boolean wholeRows;
  /** The buffer {@code dst} points into and the byte offset there (null: no direct stores). */
  private final NativeBuffer dstBuffer;
  private final long dstOffset;
  private final int planesPerView;
  /** Linear on every axis from contiguous int16, uint16 or float32 rows, with {@link NativeLinear} loaded. */
  private final boolean nativeLinear;

  SeparableResampler(int[] outExtent, int[] srcExtent, long src, long[] byteStrides, int code, long dst,
      boolean lerp, boolean rescale, float slope, float intercept, float fill, Axis ax, Axis ay, Axis az,
      Kernels kernels, NativeBuffer dstBuffer, long dstOffset) {
    this.dstBuffer = dstBuffer;
    this.dstOffset = dstOffset;
    ni = outExtent[0];
    nj = outExtent[1];
    nk = outExtent[2];
    sx = srcExtent[0];
    sy = srcExtent[1];
    this.src = src;
    bsi = byteStrides[0];
    bsj = byteStrides[1];
    bsk = byteStrides[2];
    this.code = code;
    this.dst = dst;
    this.lerp = lerp;
    this.rescale = rescale;
    this.slope = slope;
    this.intercept = intercept;
    this.fill = fill;
    this.ax = ax;
    this.ay = ay;
    this.az = az;
    int lo = Integer.MAX_VALUE, hi = -1, outside = 0;
    for (int q = 0; q < ni; q++) {
      if (ax.outside(q)) {
        outside++;
        continue;
      }
      for (int a = 0; a < ax.taps(); a++) {
        lo = Math.min(lo, ax.index()[4 * q + a]);
        hi = Math.max(hi, ax.index()[4 * q + a]);
      }
    }
    xlo = hi < 0 ? 0 : lo;
    nx = hi < 0 ? 0 : hi - lo + 1;
    gi = new int[ax.taps()][ni];
    wi = new float[ax.taps()][ni];
    outsideI = new int[outside];
    for (int q = 0, o = 0; q < ni; q++) {
      if (ax.outside(q)) {
        outsideI[o++] = q;
        continue;
      }
      for (int a = 0; a < ax.taps(); a++) {
        gi[a][q] = ax.index()[4 * q + a] - xlo;
        wi[a][q] = ax.weight()[4 * q + a];
      }
    }
    boolean wide16 = bsi == 2 && (code == VoxelAccess.I16 || code == VoxelAccess.U16) && nx > 0;
    // the class (and its library) loads only when the plan could use it
    nativeLinear = kernels == Kernels.AUTO && lerp && ax.taps() == 2 && ay.taps() == 2 && az.taps() == 2 && nx > 0
        && (wide16 || code == VoxelAccess.F32 && bsi == 4) && NativeLinear.AVAILABLE;
    // no Vector API tables where the native kernel runs (their first use starts the incubator
    // module's classes, which a short-lived process would pay for nothing)
    boolean vector = (kernels == Kernels.AUTO && !nativeLinear || kernels == Kernels.VECTOR) && SimdSupport.AVAILABLE;
    staged16 = wide16 && (vector || kernels == Kernels.SCALAR_TWIN);
    if (vector && ax.taps() == 2 && nx > 0 && (staged16 || code == VoxelAccess.F32)) {
      boolean[] out = new boolean[ni];
      for (int q = 0; q < ni; q++) out[q] = ax.outside(q);
      simd = new SimdRowGather(lerp, ni, gi[0], gi[1], wi[0], wi[1], out, nx);
    } else {
      simd = null;
    }
    iFirst = !staged16 && code != VoxelAccess.F32 && ax.taps() <= 2 && nx > 0;
    xi0 = new int[ni];
    xi1 = new int[ni];
    for (int q = 0; q < ni; q++) {
      if (ax.outside(q)) continue;
      xi0[q] = ax.index()[4 * q];
      xi1[q] = ax.index()[4 * q + (ax.taps() - 1)];
    }
    rowLength = simd == null ? ni : SimdRowGather.padded(ni);
    int slots = az.taps() + 1;
    int b = (int) Math.max(MIN_BAND, PLANE_CACHE_BYTES / (4L * slots * Math.max(1, rowLength)));
    int bands = (nj + b - 1) / Math.max(1, b);
    band = Math.max(1, (nj + Math.max(1, bands) - 1) / Math.max(1, bands));
    planesPerView = planesPerView();
    wholeRows = bsj == 2L * sx;
    stagePitch = wholeRows ? sx : nx;
    stageRows = staged16 ? Math.max(2, STAGE_BYTES / (2 * stagePitch)) : 0;
  }

  /** Whether {@link #run} runs {@link NativeLinear} (tests assert the native kernel ran). */
  boolean usesNative() {
    return nativeLinear;
  }

  /** Whole output planes per direct view: as many as fit in 2 GiB − 1 bytes (0: a plane does not). */
  private int planesPerView() {
    long plane = 4L * ni * nj;
    return plane == 0 ? 0 : (int) Math.min(nk, (Integer.MAX_VALUE - 8) / plane);
  }

  /**
   * Direct views of the output for {@link SimdRowGather#lerpInto} (vector stores straight to native
   * memory), where the vector kernels run a linear k with two taps; null otherwise. Read-only
   * handles: stores use absolute offsets, so tasks share them.
   */
  private ByteBuffer[] outputViews() {
    if (simd == null || dstBuffer == null || !lerp || az.taps() != 2 || planesPerView == 0) return null;
    long plane = 4L * ni * nj;
    ByteBuffer[] v = new ByteBuffer[(nk + planesPerView - 1) / planesPerView];
    for (int i = 0; i < v.length; i++) {
      int planes = Math.min(planesPerView, nk - i * planesPerView);
      v[i] = dstBuffer.asByteBuffer(dstOffset + i * planesPerView * plane, (int) (planes * plane));
    }
    return v;
  }

  /** Bytes one task holds: Java heap (plane cache, staged rows, row buffers), or native for {@link NativeLinear}. */
  long taskScratchBytes() {
    if (nativeLinear) return NativeLinear.scratchBytes(ni, nj, nk, nx, band);
    long slack = simd == null ? 1 : SimdRowGather.slack();
    return 4L * ((az.taps() + 1L) * band * rowLength + (ay.taps() + 1L) * Math.max(nx, ni) + nx + slack + 2L * rowLength + ni)
        + 2L * stageRows * stagePitch;
  }

  /**
   * The j blend of two staged int16 ({@code unsigned}: uint16) rows, for x in [from, to):
   * {@code dst[x] = fma(f, b - a, a)} with {@code a}, {@code b} the source values cast to float32.
   * The scalar definition that {@link SimdRowGather#widenLerp} reproduces lane by lane.
   */
  static void widenLerp(short[] src, int from0, int from1, int from, int to, boolean unsigned, float f, float[] dst) {
    for (int x = from; x < to; x++) {
      float a = unsigned ? src[from0 + x] & 0xFFFF : src[from0 + x];
      float b = unsigned ? src[from1 + x] & 0xFFFF : src[from1 + x];
      dst[x] = Math.fma(f, b - a, a);
    }
  }

  void run(WorkPool pool) {
    int bands = (nj + band - 1) / band;
    int slabs = Math.max(1, Math.min(pool.threads(), nk));
    if (nativeLinear) {
      int c = code == VoxelAccess.I16 ? 0 : code == VoxelAccess.U16 ? 1 : 2;
      pool.parallelFor((long) slabs * bands, 1, (from, to) -> {
        int rc = NativeLinear.run(src, bsj, bsk, c, dst, ni, nj, nk, ax.index(), ax.weight(), ay.index(),
            ay.weight(), az.index(), az.weight(), xlo, nx, band, slabs, from, to, rescale, slope, intercept, fill);
        if (rc != 0) throw new OutOfMemoryError("native resample kernel: no memory for " + taskScratchBytes() + " bytes of scratch");
      });
      return;
    }
    ByteBuffer[] views = outputViews();
    pool.parallelFor((long) slabs * bands, 1, (from, to) -> {
      Task t = new Task(views);
      for (long item = from; item < to; item++) {
        int s = (int) (item / bands), b = (int) (item % bands);
        int k0 = (int) ((long) s * nk / slabs), k1 = (int) ((long) (s + 1) * nk / slabs);
        t.item(b * band, Math.min(nj, (b + 1) * band), k0, k1);
      }
    });
  }

  /** Least-recently-used cache keyed by an int: slot s holds {@code rows} float rows of {@code length}. */
  private static final class Slots {
    final float[][][] data;
    final int[] key;
    final long[] used;

    Slots(int n, int rows, int length) {
      data = new float[n][rows][length];
      key = new int[n];
      used = new long[n];
      Arrays.fill(key, -1);
      Arrays.fill(used, -1);
    }

    /** The slot holding {@code k}, or -1; marks it used at {@code now}. */
    int find(int k, long now) {
      for (int s = 0; s < key.length; s++) {
        if (key[s] == k) {
          used[s] = now;
          return s;
        }
      }
      return -1;
    }

    /** A slot not used at {@code now} (the least recently used), re-keyed to {@code k}. */
    int claim(int k, long now) {
      int best = -1;
      for (int s = 0; s < key.length; s++) {
        if (used[s] != now && (best < 0 || used[s] < used[best])) best = s;
      }
      key[best] = k;
      used[best] = now;
      return best;
    }

    void clear() {
      Arrays.fill(key, -1);
      Arrays.fill(used, -1);
    }
  }

  /** One worker's buffers; processes (band, slab) items. */
  private final class Task {
    final Slots planes = new Slots(az.taps() + 1, band, rowLength);
    final Slots rows = new Slots(ay.taps() + 1, 1, Math.max(1, iFirst ? ni : nx));
    /** The j-combined source line, one padding element past {@code nx} (see {@link #gatherI}). */
    final float[] blended = new float[nx + (simd == null ? 1 : SimdRowGather.slack())];
    final float[] out = new float[rowLength];
    final float[] fillRow = new float[ni];
    final int[] planeSlot = new int[4];
    /** {@link #staged16}: the source rows of the current plane and band (see {@link #stage}). */
    final short[] staged = new short[stageRows * stagePitch];
    /** Plane, first row and row count held in {@link #staged}; the current band's source rows [begin, end). */
    int stageZ = -1, stageY, stageN, stageBegin, stageEnd;
    long clock;

    /**
     * With {@link #simd} and a linear k: direct views of the output, {@link #planesPerView} whole
     * planes each, that {@link SimdRowGather#lerpInto} stores rows into; else null.
     */
    final ByteBuffer[] views;

    Task(ByteBuffer[] views) {
      this.views = views;
      Arrays.fill(fillRow, fill);
    }

    void item(int j0, int j1, int k0, int k1) {
      planes.clear();
      for (int k = k0; k < k1; k++) {
        if (az.outside(k) || nx == 0) {
          for (int j = j0; j < j1; j++) write(fillRow, k, j);
          continue;
        }
        long now = ++clock;
        int tk = az.taps();
        for (int c = 0; c < tk; c++) {
          int z = az.index()[4 * k + c];
          int s = planes.find(z, now);
          if (s < 0) {
            s = planes.claim(z, now);
            reducePlane(z, j0, j1, planes.data[s]);
          }
          planeSlot[c] = s;
        }
        for (int j = j0; j < j1; j++) {
          if (ay.outside(j)) {
            write(fillRow, k, j);
            continue;
          }
          if (views != null) {
            ByteBuffer v = views[k / planesPerView];
            int off = (int) (((long) (k % planesPerView) * nj + j) * ni * 4);
            SimdRowGather.lerpInto(planes.data[planeSlot[0]][j - j0], planes.data[planeSlot[1]][j - j0],
                az.weight()[4 * k + 1], rescale, slope, intercept, v, off, ni, rowAddress(k, j));
            for (int q : outsideI) v.putFloat(off + 4 * q, fill);
            continue;
          }
          combineK(k, j - j0);
          write(out, k, j);
        }
      }
    }

    private void write(float[] row, int k, int j) {
      RawMemory.writeFloats(row, 0, rowAddress(k, j), ni);
    }

    /** Native address of output row (k, j). */
    private long rowAddress(int k, int j) {
      return dst + ((long) k * nj + j) * ni * 4;
    }

    /**
     * Output row {@code o} of the band from the cached planes: k taps, rescale, fill outside i. The
     * loops index whole row arrays without offsets: C2's vectorizer (JDK 17) leaves loops over
     * {@code a[o + i]} scalar.
     */
    private void combineK(int k, int o) {
      final float[] r = out;
      final int n = ni;
      final float[] w = az.weight();
      final float[] p0 = planes.data[planeSlot[0]][o];
      final float sl = rescale ? slope : 1f, ic = rescale ? intercept : 0f;
      switch (az.taps()) {
        case 1 -> {
          final float w0 = w[4 * k];
          if (rescale) {
            for (int i = 0; i < n; i++) r[i] = Math.fma(w0 * p0[i], sl, ic);
          } else {
            for (int i = 0; i < n; i++) r[i] = w0 * p0[i];
          }
        }
        case 2 -> {
          final float[] p1 = planes.data[planeSlot[1]][o];
          if (lerp) {
            final float f = w[4 * k + 1];
            if (rescale) {
              for (int i = 0; i < n; i++) {
                float a = p0[i];
                r[i] = Math.fma(Math.fma(f, p1[i] - a, a), sl, ic);
              }
            } else {
              for (int i = 0; i < n; i++) {
                float a = p0[i];
                r[i] = Math.fma(f, p1[i] - a, a);
              }
            }
          } else {
            final float w0 = w[4 * k], w1 = w[4 * k + 1];
            for (int i = 0; i < n; i++) r[i] = Math.fma(w1, p1[i], w0 * p0[i]);
            if (rescale) {
              for (int i = 0; i < n; i++) r[i] = Math.fma(r[i], sl, ic);
            }
          }
        }
        default -> {
          final float[] p1 = planes.data[planeSlot[1]][o], p2 = planes.data[planeSlot[2]][o], p3 = planes.data[planeSlot[3]][o];
          final float w0 = w[4 * k], w1 = w[4 * k + 1], w2 = w[4 * k + 2], w3 = w[4 * k + 3];
          for (int i = 0; i < n; i++) {
            r[i] = Math.fma(w3, p3[i], Math.fma(w2, p2[i], Math.fma(w1, p1[i], w0 * p0[i])));
          }
          if (rescale) {
            for (int i = 0; i < n; i++) r[i] = Math.fma(r[i], sl, ic);
          }
        }
      }
      for (int q : outsideI) r[q] = fill;
    }

    /** Source plane {@code z}, rows of output band [j0, j1): j taps over the source width, then i taps. */
    private void reducePlane(int z, int j0, int j1, float[][] plane) {
      if (iFirst) {
        reducePlaneIFirst(z, j0, j1, plane);
        return;
      }
      final int tj = ay.taps();
      final int[] yi = ay.index();
      final float[] wy = ay.weight();
      if (staged16) {
        // stage no row outside the band's: the next band reads them again
        stageBegin = Integer.MAX_VALUE;
        stageEnd = 0;
        for (int j = j0; j < j1; j++) {
          if (ay.outside(j)) continue;
          for (int a = 0; a < tj; a++) {
            stageBegin = Math.min(stageBegin, yi[4 * j + a]);
            stageEnd = Math.max(stageEnd, yi[4 * j + a] + 1);
          }
        }
      }
      for (int j = j0; j < j1; j++) {
        if (ay.outside(j)) continue;
        if (staged16 && lerp && tj == 2) {
          // both rows widened and blended straight from the staged int16 (no widened row copies)
          int y0 = yi[4 * j], y1 = yi[4 * j + 1];
          stage(z, Math.min(y0, y1), Math.max(y0, y1));
          int off = wholeRows ? xlo : 0;
          int from0 = (y0 - stageY) * stagePitch + off, from1 = (y1 - stageY) * stagePitch + off;
          boolean unsigned = code == VoxelAccess.U16;
          float f = wy[4 * j + 1];
          float[] line = blended;
          if (simd != null) {
            SimdRowGather.widenLerp(staged, from0, from1, nx, unsigned, f, line);
          } else {
            widenLerp(staged, from0, from1, 0, nx, unsigned, f, line);
          }
          line[nx] = line[nx - 1];
          gatherI(line, plane[j - j0]);
          continue;
        }
        long now = ++clock;
        float[] r0 = row(z, yi[4 * j], now);
        float[] line;
        switch (tj) {
          case 1 -> {
            final float w0 = wy[4 * j];
            line = blended;
            for (int x = 0; x < nx; x++) line[x] = w0 * r0[x];
          }
          case 2 -> {
            float[] r1 = row(z, yi[4 * j + 1], now);
            line = blended;
            if (lerp) {
              final float f = wy[4 * j + 1];
              for (int x = 0; x < nx; x++) {
                float a = r0[x];
                line[x] = Math.fma(f, r1[x] - a, a);
              }
            } else {
              final float w0 = wy[4 * j], w1 = wy[4 * j + 1];
              for (int x = 0; x < nx; x++) line[x] = Math.fma(w1, r1[x], w0 * r0[x]);
            }
          }
          default -> {
            float[] r1 = row(z, yi[4 * j + 1], now), r2 = row(z, yi[4 * j + 2], now), r3 = row(z, yi[4 * j + 3], now);
            line = blended;
            final float w0 = wy[4 * j], w1 = wy[4 * j + 1], w2 = wy[4 * j + 2], w3 = wy[4 * j + 3];
            for (int x = 0; x < nx; x++) {
              line[x] = Math.fma(w3, r3[x], Math.fma(w2, r2[x], Math.fma(w1, r1[x], w0 * r0[x])));
            }
          }
        }
        line[nx] = line[nx - 1];
        gatherI(line, plane[j - j0]);
      }
    }

    /** i taps of one j-combined source line into {@code dst}; outside i gets garbage (filled later). */
    private void gatherI(float[] line, float[] dst) {
      if (simd != null) {
        simd.gather(line, dst);
        return;
      }
      final int n = ni;
      final int[] g0 = gi[0];
      final float[] w0 = wi[0];
      switch (gi.length) {
        case 1 -> {
          for (int i = 0; i < n; i++) dst[i] = w0[i] * line[g0[i]];
        }
        case 2 -> {
          final int[] g1 = gi[1];
          final float[] w1 = wi[1];
          if (lerp) {
            // the upper tap is always the next element: at the last source index it is the padding
            // copy of the lower one, and the fraction there is 0, so the result is the same
            for (int i = 0; i < n; i++) {
              int x = g0[i];
              float a = line[x];
              dst[i] = Math.fma(w1[i], line[x + 1] - a, a);
            }
          } else {
            for (int i = 0; i < n; i++) dst[i] = Math.fma(w1[i], line[g1[i]], w0[i] * line[g0[i]]);
          }
        }
        default -> {
          final int[] g1 = gi[1], g2 = gi[2], g3 = gi[3];
          final float[] w1 = wi[1], w2 = wi[2], w3 = wi[3];
          for (int i = 0; i < n; i++) {
            dst[i] = Math.fma(w3[i], line[g3[i]],
                Math.fma(w2[i], line[g2[i]], Math.fma(w1[i], line[g1[i]], w0[i] * line[g0[i]])));
          }
        }
      }
    }

    /** i-first: source rows gathered along i (cached, output width), then combined along j. */
    private void reducePlaneIFirst(int z, int j0, int j1, float[][] plane) {
      final int tj = ay.taps();
      final int[] yi = ay.index();
      final float[] wy = ay.weight();
      final int n = ni;
      for (int j = j0; j < j1; j++) {
        if (ay.outside(j)) continue;
        long now = ++clock;
        final float[] d = plane[j - j0];
        final float[] r0 = gathered(z, yi[4 * j], now);
        if (tj == 1) {
          final float w0 = wy[4 * j];
          for (int i = 0; i < n; i++) d[i] = w0 * r0[i];
        } else if (tj == 2) {
          final float[] r1 = gathered(z, yi[4 * j + 1], now);
          if (lerp) {
            final float f = wy[4 * j + 1];
            for (int i = 0; i < n; i++) {
              float a = r0[i];
              d[i] = Math.fma(f, r1[i] - a, a);
            }
          } else {
            final float w0 = wy[4 * j], w1 = wy[4 * j + 1];
            for (int i = 0; i < n; i++) d[i] = Math.fma(w1, r1[i], w0 * r0[i]);
          }
        } else {
          final float[] r1 = gathered(z, yi[4 * j + 1], now), r2 = gathered(z, yi[4 * j + 2], now),
              r3 = gathered(z, yi[4 * j + 3], now);
          final float w0 = wy[4 * j], w1 = wy[4 * j + 1], w2 = wy[4 * j + 2], w3 = wy[4 * j + 3];
          for (int i = 0; i < n; i++) d[i] = Math.fma(w3, r3[i], Math.fma(w2, r2[i], Math.fma(w1, r1[i], w0 * r0[i])));
        }
      }
    }

    /** i-first: source row (z, y) interpolated along i onto the output's i grid (cached). */
    private float[] gathered(int z, int y, long now) {
      int key = z * sy + y;
      int s = rows.find(key, now);
      if (s >= 0) return rows.data[s][0];
      s = rows.claim(key, now);
      final float[] d = rows.data[s][0];
      final long a = src + (long) y * bsj + (long) z * bsk;
      final int n = ni;
      final int[] x0 = xi0, x1 = xi1;
      final float[] w0 = wi[0];
      if (ax.taps() == 1) {
        if (code == VoxelAccess.I16 && bsi == 2) {
          for (int i = 0; i < n; i++) d[i] = w0[i] * RawMemory.getShort(a + 2L * x0[i]);
        } else {
          for (int i = 0; i < n; i++) d[i] = w0[i] * VoxelAccess.load(code, a + x0[i] * bsi);
        }
        return d;
      }
      final float[] w1 = wi[1];
      if (code == VoxelAccess.I16 && bsi == 2) {
        if (lerp) {
          for (int i = 0; i < n; i++) {
            float p = RawMemory.getShort(a + 2L * x0[i]);
            d[i] = Math.fma(w1[i], RawMemory.getShort(a + 2L * x1[i]) - p, p);
          }
        } else {
          for (int i = 0; i < n; i++) {
            d[i] = Math.fma(w1[i], RawMemory.getShort(a + 2L * x1[i]), w0[i] * RawMemory.getShort(a + 2L * x0[i]));
          }
        }
      } else if (lerp) {
        for (int i = 0; i < n; i++) {
          float p = VoxelAccess.load(code, a + x0[i] * bsi);
          d[i] = Math.fma(w1[i], VoxelAccess.load(code, a + x1[i] * bsi) - p, p);
        }
      } else {
        for (int i = 0; i < n; i++) {
          d[i] = Math.fma(w1[i], VoxelAccess.load(code, a + x1[i] * bsi), w0[i] * VoxelAccess.load(code, a + x0[i] * bsi));
        }
      }
      return d;
    }

    /**
     * {@link #staged16}: makes rows [lo, hi] of plane {@code z} (at most {@code stageRows} apart)
     * present in {@link #staged}, reading up to {@code stageRows} rows of the band at once: one long
     * copy streams from memory faster than a copy per row. The block starts at {@code lo}, or ends
     * at {@code hi} where rows are asked for in decreasing order (a flipped j axis), so that each
     * row is read once either way.
     */
    private void stage(int z, int lo, int hi) {
      if (z == stageZ && lo >= stageY && hi < stageY + stageN) return;
      int y = z == stageZ && lo < stageY ? Math.max(Math.min(stageBegin, lo), hi - stageRows + 1) : lo;
      int n = Math.max(hi - y + 1, Math.min(stageRows, Math.min(stageEnd, sy) - y));
      stageZ = z;
      stageY = y;
      stageN = n;
      long a = src + (long) y * bsj + (long) z * bsk;
      if (wholeRows) {
        RawMemory.readShorts(a, staged, 0, (long) n * sx);
      } else {
        for (int r = 0; r < n; r++) RawMemory.readShorts(a + r * bsj + xlo * 2L, staged, r * stagePitch, nx);
      }
    }

    /** Source row (z, y) from i = xlo, staged as float32 (cached). */
    private float[] row(int z, int y, long now) {
      int key = z * sy + y;
      int s = rows.find(key, now);
      if (s >= 0) return rows.data[s][0];
      s = rows.claim(key, now);
      float[] d = rows.data[s][0];
      long a = src + (long) y * bsj + (long) z * bsk + (long) xlo * bsi;
      if (staged16) {
        stage(z, y, y);
        int from = (y - stageY) * stagePitch + (wholeRows ? xlo : 0);
        if (simd != null) {
          SimdRowGather.widen(staged, from, nx, code == VoxelAccess.U16, d);
        } else if (code == VoxelAccess.U16) {
          for (int x = 0; x < nx; x++) d[x] = staged[from + x] & 0xFFFF;
        } else {
          for (int x = 0; x < nx; x++) d[x] = staged[from + x];
        }
      } else if (code == VoxelAccess.F32 && bsi == 4) {
        RawMemory.readFloats(a, d, 0, nx);
      } else {
        for (int x = 0; x < nx; x++) d[x] = VoxelAccess.load(code, a + x * bsi);
      }
      return d;
    }
  }
}
