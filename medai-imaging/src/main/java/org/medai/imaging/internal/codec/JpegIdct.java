package org.medai.imaging.internal.codec;

/**
 * The accurate integer inverse DCT of the IJG libjpeg family ({@code jpeg_idct_islow}, the default
 * of libjpeg and libjpeg-turbo), for 8-bit (PASS1_BITS 2) and 12-bit (PASS1_BITS 1) samples, with
 * libjpeg's range-limit table so that results match those libraries bit for bit. Stateless.
 */
final class JpegIdct {
  private static final int CONST_BITS = 13;
  private static final int FIX_0_298631336 = 2446;
  private static final int FIX_0_390180644 = 3196;
  private static final int FIX_0_541196100 = 4433;
  private static final int FIX_0_765366865 = 6270;
  private static final int FIX_0_899976223 = 7373;
  private static final int FIX_1_175875602 = 9633;
  private static final int FIX_1_501321110 = 12299;
  private static final int FIX_1_847759065 = 15137;
  private static final int FIX_1_961570560 = 16069;
  private static final int FIX_2_053119869 = 16819;
  private static final int FIX_2_562915447 = 20995;
  private static final int FIX_3_072711026 = 25172;

  private final int pass1Bits;
  private final int maxSample;
  private final int center;
  private final int rangeMask;
  /** Post-IDCT range limit: index (value & rangeMask), as libjpeg's sample_range_limit + CENTER. */
  private final short[] limit;

  JpegIdct(int precision) {
    pass1Bits = precision == 8 ? 2 : 1;
    maxSample = (1 << precision) - 1;
    center = 1 << (precision - 1);
    int m = maxSample + 1;
    rangeMask = 4 * m - 1;
    limit = new short[4 * m];
    for (int y = 0; y < 4 * m; y++) {
      int v;
      if (y < center) {
        v = y + center;
      } else if (y < 2 * m) {
        v = maxSample;
      } else if (y < 4 * m - center) {
        v = 0;
      } else {
        v = y - (4 * m - center);
      }
      limit[y] = (short) v;
    }
  }

