package org.medai.imaging.internal.codec.j2k;

/**
 * EBCOT tier-1 decoding of one code-block (ISO/IEC 15444-1 Annex D): significance propagation,
 * magnitude refinement and cleanup passes over stripes of four rows, with every code-block style
 * bit: selective arithmetic-coding bypass (raw passes), context reset, termination on each pass,
 * vertically causal contexts, predictable termination (decoded like any termination) and
 * segmentation symbols (read and not enforced, as OpenJPEG does).
 *
 * <p>Magnitudes are kept in half units with mid-point reconstruction ({@code 3·2^p} when a
 * coefficient becomes significant at bit-plane p, ± {@code 2^(p-1)}·2 per refinement), which is the
 * representation OpenJPEG dequantizes from, so truncated (lossy) code-blocks reconstruct to the same
 * values. All state lives in int arrays sized for the largest code-block (4096 samples) and reused
 * for every code-block; not thread-safe.
 */
final class J2kTier1 {
  static final int STYLE_BYPASS = 1;
  static final int STYLE_RESET = 2;
  static final int STYLE_TERMALL = 4;
  static final int STYLE_VSC = 8;
  static final int STYLE_SEGMARK = 32;

  /** Stripe-column and stripe summaries: some coefficient is significant / has a significant neighbour. */
  private static final int SIG = 1;
  private static final int NBR = 16;
  /*
   * Per-coefficient flags: bits 0-7 say which of the eight neighbours (W, E, N, S, NW, NE, SW, SE)
   * are significant, bits 8-11 which of W, E, N, S are negative, then the coefficient's own state.
   * A neighbour's bits are set when it becomes significant, except, under vertically causal
   * contexts, those of the row above a stripe from the stripe's first row: the zero-coding and
   * sign contexts are then single table look-ups, causal where they must be.
   */
  private static final int NB_W = 1;
  private static final int NB_E = 2;
  private static final int NB_N = 4;
  private static final int NB_S = 8;
  private static final int NB_NW = 16;
  private static final int NB_NE = 32;
  private static final int NB_SW = 64;
  private static final int NB_SE = 128;
  private static final int NB_ANY = 0xFF;
  private static final int NEG_SHIFT = 8;
  private static final int F_SIG_BIT = 16;
  private static final int F_SIG = 1 << F_SIG_BIT;
  private static final int F_VISIT = 1 << 17;
  private static final int F_REFINED = 1 << 18;
  private static final int F_NEG_BIT = 19;
  private static final int F_NEG = 1 << F_NEG_BIT;
  private static final int CTX_RL = 17;
  private static final int CTX_UNI = 18;

  /** Zero-coding context by band orientation (0 LL, 1 HL, 2 LH, 3 HH) and the flags' neighbour bits. */
  private static final byte[][] ZC = new byte[4][256];
  /** Sign context and XOR bit (ctx | xor << 8) by W, E, N, S significance (bits 0-3) and sign (bits 4-7). */
  private static final int[] SC = new int[256];

  static {
    for (int o = 0; o < 4; o++) {
      for (int nb = 0; nb < 256; nb++) {
        int h = (nb & NB_W) + ((nb & NB_E) >> 1);
        int v = ((nb & NB_N) >> 2) + ((nb & NB_S) >> 3);
        int d = Integer.bitCount(nb & (NB_NW | NB_NE | NB_SW | NB_SE));
        ZC[o][nb] = (byte) zc(o, h, v, d);
      }
    }
    int[] byHv = {13 | 256, 12 | 256, 11 | 256, 10 | 256, 9, 10, 11, 12, 13};
    for (int k = 0; k < 256; k++) {
      int hc = contribution(k, 0) + contribution(k, 1);
      int vc = contribution(k, 2) + contribution(k, 3);
      hc = hc < -1 ? -1 : Math.min(hc, 1);
      vc = vc < -1 ? -1 : Math.min(vc, 1);
      SC[k] = byHv[(hc + 1) * 3 + vc + 1];
    }
  }

  /** Contribution (0, 1 or -1) of neighbour {@code n} (0 W, 1 E, 2 N, 3 S) in a sign-table index. */
  private static int contribution(int k, int n) {
    return (k >> n & 1) == 0 ? 0 : (k >> (4 + n) & 1) != 0 ? -1 : 1;
  }

