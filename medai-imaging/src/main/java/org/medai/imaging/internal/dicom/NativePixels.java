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
    byte[] out = new byte[Math.toIntExact(fi.frameBytes())];
    decodeInto(src, 0, bitOffset, fi, highBit, out, 0);
    return out;
  }

  /**
   * Decodes one frame from {@code src[srcOff…]} into {@code dst[dstOff…]} in a single pass
   * ({@code fi.frameBytes()} bytes written). The caller has checked that the source holds the frame.
   */
  public static void decodeInto(byte[] src, int srcOff, int bitOffset, FrameInfo fi, int highBit, byte[] dst, int dstOff) {
    int n = Math.toIntExact((long) fi.rows() * fi.columns() * fi.samplesPerPixel());
    int bps = fi.bytesPerSample();
    int ba = fi.bitsAllocated();
    if (ba == 1) {
      for (int i = 0; i < n; i++) {
        int bit = bitOffset + i;
        dst[dstOff + i] = (byte) ((src[srcOff + (bit >>> 3)] >>> (bit & 7)) & 1);
      }
      return;
    }
    int bs = fi.bitsStored();
    int shift = Math.max(0, highBit + 1 - bs);
    boolean planar = fi.samplesPerPixel() > 1 && fi.planarConfiguration() == 1;
    byte[] out = planar ? new byte[n * bps] : dst;
    int o = planar ? 0 : dstOff;
    if (bs == 8 * bps && shift == 0) {
      System.arraycopy(src, srcOff, out, o, n * bps);
    } else {
      maskLanes(src, srcOff, out, o, n, 8 * bps, bs, shift, fi.signed());
    }
    if (planar) {
      byte[] inter = interleave(out, fi.samplesPerPixel(), bps);
      System.arraycopy(inter, 0, dst, dstOff, inter.length);
    }
  }

  private static final java.lang.invoke.VarHandle LONG_LE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * Masks a frame's samples in place (see {@link #maskLanes}); {@code values} holds exactly the
   * native samples of one or more frames, interleaved, starting at index 0.
   */
  public static void maskInPlace(byte[] values, FrameInfo fi, int highBit) {
    int bps = fi.bytesPerSample();
    int bs = fi.bitsStored();
    int shift = Math.max(0, highBit + 1 - bs);
    if (bs == 8 * bps && shift == 0) return;
    maskLanes(values, 0, values, 0, values.length / bps, 8 * bps, bs, shift, fi.signed());
  }

  /**
   * Extracts BitsStored bits at {@code shift} from each little-endian sample of {@code laneBits}
   * bits and zero- or sign-extends them to the full sample, eight bytes at a time: every 64-bit
   * word holds 8, 4 or 2 samples ("lanes"), and each step below acts on all lanes at once. Bits
   * that the shift moves from one lane into the next land above BitsStored and are masked away
   * (HighBit is below the sample width). Shifts, masks and one subtraction only, so the JIT
   * vectorizes the loop.
   */
  static void maskLanes(byte[] src, int srcOff, byte[] dst, int dstOff, int samples, int laneBits, int bs, int shift,
      boolean signed) {
    long ones = laneBits == 8 ? 0x0101010101010101L : laneBits == 16 ? 0x0001000100010001L : 0x0000000100000001L;
    long mask = ones * ((1L << bs) - 1);
    long high = signed && bs < laneBits ? (1L << laneBits) - (1L << bs) : 0;
    int bytes = samples * (laneBits >>> 3);
    int words = bytes >>> 3;
    final int sb = bs - 1;
    if (src == dst && srcOff == 0 && dstOff == 0) {
      // in place from index 0: C2 vectorizes a byte-array view whose index is a multiple of the
      // loop counter, but not one with a variable offset added (next branch)
      if (high == 0) {
        for (int w = 0; w < words; w++) LONG_LE.set(dst, 8 * w, ((long) LONG_LE.get(dst, 8 * w) >>> shift) & mask);
      } else {
        for (int w = 0; w < words; w++) {
          long x = ((long) LONG_LE.get(dst, 8 * w) >>> shift) & mask;
          long t = (x >>> sb) & ones;
          LONG_LE.set(dst, 8 * w, x | ((t << laneBits) - (t << bs)));
        }
      }
      words = 0;
    }
    // Bulk-copied through a small long[] because C2 vectorizes plain long[] loops but not
    // byte-array views at a variable offset; 8 KiB chunks stay in L1.
    long[] chunk = new long[Math.min(words, 1024)];
    java.nio.LongBuffer in = java.nio.ByteBuffer.wrap(src, srcOff, 8 * words).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .asLongBuffer();
    java.nio.LongBuffer out = java.nio.ByteBuffer.wrap(dst, dstOff, 8 * words).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .asLongBuffer();
    for (int w0 = 0; w0 < words; w0 += chunk.length) {
      int n = Math.min(chunk.length, words - w0);
      in.get(chunk, 0, n);
      if (high == 0) {
        for (int w = 0; w < n; w++) chunk[w] = (chunk[w] >>> shift) & mask;
      } else {
        // t has a 1 at bit 0 of each negative lane; (t << laneBits) - (t << bs) sets bits
        // bs..laneBits-1 of exactly those lanes (each term fits its lane, so nothing borrows across
        // lanes, and the top lane's bit shifted out of the word cancels modulo 2^64)
        for (int w = 0; w < n; w++) {
          long x = (chunk[w] >>> shift) & mask;
          long t = (x >>> sb) & ones;
          chunk[w] = x | ((t << laneBits) - (t << bs));
        }
      }
      out.put(chunk, 0, n);
    }
    // the tail (fewer than eight bytes) one sample at a time, same arithmetic on one lane
    long laneMask = (1L << laneBits) - 1;
    for (int b = (bytes >>> 3) * 8; b < bytes; b += laneBits >>> 3) {
      long raw = 0;
      for (int q = 0; q < laneBits >>> 3; q++) raw |= (src[srcOff + b + q] & 0xFFL) << (8 * q);
      long x = (raw >>> shift) & (mask & laneMask);
      long v = x | ((x >>> (bs - 1)) & 1) * high;
      for (int q = 0; q < laneBits >>> 3; q++) dst[dstOff + b + q] = (byte) (v >>> (8 * q));
    }
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
