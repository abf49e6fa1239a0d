package org.medai.imaging.internal.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time BitsStored masking against the per-sample definition of PS3.5 §8.1.1: take
 * BitsStored bits ending at HighBit, then zero- or sign-extend them to the sample width.
 */
class NativePixelsMaskTest {

  private static byte[] perSample(byte[] src, int off, int samples, int laneBits, int bs, int shift, boolean signed) {
    int w = laneBits / 8;
    byte[] out = new byte[samples * w];
    for (int i = 0; i < samples; i++) {
      long raw = 0;
      for (int q = 0; q < w; q++) raw |= (src[off + i * w + q] & 0xFFL) << (8 * q);
      long v = (raw >>> shift) & ((1L << bs) - 1);
      if (signed && ((v >>> (bs - 1)) & 1) == 1) v -= 1L << bs;
      for (int q = 0; q < w; q++) out[i * w + q] = (byte) (v >>> (8 * q));
    }
    return out;
  }

  @Test
  void maskLanes_everyWidthStoredBitsShiftAndSign_equalsPerSampleDefinition() {
    SplittableRandom rnd = new SplittableRandom(7);
    int cases = 0;
    for (int laneBits : new int[] {8, 16, 32}) {
      for (int bs = 1; bs <= laneBits; bs++) {
        for (int shift = 0; shift + bs <= laneBits; shift += Math.max(1, (laneBits - bs) / 3)) {
          for (boolean signed : new boolean[] {false, true}) {
            int samples = 1 + rnd.nextInt(70);
            int off = rnd.nextInt(9);
            byte[] src = new byte[off + samples * laneBits / 8];
            rnd.nextBytes(src);
            byte[] got = new byte[samples * laneBits / 8];
            NativePixels.maskLanes(src, off, got, 0, samples, laneBits, bs, shift, signed);
            assertArrayEquals(perSample(src, off, samples, laneBits, bs, shift, signed), got,
                "lanes " + laneBits + " stored " + bs + " shift " + shift + " signed " + signed);
            byte[] inPlace = java.util.Arrays.copyOfRange(src, off, src.length);
            NativePixels.maskLanes(inPlace, 0, inPlace, 0, samples, laneBits, bs, shift, signed);
            assertArrayEquals(got, inPlace, "in place, lanes " + laneBits + " stored " + bs + " shift " + shift);
            cases++;
          }
        }
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(cases > 200, "cases " + cases);
  }
}