  private static int zc(int orient, int h, int v, int d) {
    if (orient == 1) {
      int t = h;
      h = v;
      v = t;
    }
    if (orient == 3) {
      int hv = h + v;
      if (d >= 3) {
        return 8;
      }
      if (d == 2) {
        return hv >= 1 ? 7 : 6;
      }
      if (d == 1) {
        return hv >= 2 ? 5 : hv == 1 ? 4 : 3;
      }
      return hv >= 2 ? 2 : hv;
    }
    if (h == 2) {
      return 8;
    }
    if (h == 1) {
      return v >= 1 ? 7 : d >= 1 ? 6 : 5;
    }
    if (v == 2) {
      return 4;
    }
    if (v == 1) {
      return 3;
    }
    return d >= 2 ? 2 : d;
  }

  private final MqDecoder mq = new MqDecoder();
  private final int[] flags = new int[4096 + 2 * 1028 + 4];
  /** Magnitudes; only those of significant coefficients are meaningful (never cleared). */
  private final int[] mag = new int[4096];
  /** Per stripe column (4 rows), the OR of its coefficients' SIG and NBR bits; padded by one all round. */
  /** Per stripe, the OR of its columns' summaries; padded by one stripe above. */
  private final int[] stripeSum = new int[1024 / 4 + 3];
  private final int[] col = new int[(1024 / 4 + 3) * (4 + 2) + (4 / 4 + 3) * (1024 + 2) + 4096];
  private byte[] seg = new byte[1024];
  private int w;
  private int h;
  private int stride;
  private byte[] zcTable;
  private boolean vsc;

  /** Segment index of coding pass {@code k} under code-block style {@code style}. */
  static int segmentOf(int k, int style) {
    if ((style & STYLE_TERMALL) != 0) {
      return k;
    }
    if ((style & STYLE_BYPASS) != 0) {
      if (k < 10) {
        return 0;
      }
      int j = k - 10;
      return 1 + 2 * (j / 3) + (j % 3 == 2 ? 1 : 0);
    }
    return 0;
  }

  /**
   * Decodes a code-block; one of the {@code write} methods then stores its coefficients.
   *
   * @param data the tile's packet data
   * @param chunks per chunk: data offset, length, first pass, pass count (4 ints per chunk)
   * @param nChunks number of chunks
   * @param planes magnitude bit-planes coded for this block (including the ROI shift)
   */
  void decode(byte[] data, int[] chunks, int nChunks, int width, int height, int orient, int style, int planes) {
    w = width;
    h = height;
    stride = w + 2;
    zcTable = ZC[orient];
    vsc = (style & STYLE_VSC) != 0;
    java.util.Arrays.fill(flags, 0, stride * (h + 2), 0);
    java.util.Arrays.fill(col, 0, ((h + 3) / 4 + 3) * (w + 2), 0);
    java.util.Arrays.fill(stripeSum, 0, (h + 3) / 4 + 3, 0);
    mq.resetContexts();
    int totalPasses = Math.min(3 * planes - 2, 3 * 31);
    int c = 0;
    while (c < nChunks) {
      int first = chunks[4 * c + 2];
      int segment = segmentOf(first, style);
      int len = 0;
      int passes = 0;
      int c2 = c;
      while (c2 < nChunks && segmentOf(chunks[4 * c2 + 2], style) == segment) {
        len += chunks[4 * c2 + 1];
        passes += chunks[4 * c2 + 3];
        c2++;
      }
      if (seg.length < len + 2) {
        seg = new byte[Math.max(len + 2, seg.length * 2)];
      }
      int p = 0;
      for (int k = c; k < c2; k++) {
        System.arraycopy(data, chunks[4 * k], seg, p, chunks[4 * k + 1]);
        p += chunks[4 * k + 1];
      }
      seg[p] = (byte) 0xFF;
      seg[p + 1] = (byte) 0xFF;
      boolean raw = (style & STYLE_BYPASS) != 0 && first >= 10 && (first - 1) % 3 != 2;
      if (raw) {
        mq.initRaw(seg, 0);
      } else {
        mq.init(seg, 0);
      }
      for (int k = first; k < first + passes && k < totalPasses; k++) {
        int type = k == 0 ? 2 : (k - 1) % 3;
        int plane = planes - 1 - (k + 2) / 3;
        switch (type) {
          case 0 -> sigPass(plane, raw);
          case 1 -> refPass(plane, raw);
          default -> {
            cleanupPass(plane);
            if ((style & STYLE_SEGMARK) != 0) {
              for (int i = 0; i < 4; i++) {
                mq.decode(CTX_UNI);
              }
            }
          }
        }
        if ((style & STYLE_RESET) != 0) {
          mq.resetContexts();
        }
      }
      c = c2;
    }
  }

