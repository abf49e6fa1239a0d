package org.medai.imaging.internal.codec;

import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * Parses the marker segments of a T.81 JPEG stream (SOI, SOFn, DHT, DQT, DRI, APPn, COM, SOS, EOI)
 * for the Huffman-coded DCT and lossless decoders; the entropy-coded data itself is read by the
 * decoder of the scan. Not thread-safe; one instance per decoded frame.
 */
final class JpegStream {
  /** One frame component (T.81 B.2.2). */
  static final class Component {
    final int id;
    final int h;
    final int v;
    final int tq;

    Component(int id, int h, int v, int tq) {
      this.id = id;
      this.h = h;
      this.v = v;
      this.tq = tq;
    }
  }

  /** One scan header (T.81 B.2.3); {@code components} index into the frame's components. */
  static final class Scan {
    final int[] components;
    final int[] dcTable;
    final int[] acTable;
    final int ss;
    final int se;
    final int ah;
    final int al;
    final int dataStart;

    Scan(int[] components, int[] dcTable, int[] acTable, int ss, int se, int ah, int al, int dataStart) {
      this.components = components;
      this.dcTable = dcTable;
      this.acTable = acTable;
      this.ss = ss;
      this.se = se;
      this.ah = ah;
      this.al = al;
      this.dataStart = dataStart;
    }
  }

  final String codec;
  final byte[] data;
  int pos;
  int sofMarker = -1;
  int precision;
  int height;
  int width;
  Component[] components;
  final HuffmanTable[] dcTables = new HuffmanTable[4];
  final HuffmanTable[] acTables = new HuffmanTable[4];
  final int[][] quant = new int[4][];
  int restartInterval;
  boolean jfif;
  int adobeTransform = -1;

  JpegStream(String codec, byte[] data) {
    this.codec = codec;
    this.data = data;
    if (data.length < 2 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
      throw CodecErrors.malformed(codec, 0, "expected the SOI marker 0xFFD8 at the start of the frame");
    }
    pos = 2;
  }

  /**
   * Reads marker segments up to the next SOS and returns its scan, or null at EOI (or at the end of
   * data after at least one scan, for streams that omit EOI).
   */
  Scan nextScan(boolean afterScan) {
    while (true) {
      int m = nextMarker(afterScan);
      if (m < 0) {
        return null;
      }
      if (m == 0x00 && afterScan) {
        continue; // a stuffed 0xFF00 left over from entropy-coded data the decoder did not need
      }
      switch (m) {
        case 0xD9:
          return null;
        case 0xC4:
          readDht();
          break;
        case 0xDB:
          readDqt();
          break;
        case 0xDD: {
          int len = segmentLength();
          if (len != 4) {
            throw CodecErrors.malformed(codec, pos - 2, "DRI segment length " + len + " (expected 4)");
          }
          restartInterval = u16(pos + 2);
          pos += 4;
          break;
        }
        case 0xDA:
          return readSos();
        case 0xC0: case 0xC1: case 0xC3:
          readSof(m);
          break;
        case 0xC2: case 0xC5: case 0xC6: case 0xC7: case 0xC9: case 0xCA: case 0xCB: case 0xCD: case 0xCE:
        case 0xCF:
          throw CodecErrors.unsupported(codec, pos - 2, "JPEG process with SOF marker 0xFF"
              + Integer.toHexString(m).toUpperCase() + " (progressive, hierarchical or arithmetic coding)");
        case 0xE0: {
          int len = segmentLength();
          if (len >= 7 && data[pos + 2] == 'J' && data[pos + 3] == 'F' && data[pos + 4] == 'I' && data[pos + 5] == 'F') {
            jfif = true;
          }
          pos += len;
          break;
        }
        case 0xEE: {
          int len = segmentLength();
          if (len >= 14 && data[pos + 2] == 'A' && data[pos + 3] == 'd' && data[pos + 4] == 'o'
              && data[pos + 5] == 'b' && data[pos + 6] == 'e') {
            adobeTransform = data[pos + 13] & 0xFF;
          }
          pos += len;
          break;
        }
        default:
          if (m >= 0xD0 && m <= 0xD8 || m == 0x01) {
            break; // stray RST, SOI or TEM: no segment
          }
          pos += segmentLength();
      }
    }
  }

