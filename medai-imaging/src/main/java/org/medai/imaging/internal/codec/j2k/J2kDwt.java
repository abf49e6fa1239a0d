package org.medai.imaging.internal.codec.j2k;

/**
 * Inverse discrete wavelet transforms (ISO/IEC 15444-1 Annex F) on a tile-component held in the
 * sub-band layout the tier-1 writes: at each level the low band occupies the top-left corner of the
 * resolution's rectangle and the high bands follow it. Any number of levels, odd sizes and odd
 * tile origins (the parity of a resolution's first coordinate decides whether it starts with a
 * low- or high-pass sample).
 *
 * <p>The 5/3 reversible filter is integer lifting with symmetric extension. The 9/7 irreversible
 * filter reproduces OpenJPEG 2.5's single-precision arithmetic step for step, so lossy decodes
 * match {@code opj_decompress} bit for bit: rows then columns at each level, scaling the low-pass
 * samples by K and the high-pass ones by OpenJPEG's historical 2/K constant (1.625732422, its step
 * sizes omit the sub-band gain to compensate), then the four lifting steps with the boundary
 * sample's two neighbours folded to one (x·2c). Buffers are reused; not thread-safe.
 */
final class J2kDwt {
  private static final float ALPHA = -1.586134342f;
  private static final float BETA = -0.052980118f;
  private static final float GAMMA = 0.882911075f;
  private static final float DELTA = 0.443506852f;
  private static final float K = 1.230174105f;
  private static final float TWO_INV_K = 1.625732422f;
  /** Columns lifted together in the 5/3 vertical pass: whole cache lines, a bounded buffer. */
  private static final int STRIP = 64;

  private int[] itmp = new int[64];
  private float[] lo = new float[0];
  private float[] hi = new float[0];
  private int[] i2d = new int[0];
  private float[][] rows = new float[0][];
  private float[][] scratch = new float[0][0];

  /**
   * @param res per resolution 0..levels: {x0, y0, x1, y1}
   */
  void inverse53(int[] buf, int stride, int[][] res) {
    for (int r = 1; r < res.length; r++) {
      int rw = res[r][2] - res[r][0];
      int rh = res[r][3] - res[r][1];
      int sn = res[r - 1][2] - res[r - 1][0];
      int snv = res[r - 1][3] - res[r - 1][1];
      int casH = res[r][0] & 1;
      int casV = res[r][1] & 1;
      int need = Math.max(rw, rh);
      if (itmp.length < need) {
        itmp = new int[need];
      }
      int[] t = itmp;
      for (int y = 0; y < rh; y++) {
        int row = y * stride;
        interleave(buf, row, 1, rw, sn, casH, t);
        lift53(t, rw, casH);
        System.arraycopy(t, 0, buf, row, rw);
      }
      if (i2d.length < STRIP * rh) {
        i2d = new int[STRIP * rh];
      }
      int[] v = i2d;
      for (int x0 = 0; x0 < rw; x0 += STRIP) {
        int bw = Math.min(STRIP, rw - x0);
        for (int i = 0; i < snv; i++) {
          System.arraycopy(buf, i * stride + x0, v, (casV + 2 * i) * bw, bw);
        }
        for (int i = 0; i < rh - snv; i++) {
          System.arraycopy(buf, (snv + i) * stride + x0, v, (1 - casV + 2 * i) * bw, bw);
        }
        lift53Rows(v, bw, rh, casV);
        for (int y = 0; y < rh; y++) {
          System.arraycopy(v, y * bw, buf, y * stride + x0, bw);
        }
      }
    }
  }

  /** {@link #lift53} along columns, applied to whole rows at a time (cache-friendly, same arithmetic). */
  private static void lift53Rows(int[] v, int rw, int n, int cas) {
    if (n == 1) {
      if (cas == 1) {
        for (int x = 0; x < rw; x++) {
          v[x] /= 2;
        }
      }
      return;
    }
    for (int t = cas; t < n; t += 2) {
      int l = (t > 0 ? t - 1 : t + 1) * rw;
      int r = (t + 1 < n ? t + 1 : t - 1) * rw;
      int o = t * rw;
      for (int x = 0; x < rw; x++) {
        v[o + x] -= (v[l + x] + v[r + x] + 2) >> 2;
      }
    }
    for (int t = 1 - cas; t < n; t += 2) {
      int l = (t > 0 ? t - 1 : t + 1) * rw;
      int r = (t + 1 < n ? t + 1 : t - 1) * rw;
      int o = t * rw;
      for (int x = 0; x < rw; x++) {
        v[o + x] += (v[l + x] + v[r + x]) >> 1;
      }
    }
  }