  /** Writes the last decoded block as signed half-unit magnitudes (row-major, {@code outStride}). */
  void writeHalfUnits(int[] out, int outOff, int outStride) {
    for (int y = 0; y < h; y++) {
      int fi = (y + 1) * stride + 1;
      int mi = y * w;
      int oi = outOff + y * outStride;
      for (int x = 0; x < w; x++) {
        int f = flags[fi + x];
        int neg = f >> F_NEG_BIT & 1;
        int m = mag[mi + x] & -(f >> F_SIG_BIT & 1);
        out[oi + x] = (m ^ -neg) + neg;
      }
    }
  }

  /** Writes the last decoded block as reversible coefficients (half units / 2, truncated toward 0). */
  void writeReversible(int[] out, int outOff, int outStride) {
    for (int y = 0; y < h; y++) {
      int fi = (y + 1) * stride + 1;
      int mi = y * w;
      int oi = outOff + y * outStride;
      for (int x = 0; x < w; x++) {
        int f = flags[fi + x];
        int neg = f >> F_NEG_BIT & 1;
        int m = mag[mi + x] & -(f >> F_SIG_BIT & 1);
        out[oi + x] = ((m ^ -neg) + neg) / 2;
      }
    }
  }

  /** Writes the last decoded block dequantised ({@code (float) halfUnits * step}, OpenJPEG's order) at row outY, column outX. */
  void writeIrreversible(float[][] out, int outY, int outX, float step) {
    for (int y = 0; y < h; y++) {
      int fi = (y + 1) * stride + 1;
      int mi = y * w;
      float[] o = out[outY + y];
      int oi = outX;
      for (int x = 0; x < w; x++) {
        int f = flags[fi + x];
        int neg = f >> F_NEG_BIT & 1;
        int m = mag[mi + x] & -(f >> F_SIG_BIT & 1);
        o[oi + x] = (float) ((m ^ -neg) + neg) * step;
      }
    }
  }

  private int decodeSign(int f) {
    int sc = SC[(f & 0xF) | (f >> (NEG_SHIFT - 4) & 0xF0)];
    return mq.decode(sc & 0xFF) ^ (sc >> 8);
  }

  private void sigPass(int plane, boolean raw) {
    int oneplushalf = 3 << plane;
    int cw = w + 2;
    for (int y0 = 0; y0 < h; y0 += 4) {
      int y1 = Math.min(y0 + 4, h);
      if ((stripeSum[(y0 >> 2) + 1] & NBR) == 0) {
        continue;
      }
      int srow = ((y0 >> 2) + 1) * cw + 1;
      for (int x = 0; x < w; x++) {
        if ((col[srow + x] & NBR) == 0) {
          continue;
        }
        for (int y = y0; y < y1; y++) {
          int i = (y + 1) * stride + x + 1;
          int f = flags[i];
          if ((f & F_SIG) != 0 || (f & NB_ANY) == 0) {
            continue;
          }
          int bit = raw ? mq.raw() : mq.decode(zcTable[f & NB_ANY]);
          flags[i] = f | F_VISIT;
          if (bit != 0) {
            int neg = raw ? mq.raw() : decodeSign(f);
            significant(i, x, y, neg);
            mag[y * w + x] = oneplushalf;
          }
        }
      }
    }
  }

  private void refPass(int plane, boolean raw) {
    int half = 1 << plane;
    int cw = w + 2;
    for (int y0 = 0; y0 < h; y0 += 4) {
      int y1 = Math.min(y0 + 4, h);
      if ((stripeSum[(y0 >> 2) + 1] & SIG) == 0) {
        continue;
      }
      int srow = ((y0 >> 2) + 1) * cw + 1;
      for (int x = 0; x < w; x++) {
        if ((col[srow + x] & SIG) == 0) {
          continue;
        }
        for (int y = y0; y < y1; y++) {
          int i = (y + 1) * stride + x + 1;
          int f = flags[i];
          if ((f & (F_SIG | F_VISIT)) != F_SIG) {
            continue;
          }
          int bit;
          if (raw) {
            bit = mq.raw();
          } else {
            bit = mq.decode((f & F_REFINED) != 0 ? 16 : (f & NB_ANY) == 0 ? 14 : 15);
          }
          mag[y * w + x] += bit != 0 ? half : -half;
          flags[i] = f | F_REFINED;
        }
      }
    }
  }

