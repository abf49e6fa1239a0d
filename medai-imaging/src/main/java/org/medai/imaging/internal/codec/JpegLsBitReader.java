package org.medai.imaging.internal.codec;

/**
 * Reads JPEG-LS entropy-coded bits (ITU-T T.87 A.1): after a 0xFF byte the next byte carries only
 * seven data bits; 0xFF followed by a byte with its high bit set is a marker, which ends the data.
 * Past the end it supplies zero bits, and consuming more than 64 of them means the frame is
 * truncated. Not thread-safe; one instance per scan.
 */
final class JpegLsBitReader {
  private static final String CODEC = "JPEG-LS";
  private final byte[] data;
  private final int end;
  private int pos;
  private long buf;
  private int bits;
  private int fillBits;
  private boolean afterFf;
  private boolean atMarker;

  JpegLsBitReader(byte[] data, int pos) {
    this.data = data;
    this.pos = pos;
    this.end = data.length;
  }

  private void fill() {
    if (fillBits - bits > 64) {
      throw CodecErrors.truncated(CODEC, pos, "more entropy-coded data before " + (atMarker ? "the next marker"
          : "the end of the frame"));
    }
    while (bits <= 56) {
      if (atMarker || pos >= end) {
        buf <<= 8;
        bits += 8;
        fillBits += 8;
        continue;
      }
      int b = data[pos] & 0xFF;
      if (afterFf) {
        buf = (buf << 7) | (b & 0x7F);
        bits += 7;
        pos++;
        afterFf = false;
        continue;
      }
      if (b == 0xFF) {
        if (pos + 1 < end && (data[pos + 1] & 0x80) != 0) {
          atMarker = true;
          continue;
        }
        afterFf = true;
      }
      buf = (buf << 8) | b;
      bits += 8;
      pos++;
    }
  }

  int bit() {
    if (bits == 0) {
      fill();
    }
    bits--;
    return (int) (buf >>> bits) & 1;
  }

  /** {@code n} (0..31) bits as an unsigned value. */
  int bits(int n) {
    if (n == 0) {
      return 0;
    }
    if (bits < n) {
      fill();
    }
    bits -= n;
    return (int) (buf >>> bits) & (int) ((1L << n) - 1);
  }

  /** Counts zero bits up to the next one bit (consumed); stops at {@code max} + 1 zeros. */
  int unary(int max) {
    int zeros = 0;
    while (true) {
      if (bits == 0) {
        fill();
      }
      // fast path: count leading zeros within the buffered bits
      long window = buf & (bits == 64 ? -1L : (1L << bits) - 1);
      if (window == 0) {
        zeros += bits;
        bits = 0;
      } else {
        int lead = Long.numberOfLeadingZeros(window) - (64 - bits);
        zeros += lead;
        bits -= lead + 1;
        return zeros;
      }
      if (zeros > max) {
        return zeros;
      }
    }
  }

  int position() {
    return pos;
  }

  /** Offset of the marker that ends this scan's data; throws when fill bits were consumed. */
  int markerPosition() {
    if (fillBits - bits > 8) {
      throw CodecErrors.truncated(CODEC, pos, "more entropy-coded data before " + (atMarker ? "the next marker"
          : "the end of the frame"));
    }
    int p = pos;
    while (p + 1 < end && !((data[p] & 0xFF) == 0xFF && (data[p + 1] & 0x80) != 0)) {
      p++;
    }
    return p;
  }
}