  private static void interleave(int[] buf, int start, int step, int n, int sn, int cas, int[] t) {
    int lo = cas;
    int hi = 1 - cas;
    for (int i = 0; i < sn; i++) {
      t[lo + 2 * i] = buf[start + i * step];
    }
    for (int i = 0; i < n - sn; i++) {
      t[hi + 2 * i] = buf[start + (sn + i) * step];
    }
  }

  private static void lift53(int[] x, int n, int cas) {
    if (n == 1) {
      if (cas == 1) {
        x[0] /= 2;
      }
      return;
    }
    // even (low-pass) samples first, then odd (high-pass); positions alternate from cas
    for (int t = cas; t < n; t += 2) {
      int l = t > 0 ? x[t - 1] : x[t + 1];
      int r = t + 1 < n ? x[t + 1] : x[t - 1];
      x[t] -= (l + r + 2) >> 2;
    }
    for (int t = 1 - cas; t < n; t += 2) {
      int l = t > 0 ? x[t - 1] : x[t + 1];
      int r = t + 1 < n ? x[t + 1] : x[t - 1];
      x[t] += (l + r) >> 1;
    }
  }

  /**
   * The irreversible inverse transform on a plane of {@code width} columns held as one array per
   * row (rows may be permuted), see the class comment.
   */
  void inverse97(float[][] rowsOf, int width, int[][] res) {
    for (int r = 1; r < res.length; r++) {
      int rw = res[r][2] - res[r][0];
      int rh = res[r][3] - res[r][1];
      int sn = res[r - 1][2] - res[r - 1][0];
      int snv = res[r - 1][3] - res[r - 1][1];
      int casH = res[r][0] & 1;
      int casV = res[r][1] & 1;
      if (rw == 0 || rh == 0) {
        continue; // an empty resolution: nothing to lift
      }
      int need = Math.max(rw, rh) + 1;
      if (lo.length < need) {
        lo = new float[need];
        hi = new float[need];
      }
      float[] l = lo;
      float[] h = hi;
      int dn = rw - sn;
      for (int y = 0; y < rh; y++) {
        float[] row = rowsOf[y];
        System.arraycopy(row, 0, l, 0, sn);
        System.arraycopy(row, sn, h, 0, dn);
        lift97Split(l, h, sn, dn, casH);
        for (int i = 0; i < sn; i++) {
          row[casH + 2 * i] = l[i];
        }
        for (int i = 0; i < dn; i++) {
          row[1 - casH + 2 * i] = h[i];
        }
      }
      // vertical: interleave the low and high rows, then lift whole rows. When the resolution spans
      // the tile's width its rows hold nothing else and are permuted by reference; otherwise they
      // hold the next level's HL band to the right, and the resolution's part is copied out and back.
      if (rows.length < rh) {
        rows = new float[rh][];
      }
      float[][] v = rows;
      if (rw == width) {
        for (int i = 0; i < snv; i++) {
          v[casV + 2 * i] = rowsOf[i];
        }
        for (int i = 0; i < rh - snv; i++) {
          v[1 - casV + 2 * i] = rowsOf[snv + i];
        }
        lift97Rows(v, rw, snv, rh - snv, casV);
        System.arraycopy(v, 0, rowsOf, 0, rh);
      } else {
        if (scratch.length < rh || scratch[0].length < rw) {
          scratch = new float[Math.max(rh, scratch.length)][rw];
        }
        for (int i = 0; i < snv; i++) {
          System.arraycopy(rowsOf[i], 0, scratch[casV + 2 * i], 0, rw);
        }
        for (int i = 0; i < rh - snv; i++) {
          System.arraycopy(rowsOf[snv + i], 0, scratch[1 - casV + 2 * i], 0, rw);
        }
        lift97Rows(scratch, rw, snv, rh - snv, casV);
        for (int y = 0; y < rh; y++) {
          System.arraycopy(scratch[y], 0, rowsOf[y], 0, rw);
        }
      }
    }
  }