  /**
   * Inverse-transforms dequantized coefficients (natural order) into 8x8 samples written at
   * {@code out[offset + row * stride + col]}. {@code ws} is a 64-int work area.
   */
  void transform(int[] in, int[] ws, short[] out, int offset, int stride) {
    int shift1 = CONST_BITS - pass1Bits;
    int round1 = 1 << (shift1 - 1);
    for (int col = 0; col < 8; col++) {
      if (in[8 + col] == 0 && in[16 + col] == 0 && in[24 + col] == 0 && in[32 + col] == 0 && in[40 + col] == 0
          && in[48 + col] == 0 && in[56 + col] == 0) {
        int dc = in[col] << pass1Bits;
        for (int r = 0; r < 8; r++) {
          ws[r * 8 + col] = dc;
        }
        continue;
      }
      long z2 = in[16 + col];
      long z3 = in[48 + col];
      long z1 = (z2 + z3) * FIX_0_541196100;
      long tmp2 = z1 + z3 * -FIX_1_847759065;
      long tmp3 = z1 + z2 * FIX_0_765366865;
      z2 = in[col];
      z3 = in[32 + col];
      long tmp0 = (z2 + z3) << CONST_BITS;
      long tmp1 = (z2 - z3) << CONST_BITS;
      long tmp10 = tmp0 + tmp3;
      long tmp13 = tmp0 - tmp3;
      long tmp11 = tmp1 + tmp2;
      long tmp12 = tmp1 - tmp2;
      tmp0 = in[56 + col];
      tmp1 = in[40 + col];
      tmp2 = in[24 + col];
      tmp3 = in[8 + col];
      z1 = tmp0 + tmp3;
      z2 = tmp1 + tmp2;
      z3 = tmp0 + tmp2;
      long z4 = tmp1 + tmp3;
      long z5 = (z3 + z4) * FIX_1_175875602;
      tmp0 = tmp0 * FIX_0_298631336;
      tmp1 = tmp1 * FIX_2_053119869;
      tmp2 = tmp2 * FIX_3_072711026;
      tmp3 = tmp3 * FIX_1_501321110;
      z1 = z1 * -FIX_0_899976223;
      z2 = z2 * -FIX_2_562915447;
      z3 = z3 * -FIX_1_961570560;
      z4 = z4 * -FIX_0_390180644;
      z3 += z5;
      z4 += z5;
      tmp0 += z1 + z3;
      tmp1 += z2 + z4;
      tmp2 += z2 + z3;
      tmp3 += z1 + z4;
      ws[col] = (int) ((tmp10 + tmp3 + round1) >> shift1);
      ws[56 + col] = (int) ((tmp10 - tmp3 + round1) >> shift1);
      ws[8 + col] = (int) ((tmp11 + tmp2 + round1) >> shift1);
      ws[48 + col] = (int) ((tmp11 - tmp2 + round1) >> shift1);
      ws[16 + col] = (int) ((tmp12 + tmp1 + round1) >> shift1);
      ws[40 + col] = (int) ((tmp12 - tmp1 + round1) >> shift1);
      ws[24 + col] = (int) ((tmp13 + tmp0 + round1) >> shift1);
      ws[32 + col] = (int) ((tmp13 - tmp0 + round1) >> shift1);
    }
    int shift2 = CONST_BITS + pass1Bits + 3;
    long round2 = 1L << (shift2 - 1);
    for (int row = 0; row < 8; row++) {
      int w = row * 8;
      int o = offset + row * stride;
      long tmp0;
      long tmp1;
      long tmp2;
      long tmp3;
      long z2 = ws[w + 2];
      long z3 = ws[w + 6];
      long z1 = (z2 + z3) * FIX_0_541196100;
      tmp2 = z1 + z3 * -FIX_1_847759065;
      tmp3 = z1 + z2 * FIX_0_765366865;
      tmp0 = ((long) ws[w] + ws[w + 4]) << CONST_BITS;
      tmp1 = ((long) ws[w] - ws[w + 4]) << CONST_BITS;
      long tmp10 = tmp0 + tmp3;
      long tmp13 = tmp0 - tmp3;
      long tmp11 = tmp1 + tmp2;
      long tmp12 = tmp1 - tmp2;
      tmp0 = ws[w + 7];
      tmp1 = ws[w + 5];
      tmp2 = ws[w + 3];
      tmp3 = ws[w + 1];
      z1 = tmp0 + tmp3;
      z2 = tmp1 + tmp2;
      z3 = tmp0 + tmp2;
      long z4 = tmp1 + tmp3;
      long z5 = (z3 + z4) * FIX_1_175875602;
      tmp0 = tmp0 * FIX_0_298631336;
      tmp1 = tmp1 * FIX_2_053119869;
      tmp2 = tmp2 * FIX_3_072711026;
      tmp3 = tmp3 * FIX_1_501321110;
      z1 = z1 * -FIX_0_899976223;
      z2 = z2 * -FIX_2_562915447;
      z3 = z3 * -FIX_1_961570560;
      z4 = z4 * -FIX_0_390180644;
      z3 += z5;
      z4 += z5;
      tmp0 += z1 + z3;
      tmp1 += z2 + z4;
      tmp2 += z2 + z3;
      tmp3 += z1 + z4;
      out[o] = limit[(int) ((tmp10 + tmp3 + round2) >> shift2) & rangeMask];
      out[o + 7] = limit[(int) ((tmp10 - tmp3 + round2) >> shift2) & rangeMask];
      out[o + 1] = limit[(int) ((tmp11 + tmp2 + round2) >> shift2) & rangeMask];
      out[o + 6] = limit[(int) ((tmp11 - tmp2 + round2) >> shift2) & rangeMask];
      out[o + 2] = limit[(int) ((tmp12 + tmp1 + round2) >> shift2) & rangeMask];
      out[o + 5] = limit[(int) ((tmp12 - tmp1 + round2) >> shift2) & rangeMask];
      out[o + 3] = limit[(int) ((tmp13 + tmp0 + round2) >> shift2) & rangeMask];
      out[o + 4] = limit[(int) ((tmp13 - tmp0 + round2) >> shift2) & rangeMask];
    }
  }

  int maxSample() {
    return maxSample;
  }

  int center() {
    return center;
  }
}
