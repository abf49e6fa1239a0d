package org.medai.imaging.internal.transform;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API ({@code jdk.incubator.vector}) kernels of {@link SeparableResampler}'s two-tap rows,
 * with the same float32 arithmetic as its scalar loops, lane by lane, so the results are
 * bit-identical:
 * <ul>
 *   <li>{@link #widen}: an int16 or uint16 source row to float32 (C2 of JDK 17 widens one element
 *       at a time), and {@link #widenLerp}: two such rows widened and blended along j at once;
 *   <li>{@link #gather}: the two-tap interpolation along i of a float32 row onto the output's i
 *       grid. Output i is cut into blocks of one vector ({@code L} lanes). The taps of a block lie in
 *       a window of {@code 2L} row elements from the block's lowest tap (true while the source step
 *       per output step is at most about 2: any upsampling, and downsampling up to 2×); each tap
 *       vector is assembled from the window's two vectors with two in-register permutations and a
 *       blend (JDK 17's two-source rearrange is several times slower than this form). Blocks with a
 *       wider window run the scalar loop; outputs are padded to whole vectors ({@link #padded});
 *   <li>{@link #lerpInto}: the linear k combination with the rescale, stored to native memory.
 * </ul>
 *
 * <p>Load this class only after {@link SimdSupport#AVAILABLE} says the module is present: its
 * constant pool names incubator types. Instances are immutable and shared by threads; rows and
 * scratch belong to the caller.
 */
final class SimdRowGather {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  private final boolean lerp;
  /**
   * Lerp whose upper tap is always the next row element, or the last element itself (fraction 0):
   * the upper taps are the lower taps' permutation applied to the window one element on, read
   * from the row's padding element ({@code row[rowLength] = row[rowLength - 1]}) at the end, so
   * one permutation and mask serve both taps.
   */
  private final boolean adjacent;
  private final int blocks;
  private final int[] base;
  private final boolean[] scalarBlock;
  private final VectorShuffle<Float>[] lowShuffle, highShuffle;
  private final VectorMask<Float>[] lowMask, highMask;
  private final int[] x0, x1;
  private final float[] w0, w1;

  /** Lanes of the float32 vectors used here (the preferred species). */
  static int lanes() {
    return L;
  }

  /** Elements a row read by {@link #gather} must have past its last tap: one window. */
  static int slack() {
    return 2 * L + 1;
  }

  /**
   * Widens {@code count} int16 ({@code unsigned}: uint16) values of {@code src} to float32 into
   * {@code dst}, exactly as a cast does.
   */
  static void widen(short[] src, int from, int count, boolean unsigned, float[] dst) {
    int x = 0;
    for (int end = count - L; x <= end; x += L) widened(src, from + x, unsigned).intoArray(dst, x);
    for (; x < count; x++) dst[x] = unsigned ? src[from + x] & 0xFFFF : src[from + x];
  }

  /**
   * The lerp of two int16 ({@code unsigned}: uint16) rows of {@code src}, widened as a cast does:
   * {@code dst[x] = fma(f, b - a, a)} with {@code a = (float) src[from0 + x]} and
   * {@code b = (float) src[from1 + x]}, for x in [0, count). The j blend of staged rows without a
   * widened copy of each row in between.
   */
  static void widenLerp(short[] src, int from0, int from1, int count, boolean unsigned, float f, float[] dst) {
    FloatVector vf = FloatVector.broadcast(F, f);
    int x = 0;
    for (int end = count - L; x <= end; x += L) {
      FloatVector a = widened(src, from0 + x, unsigned);
      vf.fma(widened(src, from1 + x, unsigned).sub(a), a).intoArray(dst, x);
    }
    SeparableResampler.widenLerp(src, from0, from1, x, count, unsigned, f, dst);
  }

  /** {@code L} int16 (uint16) values from {@code src[i]} as float32. */
  private static FloatVector widened(short[] src, int i, boolean unsigned) {
    ShortVector s = ShortVector.fromArray(S, src, i);
    if (unsigned) {
      return (FloatVector) ((IntVector) s.convertShape(VectorOperators.S2I, I, 0)).and(0xFFFF).convert(VectorOperators.I2F, 0);
    }
    return (FloatVector) s.convertShape(VectorOperators.S2F, F, 0);
  }

  /**
   * One output row of the linear k combination, stored straight into native memory through the
   * direct buffer {@code out} at byte offset {@code off} (native address {@code rowAddress}):
   * {@code fma(f, p1[i] - p0[i], p0[i])}, then {@code fma(·, sl, ic)} when {@code rescale}, for i
   * in [0, n). Storing vectors directly rather than into a heap row copied out after halves the
   * stores, which bound this step. Rows of at least one vector store the first vector where the
   * row starts, whole vectors from the first 64-byte boundary on, and the last vector where the
   * row ends: lanes are computed independently, so the overlaps are stored twice with the same
   * bytes, and all but two stores per row stay within one cache line (rows of a 358-wide output
   * start at every 4-byte offset; the aligned stores are about 10 % faster).
   */
  static void lerpInto(float[] p0, float[] p1, float f, boolean rescale, float sl, float ic, ByteBuffer out, int off,
      int n, long rowAddress) {
    FloatVector vf = FloatVector.broadcast(F, f), vs = FloatVector.broadcast(F, sl), vc = FloatVector.broadcast(F, ic);
    ByteOrder order = ByteOrder.nativeOrder();
    if (n < L) {
      for (int i = 0; i < n; i++) {
        float a = p0[i], r = Math.fma(f, p1[i] - a, a);
        out.putFloat(off + 4 * i, rescale ? Math.fma(r, sl, ic) : r);
      }
      return;
    }
    lerpVector(p0, p1, vf, rescale, vs, vc, out, off, 0, order);
    int i = (int) ((-rowAddress >> 2) & (L - 1));
    if (i == 0) i = L;
    for (int end = n - L; i <= end; i += L) lerpVector(p0, p1, vf, rescale, vs, vc, out, off, i, order);
    if (i < n) lerpVector(p0, p1, vf, rescale, vs, vc, out, off, n - L, order);
  }

  private static void lerpVector(float[] p0, float[] p1, FloatVector vf, boolean rescale, FloatVector vs, FloatVector vc,
      ByteBuffer out, int off, int i, ByteOrder order) {
    FloatVector a = FloatVector.fromArray(F, p0, i);
    FloatVector r = vf.fma(FloatVector.fromArray(F, p1, i).sub(a), a);
    (rescale ? r.fma(vs, vc) : r).intoByteBuffer(out, off + 4 * i, order);
  }

  /**
   * A gather onto {@code n} outputs from rows indexed from 0: tap indices {@code g0}/{@code g1}
   * (into the row; any value where {@code outside}), weights {@code wi0}/{@code wi1}; {@code lerp}
   * as in {@link SeparableResampler} ({@code fma(w1, b - a, a)}), else {@code fma(w1, b, w0 * a)}.
   */
  @SuppressWarnings("unchecked")
  SimdRowGather(boolean lerp, int n, int[] g0, int[] g1, float[] wi0, float[] wi1, boolean[] outside, int rowLength) {
    this.lerp = lerp;
    blocks = (n + L - 1) / L;
    int padded = blocks * L;
    x0 = new int[padded];
    x1 = new int[padded];
    w0 = Arrays.copyOf(wi0, padded);
    w1 = Arrays.copyOf(wi1, padded);
    outside = Arrays.copyOf(outside, padded);
    for (int q = 0; q < padded; q++) {
      if (q >= n) outside[q] = true;
      x0[q] = outside[q] ? 0 : g0[q];
      x1[q] = outside[q] ? 0 : g1[q];
    }
    boolean next = lerp;
    for (int q = 0; q < padded; q++) {
      next &= outside[q] || x1[q] == x0[q] + 1 || (x1[q] == x0[q] && x0[q] == rowLength - 1);
    }
    adjacent = next;
    base = new int[blocks];
    scalarBlock = new boolean[blocks];
    lowShuffle = new VectorShuffle[blocks];
    highShuffle = new VectorShuffle[blocks];
    lowMask = new VectorMask[blocks];
    highMask = new VectorMask[blocks];
    int[] lo = new int[L], hi = new int[L];
    boolean[] lm = new boolean[L], hm = new boolean[L];
    for (int b = 0; b < blocks; b++) {
      int min = Integer.MAX_VALUE, max = -1;
      for (int q = b * L; q < (b + 1) * L; q++) {
        if (outside[q]) continue;
        min = Math.min(min, Math.min(x0[q], x1[q]));
        max = Math.max(max, Math.max(x0[q], x1[q]));
      }
      if (max < 0) min = max = 0;
      base[b] = min;
      if (max - min >= 2 * L) {
        scalarBlock[b] = true;
        continue;
      }
      for (int l = 0; l < L; l++) {
        int q = b * L + l;
        int a = outside[q] ? 0 : x0[q] - min, c = outside[q] ? 0 : (adjacent ? x0[q] : x1[q]) - min;
        lo[l] = a >= L ? a - L : a;
        hi[l] = c >= L ? c - L : c;
        lm[l] = a >= L;
        hm[l] = c >= L;
      }
      lowShuffle[b] = VectorShuffle.fromArray(F, lo, 0);
      highShuffle[b] = VectorShuffle.fromArray(F, hi, 0);
      lowMask[b] = VectorMask.fromArray(F, lm, 0);
      highMask[b] = VectorMask.fromArray(F, hm, 0);
    }
  }

  /** {@code n} rounded up to whole vectors: the length of rows {@link #gather} writes. */
  static int padded(int n) {
    return (n + L - 1) / L * L;
  }

  /**
   * The two taps of {@code row} into {@code dst[0, padded(n))}; outside outputs and the padding
   * get garbage. {@code row} holds {@link #slack()} readable elements past its last tap (read,
   * never selected).
   */
  void gather(float[] row, float[] dst) {
    for (int b = 0; b < blocks; b++) {
      int q0 = b * L;
      if (scalarBlock[b]) {
        scalar(row, dst, q0, q0 + L);
        continue;
      }
      int o = base[b];
      FloatVector v0 = FloatVector.fromArray(F, row, o), v1 = FloatVector.fromArray(F, row, o + L);
      VectorShuffle<Float> sl = lowShuffle[b];
      VectorMask<Float> ml = lowMask[b];
      FloatVector a = v0.rearrange(sl).blend(v1.rearrange(sl), ml);
      FloatVector c;
      if (adjacent) {
        FloatVector u0 = FloatVector.fromArray(F, row, o + 1), u1 = FloatVector.fromArray(F, row, o + 1 + L);
        c = u0.rearrange(sl).blend(u1.rearrange(sl), ml);
      } else {
        VectorShuffle<Float> sh = highShuffle[b];
        c = v0.rearrange(sh).blend(v1.rearrange(sh), highMask[b]);
      }
      FloatVector w = FloatVector.fromArray(F, w1, q0);
      if (lerp) {
        w.fma(c.sub(a), a).intoArray(dst, q0);
      } else {
        w.fma(c, FloatVector.fromArray(F, w0, q0).mul(a)).intoArray(dst, q0);
      }
    }
  }

  private void scalar(float[] row, float[] dst, int from, int to) {
    for (int q = from; q < to; q++) {
      float a = row[x0[q]], c = row[x1[q]];
      dst[q] = lerp ? Math.fma(w1[q], c - a, a) : Math.fma(w1[q], c, w0[q] * a);
    }
  }
}