  /**
   * The one-dimensional 9/7 synthesis of a line held as its low-pass samples {@code l} and high-pass samples
   * {@code h} (de-interleaved): every sample gets the same operations in the same order, the loops
   * index both arrays with the loop variable so they vectorize.
   */
  private static void lift97Split(float[] l, float[] h, int sn, int dn, int cas) {
    if (cas == 0 ? !(dn > 0 || sn > 1) : !(sn > 0 || dn > 1)) {
      return;
    }
    for (int i = 0; i < sn; i++) {
      l[i] *= K;
    }
    for (int i = 0; i < dn; i++) {
      h[i] *= TWO_INV_K;
    }
    if (cas == 0) {
      // low i at 2i (neighbours h[i-1], h[i], the first one mirrored), high i at 2i+1 (l[i], l[i+1])
      stepLeft(l, h, sn, Math.min(sn, dn), -DELTA);
      stepRight(h, l, dn, Math.min(dn, sn - 1), -GAMMA);
      stepLeft(l, h, sn, Math.min(sn, dn), -BETA);
      stepRight(h, l, dn, Math.min(dn, sn - 1), -ALPHA);
    } else {
      // high i at 2i (neighbours l[i-1], l[i], the first one mirrored), low i at 2i+1 (h[i], h[i+1])
      stepRight(l, h, sn, Math.min(sn, dn - 1), -DELTA);
      stepLeft(h, l, dn, Math.min(dn, sn), -GAMMA);
      stepRight(l, h, sn, Math.min(sn, dn - 1), -BETA);
      stepLeft(h, l, dn, Math.min(dn, sn), -ALPHA);
    }
  }

  /**
   * {@code d[i] += (s[i-1] + s[i])·c} for i &lt; m (i = 0 mirrored: {@code s[0] + s[0]}), then, when
   * {@code m < count}, {@code d[m] += s[m-1]·2c}: the samples that precede their own-index neighbour.
   */
  private static void stepLeft(float[] d, float[] s, int count, int m, float c) {
    if (m > 0) {
      d[0] = d[0] + (s[0] + s[0]) * c;
    }
    for (int i = 1; i < m; i++) {
      d[i] = d[i] + (s[i - 1] + s[i]) * c;
    }
    if (m < count && m > 0) {
      d[m] = d[m] + s[m - 1] * (c + c);
    }
  }

  /**
   * {@code d[i] += (s[i] + s[i+1])·c} for i &lt; m, then, when {@code m < count}, {@code d[m] += s[m]·2c}.
   */
  private static void stepRight(float[] d, float[] s, int count, int m, float c) {
    for (int i = 0; i < m; i++) {
      d[i] = d[i] + (s[i] + s[i + 1]) * c;
    }
    if (m < count && m >= 0) {
      d[m] = d[m] + s[m] * (c + c);
    }
  }

  /** {@link #lift97Split} along columns, applied to whole rows at a time (same operations per sample). */
  private static void lift97Rows(float[][] v, int rw, int sn, int dn, int cas) {
    int a;
    int b;
    if (cas == 0) {
      if (!(dn > 0 || sn > 1)) {
        return;
      }
      a = 0;
      b = 1;
    } else {
      if (!(sn > 0 || dn > 1)) {
        return;
      }
      a = 1;
      b = 0;
    }
    for (int i = 0; i < sn; i++) {
      float[] o = v[a + 2 * i];
      for (int x = 0; x < rw; x++) {
        o[x] *= K;
      }
    }
    for (int i = 0; i < dn; i++) {
      float[] o = v[b + 2 * i];
      for (int x = 0; x < rw; x++) {
        o[x] *= TWO_INV_K;
      }
    }
    stepRows(v, rw, a, sn, Math.min(sn, dn - a), -DELTA);
    stepRows(v, rw, b, dn, Math.min(dn, sn - b), -GAMMA);
    stepRows(v, rw, a, sn, Math.min(sn, dn - a), -BETA);
    stepRows(v, rw, b, dn, Math.min(dn, sn - b), -ALPHA);
  }

  private static void stepRows(float[][] v, int rw, int first, int count, int m, float c) {
    for (int i = 0; i < m; i++) {
      int t = first + 2 * i;
      float[] o = v[t];
      float[] l = v[t > 0 ? t - 1 : t + 1];
      float[] r = v[t + 1];
      for (int x = 0; x < rw; x++) {
        o[x] = o[x] + (l[x] + r[x]) * c;
      }
    }
    if (m < count && m >= 0) {
      int t = first + 2 * m;
      float[] o = v[t];
      float[] l = v[t - 1];
      float c2 = c + c;
      for (int x = 0; x < rw; x++) {
        o[x] = o[x] + l[x] * c2;
      }
    }
  }
}
