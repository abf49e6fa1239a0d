package org.medai.imaging.internal.dicom;

import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * Converts one native (uncompressed) frame to stored values: little-endian, 1/2/4 bytes per
 * sample, samples interleaved, BitsStored masked and signed values sign-extended. Stateless.
 */
public final class NativePixels {
  private NativePixels() {
  }

  /** Bits one native frame occupies in the pixel data value. */
  public static long frameBits(FrameInfo fi) {
    return (long) fi.rows() * fi.columns() * fi.samplesPerPixel() * fi.bitsAllocated();
  }

  /**
   * @param src the frame's bytes; for BitsAllocated 1 they start at the byte holding the frame's first bit
   * @param bitOffset for BitsAllocated 1, the bit where the frame starts in {@code src[0]}
   * @param highBit HighBit (0028,0102)
   */
  public static byte[] decode(byte[] src, int bitOffset, FrameInfo fi, int highBit) {
    int n = Math.toIntExact((long) fi.rows() * fi.columns() * fi.samplesPerPixel());
    int bps = fi.bytesPerSample();
    byte[] out = new byte[n * bps];
    int ba = fi.bitsAllocated();
    if (ba == 1) {
      for (int i = 0; i < n; i++) {
        int bit = bitOffset + i;
        out[i] = (byte) ((src[bit >>> 3] >>> (bit & 7)) & 1);
      }
      return out;
    }
    int bs = fi.bitsStored();
    int shift = Math.max(0, highBit + 1 - bs);
    boolean needMask = bs < ba || shift > 0;
    if (bps == 1) {
      System.arraycopy(src, 0, out, 0, n);
      if (needMask || fi.signed()) for (int i = 0; i < n; i++) out[i] = (byte) fix(out[i] & 0xFF, shift, bs, fi.signed());
    } else if (bps == 2) {
      System.arraycopy(src, 0, out, 0, 2 * n);
      if (bs < 16 || shift > 0) {
        for (int i = 0; i < n; i++) {
          int v = fix((out[2 * i] & 0xFF) | (out[2 * i + 1] & 0xFF) << 8, shift, bs, fi.signed());
          out[2 * i] = (byte) v;
          out[2 * i + 1] = (byte) (v >>> 8);
        }
      }
    } else {
      System.arraycopy(src, 0, out, 0, 4 * n);
      if (bs < 32 || shift > 0) {
        for (int i = 0; i < n; i++) {
          int raw = Bytes.i32(out, 4 * i);
          int v = fix32(raw, shift, bs, fi.signed());
          Bytes.put32(out, 4 * i, v);
        }
      }
    }
    if (fi.samplesPerPixel() > 1 && fi.planarConfiguration() == 1) out = interleave(out, fi.samplesPerPixel(), bps);
    return out;
  }

  private static int fix(int raw, int shift, int bs, boolean signed) {
    int v = (raw >>> shift) & ((1 << bs) - 1);
    if (signed && bs > 0 && (v & (1 << (bs - 1))) != 0) v |= -1 << bs;
    return v;
  }

  private static int fix32(int raw, int shift, int bs, boolean signed) {
    long mask = bs >= 32 ? 0xFFFFFFFFL : (1L << bs) - 1;
    long v = ((raw & 0xFFFFFFFFL) >>> shift) & mask;
    if (signed && bs > 0 && bs < 32 && (v & (1L << (bs - 1))) != 0) v |= -1L << bs;
    return (int) v;
  }

  /**
   * Native YBR_FULL_422 (Y0 Y1 Cb Cr for each horizontal pixel pair, 8-bit) to interleaved
   * YBR_FULL with the chroma repeated for both pixels of the pair.
   */
  public static byte[] upsample422(byte[] src, FrameInfo fi) {
    int pixels = fi.rows() * fi.columns();
    byte[] out = new byte[pixels * 3];
    for (int p = 0, s = 0; p < pixels && s + 4 <= src.length; p += 2, s += 4) {
      byte cb = src[s + 2];
      byte cr = src[s + 3];
      out[3 * p] = src[s];
      out[3 * p + 1] = cb;
      out[3 * p + 2] = cr;
      if (p + 1 < pixels) {
        out[3 * p + 3] = src[s + 1];
        out[3 * p + 4] = cb;
        out[3 * p + 5] = cr;
      }
    }
    return out;
  }

  /** Planar (RRR…GGG…BBB…) to interleaved (RGBRGB…). */
  private static byte[] interleave(byte[] planar, int spp, int bps) {
    int pixels = planar.length / (spp * bps);
    byte[] out = new byte[planar.length];
    for (int s = 0; s < spp; s++) {
      for (int p = 0; p < pixels; p++) {
        System.arraycopy(planar, (s * pixels + p) * bps, out, (p * spp + s) * bps, bps);
      }
    }
    return out;
  }
}