  private void cleanupPass(int plane) {
    int oneplushalf = 3 << plane;
    int cw = w + 2;
    for (int y0 = 0; y0 < h; y0 += 4) {
      int y1 = Math.min(y0 + 4, h);
      int srow = ((y0 >> 2) + 1) * cw + 1;
      for (int x = 0; x < w; x++) {
        int y = y0;
        boolean touched = col[srow + x] != 0;
        if (y1 - y0 == 4 && (!touched || runEligible(x, y0))) {
          if (!touched) {
            // a run of empty columns: decode as many "still empty" run-length symbols as the MQ
            // state guarantees without renormalisation in one step (same decoder state after)
            int bound = mq.zeroRunBound(CTX_RL);
            if (bound > 0) {
              int run = 1;
              while (run < bound && x + run < w && col[srow + x + run] == 0) {
                run++;
              }
              mq.skipZeros(CTX_RL, run);
              x += run - 1;
              continue;
            }
          }
          if (mq.decode(CTX_RL) == 0) {
            continue;
          }
          int r = mq.decode(CTX_UNI) << 1;
          r |= mq.decode(CTX_UNI);
          y = y0 + r;
          int i = (y + 1) * stride + x + 1;
          int neg = decodeSign(flags[i]);
          significant(i, x, y, neg);
          mag[y * w + x] = oneplushalf;
          y++;
        }
        for (; y < y1; y++) {
          int i = (y + 1) * stride + x + 1;
          int f = flags[i];
          if ((f & (F_SIG | F_VISIT)) != 0) {
            flags[i] = f & ~F_VISIT;
            continue;
          }
          if (mq.decode(zcTable[f & NB_ANY]) != 0) {
            int neg = decodeSign(f);
            significant(i, x, y, neg);
            mag[y * w + x] = oneplushalf;
          }
        }
      }
    }
  }

  /** Marks coefficient {@code i} (column x, row y) significant and tells its neighbours. */
  private void significant(int i, int x, int y, int neg) {
    int[] f = flags;
    int s = stride;
    int cw = w + 2;
    int n = neg != 0 ? 1 : 0;
    f[i] |= F_SIG | n * F_NEG;
    f[i - 1] |= NB_E | n * (NB_E << NEG_SHIFT);
    f[i + 1] |= NB_W | n * (NB_W << NEG_SHIFT);
    int sh = (y >> 2) + 1;
    stripeSum[sh] |= SIG | NBR;
    int here = sh * cw + x + 1;
    col[here] |= SIG | NBR;
    col[here - 1] |= NBR;
    col[here + 1] |= NBR;
    if (!vsc || (y & 3) != 0) {
      f[i - s - 1] |= NB_SE;
      f[i - s] |= NB_S | n * (NB_S << NEG_SHIFT);
      f[i - s + 1] |= NB_SW;
      int su = ((y - 1) >> 2) + 1;
      stripeSum[su] |= NBR;
      int up = su * cw + x + 1;
      col[up - 1] |= NBR;
      col[up] |= NBR;
      col[up + 1] |= NBR;
    }
    f[i + s - 1] |= NB_NE;
    f[i + s] |= NB_N | n * (NB_N << NEG_SHIFT);
    f[i + s + 1] |= NB_NW;
    int sd = ((y + 1) >> 2) + 1;
    stripeSum[sd] |= NBR;
    int down = sd * cw + x + 1;
    col[down - 1] |= NBR;
    col[down] |= NBR;
    col[down + 1] |= NBR;
  }

  private boolean runEligible(int x, int y0) {
    for (int k = 0; k < 4; k++) {
      int y = y0 + k;
      int i = (y + 1) * stride + x + 1;
      if ((flags[i] & (F_SIG | F_VISIT | NB_ANY)) != 0) {
        return false;
      }
    }
    return true;
  }
}
