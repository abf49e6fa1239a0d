package org.medai.imaging.internal.codec;

/**
 * Reads the Huffman-coded bits of one JPEG entropy-coded segment (ITU-T T.81 F.2.2.5): removes the
 * stuffed 0x00 after 0xFF and stops at the first marker, after which it supplies zero bits. Consuming
 * more than {@link #SLACK_BITS} such fill bits means the frame is truncated and throws. Not
 * thread-safe; one instance per scan.
 */
final class JpegBitReader {
  /** Fill bits tolerated past the end of the segment (encoders that drop a final partial byte). */
  private static final int SLACK_BITS = 16;

  private final String codec;
  private final byte[] data;
  private final int end;
  private int pos;
  private long buf;
  private int bits;
  private int fillBits;
  private int marker = -1;

  JpegBitReader(String codec, byte[] data, int pos, int end) {
    this.codec = codec;
    this.data = data;
    this.pos = pos;
    this.end = end;
  }

  /** Byte offset of the next unread byte (the marker that ended the segment, once one was hit). */
  int position() {
    return pos;
  }

  /** Ends the scan: throws when the decoded symbols used fill bits past the segment's data. */
  int finish() {
    if (fillBits - bits > SLACK_BITS) {
      throw CodecErrors.truncated(codec, pos, "more entropy-coded data before "
          + (marker >= 0 ? "marker 0xFF" + Integer.toHexString(marker).toUpperCase() : "the end of the frame"));
    }
    return pos;
  }

  private void fill() {
    if (fillBits - bits > SLACK_BITS) {
      throw CodecErrors.truncated(codec, pos, "more entropy-coded data before "
          + (marker >= 0 ? "marker 0xFF" + Integer.toHexString(marker).toUpperCase() : "the end of the frame"));
    }
    while (bits <= 56) {
      int b;
      if (marker >= 0 || pos >= end) {
        b = 0;
        fillBits += 8;
      } else {
        b = data[pos] & 0xFF;
        if (b == 0xFF) {
          int next = pos + 1 < end ? data[pos + 1] & 0xFF : -1;
          if (next == 0) {
            pos += 2;
          } else if (next == 0xFF) {
            pos++; // fill byte before a marker
            continue;
          } else {
            marker = next;
            b = 0;
            fillBits += 8;
          }
        } else {
          pos++;
        }
      }
      buf = (buf << 8) | b;
      bits += 8;
    }
  }

  /** The next {@code n} (≤ 16) bits without consuming them. */
  int peek(int n) {
    if (bits < n) {
      fill();
    }
    return (int) (buf >>> (bits - n)) & ((1 << n) - 1);
  }

  void skip(int n) {
    bits -= n;
  }

  /** Consumes {@code n} (0..16) bits, returned as an unsigned value. */
  int bits(int n) {
    if (n == 0) {
      return 0;
    }
    if (bits < n) {
      fill();
    }
    bits -= n;
    return (int) (buf >>> bits) & ((1 << n) - 1);
  }

  /** T.81 RECEIVE then EXTEND: {@code s} bits as a signed magnitude category value. */
  int receiveExtend(int s) {
    if (s == 0) {
      return 0;
    }
    int v = bits(s);
    return v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
  }

  /**
   * Discards the bits left in the current byte and expects restart marker RST{@code index & 7},
   * then resumes reading the next interval.
   */
  void restart(int index) {
    int expected = 0xD0 + (index & 7);
    bits = 0;
    buf = 0;
    fillBits = 0;
    if (marker < 0) {
      // the segment was not read up to the marker yet: find it, skipping only fill bytes
      while (pos < end && (data[pos] & 0xFF) != 0xFF) {
        pos++;
      }
      while (pos + 1 < end && (data[pos + 1] & 0xFF) == 0xFF) {
        pos++;
      }
      if (pos + 1 >= end) {
        throw CodecErrors.truncated(codec, pos, "restart marker RST" + (index & 7));
      }
      marker = data[pos + 1] & 0xFF;
    }
    if (marker != expected) {
      throw CodecErrors.malformed(codec, pos, "expected restart marker 0xFF" + Integer.toHexString(expected).toUpperCase()
          + ", found 0xFF" + Integer.toHexString(marker).toUpperCase());
    }
    pos += 2;
    marker = -1;
  }
}
