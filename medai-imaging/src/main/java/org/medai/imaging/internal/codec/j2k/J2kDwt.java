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
  /** Columns lifted together in the vertical pass: whole cache lines, a bounded buffer. */
  private static final int STRIP = 64;

  private int[] itmp = new int[64];
  private float[] ftmp = new float[64];
  private int[] i2d = new int[0];
  private float[] f2d = new float[0];

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

  /** The irreversible inverse transform, see the class comment. */
  void inverse97(float[] buf, int stride, int[][] res) {
    for (int r = 1; r < res.length; r++) {
      int rw = res[r][2] - res[r][0];
      int rh = res[r][3] - res[r][1];
      int sn = res[r - 1][2] - res[r - 1][0];
      int snv = res[r - 1][3] - res[r - 1][1];
      int casH = res[r][0] & 1;
      int casV = res[r][1] & 1;
      int need = Math.max(rw, rh);
      if (ftmp.length < need) {
        ftmp = new float[need];
      }
      float[] t = ftmp;
      for (int y = 0; y < rh; y++) {
        int row = y * stride;
        interleave(buf, row, 1, rw, sn, casH, t);
        lift97(t, sn, rw - sn, casH);
        System.arraycopy(t, 0, buf, row, rw);
      }
      if (f2d.length < STRIP * rh) {
        f2d = new float[STRIP * rh];
      }
      float[] v = f2d;
      for (int x0 = 0; x0 < rw; x0 += STRIP) {
        int bw = Math.min(STRIP, rw - x0);
        for (int i = 0; i < snv; i++) {
          System.arraycopy(buf, i * stride + x0, v, (casV + 2 * i) * bw, bw);
        }
        for (int i = 0; i < rh - snv; i++) {
          System.arraycopy(buf, (snv + i) * stride + x0, v, (1 - casV + 2 * i) * bw, bw);
        }
        lift97Rows(v, bw, snv, rh - snv, casV);
        for (int y = 0; y < rh; y++) {
          System.arraycopy(v, y * bw, buf, y * stride + x0, bw);
        }
      }
    }
  }

  /** {@link #lift97} along columns, applied to whole rows at a time (same operations per sample). */
  private static void lift97Rows(float[] v, int rw, int sn, int dn, int cas) {
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
      int o = (a + 2 * i) * rw;
      for (int x = 0; x < rw; x++) {
        v[o + x] *= K;
      }
    }
    for (int i = 0; i < dn; i++) {
      int o = (b + 2 * i) * rw;
      for (int x = 0; x < rw; x++) {
        v[o + x] *= TWO_INV_K;
      }
    }
    stepRows(v, rw, a, sn, Math.min(sn, dn - a), -DELTA);
    stepRows(v, rw, b, dn, Math.min(dn, sn - b), -GAMMA);
    stepRows(v, rw, a, sn, Math.min(sn, dn - a), -BETA);
    stepRows(v, rw, b, dn, Math.min(dn, sn - b), -ALPHA);
  }

  private static void stepRows(float[] v, int rw, int first, int count, int m, float c) {
    for (int i = 0; i < m; i++) {
      int t = first + 2 * i;
      int o = t * rw;
      int l = (t > 0 ? t - 1 : t + 1) * rw;
      int r = (t + 1) * rw;
      for (int x = 0; x < rw; x++) {
        v[o + x] = v[o + x] + (v[l + x] + v[r + x]) * c;
      }
    }
    if (m < count && m >= 0) {
      int t = first + 2 * m;
      int o = t * rw;
      int l = (t - 1) * rw;
      float c2 = c + c;
      for (int x = 0; x < rw; x++) {
        v[o + x] = v[o + x] + v[l + x] * c2;
      }
    }
  }

  private static void interleave(float[] buf, int start, int step, int n, int sn, int cas, float[] t) {
    int lo = cas;
    int hi = 1 - cas;
    for (int i = 0; i < sn; i++) {
      t[lo + 2 * i] = buf[start + i * step];
    }
    for (int i = 0; i < n - sn; i++) {
      t[hi + 2 * i] = buf[start + (sn + i) * step];
    }
  }

  private static void lift97(float[] x, int sn, int dn, int cas) {
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
      x[a + 2 * i] *= K;
    }
    for (int i = 0; i < dn; i++) {
      x[b + 2 * i] *= TWO_INV_K;
    }
    step(x, a, sn, Math.min(sn, dn - a), -DELTA);
    step(x, b, dn, Math.min(dn, sn - b), -GAMMA);
    step(x, a, sn, Math.min(sn, dn - a), -BETA);
    step(x, b, dn, Math.min(dn, sn - b), -ALPHA);
  }

  /**
   * Updates the {@code count} samples at {@code first + 2i} from their two neighbours: the first
   * {@code m} have both (the left one mirrored at the start), a remaining last one only its left.
   */
  private static void step(float[] x, int first, int count, int m, float c) {
    int i = 0;
    if (first == 0 && m > 0) {
      x[0] = x[0] + (x[1] + x[1]) * c; // mirrored left neighbour
      i = 1;
    }
    for (; i < m; i++) {
      int t = first + 2 * i;
      x[t] = x[t] + (x[t - 1] + x[t + 1]) * c;
    }
    if (m < count && m >= 0) {
      int t = first + 2 * m;
      x[t] = x[t] + x[t - 1] * (c + c);
    }
  }
}
