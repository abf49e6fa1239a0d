package org.medai.imaging.internal.codec.j2k;

import org.medai.imaging.internal.codec.CodecErrors;

/**
 * Bit reader for packet headers (ISO/IEC 15444-1 B.10.1): MSB first, a byte following 0xFF carries
 * only 7 bits. Reading past the end of the header data throws {@code MEDAI-CODEC-001}. Not
 * thread-safe.
 */
final class PacketBits {
  byte[] d;
  int pos;
  int end;
  private int buf;
  private int ct;
  private J2kCodestream.Tile tile;
  private boolean inBody;

  void reset(byte[] data, int start, int stop, J2kCodestream.Tile t, boolean body) {
    d = data;
    pos = start;
    end = stop;
    buf = 0;
    ct = 0;
    tile = t;
    inBody = body;
  }

  /** Starts a packet header at a byte boundary. */
  void start() {
    buf = 0;
    ct = 0;
  }

  int bit() {
    if (ct == 0) {
      if (pos >= end) {
        throw CodecErrors.truncated(J2kCodestream.CODEC, offset(), "more packet header bits in tile " + tile.index);
      }
      boolean stuffed = buf == 0xFF;
      buf = d[pos++] & 0xFF;
      ct = stuffed ? 7 : 8;
    }
    ct--;
    return (buf >> ct) & 1;
  }

  int bits(int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 1) | bit();
    }
    return v;
  }

  /** Ends a packet header: skips the stuffed byte after a final 0xFF. */
  void align() {
    if (buf == 0xFF) {
      if (pos >= end) {
        throw CodecErrors.truncated(J2kCodestream.CODEC, offset(), "the byte after 0xFF ending a packet header");
      }
      pos++;
    }
    buf = 0;
    ct = 0;
  }

  long offset() {
    return inBody ? tile.frameOffset(pos) : -1;
  }
}