  private int nextMarker(boolean afterScan) {
    // after a scan's entropy-coded data the decoder stopped at (or before) the next marker
    while (pos < data.length && (data[pos] & 0xFF) != 0xFF) {
      if (!afterScan) {
        throw CodecErrors.malformed(codec, pos, "expected a marker (0xFF), found 0x" + Integer.toHexString(data[pos] & 0xFF));
      }
      pos++;
    }
    while (pos + 1 < data.length && (data[pos + 1] & 0xFF) == 0xFF) {
      pos++;
    }
    if (pos + 1 >= data.length) {
      if (sofMarker >= 0 && afterScan) {
        return -1;
      }
      throw CodecErrors.truncated(codec, pos, "a marker before the end of the frame");
    }
    int m = data[pos + 1] & 0xFF;
    pos += 2;
    return m;
  }

  private int segmentLength() {
    if (pos + 2 > data.length) {
      throw CodecErrors.truncated(codec, pos, "a 2-byte marker segment length");
    }
    int len = u16(pos);
    if (len < 2 || pos + len > data.length) {
      throw CodecErrors.truncated(codec, pos, "a marker segment of " + len + " bytes (" + (data.length - pos)
          + " remain)");
    }
    return len;
  }

  private void readSof(int m) {
    if (sofMarker >= 0) {
      throw CodecErrors.malformed(codec, pos - 2, "a second SOF marker in one frame");
    }
    int start = pos;
    int len = segmentLength();
    if (len < 8) {
      throw CodecErrors.malformed(codec, start, "SOF segment length " + len + " (expected at least 8)");
    }
    sofMarker = m;
    precision = data[pos + 2] & 0xFF;
    height = u16(pos + 3);
    width = u16(pos + 5);
    int nf = data[pos + 7] & 0xFF;
    if (nf < 1 || nf > 4 || len != 8 + 3 * nf) {
      throw CodecErrors.malformed(codec, start, nf + " components with SOF length " + len + " (expected 1..4 and "
          + "8 + 3 per component)");
    }
    components = new Component[nf];
    for (int i = 0; i < nf; i++) {
      int p = pos + 8 + 3 * i;
      int hv = data[p + 1] & 0xFF;
      int h = hv >> 4;
      int v = hv & 15;
      int tq = data[p + 2] & 0xFF;
      if (h < 1 || h > 4 || v < 1 || v > 4 || tq > 3) {
        throw CodecErrors.malformed(codec, p, "component " + (i + 1) + " sampling " + h + "x" + v + " table " + tq
            + " (expected 1..4, 1..4, 0..3)");
      }
      components[i] = new Component(data[p] & 0xFF, h, v, tq);
    }
    pos += len;
  }

  /** Checks the frame header against the Image Pixel module. */
  void checkFrame(FrameInfo info) {
    if (sofMarker < 0) {
      throw CodecErrors.malformed(codec, pos, "no SOF marker before the first scan");
    }
    if (width != info.columns() || height != info.rows() && height != 0) {
      throw CodecErrors.mismatch(codec, 0, "JPEG frame is " + width + "x" + height + ", expected "
          + info.columns() + "x" + info.rows());
    }
    if (height == 0) {
      throw CodecErrors.unsupported(codec, 0, "frame height 0 (defined by a DNL marker)");
    }
    if (components.length != info.samplesPerPixel()) {
      throw CodecErrors.mismatch(codec, 0, "JPEG frame has " + components.length + " components, expected "
          + info.samplesPerPixel() + " (SamplesPerPixel)");
    }
  }

  private void readDht() {
    int len = segmentLength();
    int end = pos + len;
    pos += 2;
    while (pos < end) {
      int start = pos;
      int tcth = data[pos] & 0xFF;
      int tc = tcth >> 4;
      int th = tcth & 15;
      if (tc > 1 || th > 3) {
        throw CodecErrors.malformed(codec, pos, "DHT class " + tc + " id " + th + " (expected 0..1, 0..3)");
      }
      if (pos + 17 > end) {
        throw CodecErrors.truncated(codec, pos, "16 Huffman code counts");
      }
      int[] counts = new int[16];
      int total = 0;
      for (int i = 0; i < 16; i++) {
        counts[i] = data[pos + 1 + i] & 0xFF;
        total += counts[i];
      }
      pos += 17;
      if (total > 256 || pos + total > end) {
        throw CodecErrors.malformed(codec, start, "DHT declares " + total + " symbols, " + (end - pos) + " bytes remain");
      }
      byte[] values = new byte[total];
      System.arraycopy(data, pos, values, 0, total);
      pos += total;
      HuffmanTable t = new HuffmanTable(codec, counts, values, start);
      if (tc == 0) {
        dcTables[th] = t;
      } else {
        acTables[th] = t;
      }
    }
  }

  private void readDqt() {
    int len = segmentLength();
    int end = pos + len;
    pos += 2;
    while (pos < end) {
      int pqtq = data[pos] & 0xFF;
      int pq = pqtq >> 4;
      int tq = pqtq & 15;
      int size = pq == 0 ? 64 : 128;
      if (pq > 1 || tq > 3 || pos + 1 + size > end) {
        throw CodecErrors.malformed(codec, pos, "DQT precision " + pq + " table " + tq + " with " + (end - pos - 1)
            + " bytes (expected precision 0..1, table 0..3, " + size + " bytes)");
      }
      int[] q = new int[64];
      for (int k = 0; k < 64; k++) {
        q[k] = pq == 0 ? data[pos + 1 + k] & 0xFF : u16(pos + 1 + 2 * k);
      }
      quant[tq] = q;
      pos += 1 + size;
    }
  }

  private Scan readSos() {
    int start = pos;
    int len = segmentLength();
    if (len < 8) {
      throw CodecErrors.malformed(codec, start, "SOS segment length " + len + " (expected at least 8)");
    }
    int ns = data[pos + 2] & 0xFF;
    if (components == null) {
      throw CodecErrors.malformed(codec, start, "SOS before SOF");
    }
    if (ns < 1 || ns > components.length || len != 6 + 2 * ns) {
      throw CodecErrors.malformed(codec, start, "SOS with " + ns + " components and length " + len
          + " (expected 1.." + components.length + " and 6 + 2 per component)");
    }
    int[] comps = new int[ns];
    int[] dc = new int[ns];
    int[] ac = new int[ns];
    for (int i = 0; i < ns; i++) {
      int p = pos + 3 + 2 * i;
      int id = data[p] & 0xFF;
      int idx = -1;
      for (int c = 0; c < components.length; c++) {
        if (components[c].id == id) {
          idx = c;
        }
      }
      for (int j = 0; j < i; j++) {
        if (comps[j] == idx) {
          idx = -1;
        }
      }
      if (idx < 0) {
        throw CodecErrors.malformed(codec, p, "SOS names component id " + id + " that is not in the frame or repeats");
      }
      comps[i] = idx;
      dc[i] = (data[p + 1] & 0xFF) >> 4;
      ac[i] = data[p + 1] & 15;
      if (dc[i] > 3 || ac[i] > 3) {
        throw CodecErrors.malformed(codec, p + 1, "Huffman table selectors " + dc[i] + "/" + ac[i] + " (expected 0..3)");
      }
    }
    int p = pos + 3 + 2 * ns;
    int ss = data[p] & 0xFF;
    int se = data[p + 1] & 0xFF;
    int ah = (data[p + 2] & 0xFF) >> 4;
    int al = data[p + 2] & 15;
    pos += len;
    return new Scan(comps, dc, ac, ss, se, ah, al, pos);
  }

  int u16(int p) {
    return (data[p] & 0xFF) << 8 | (data[p + 1] & 0xFF);
  }
}
