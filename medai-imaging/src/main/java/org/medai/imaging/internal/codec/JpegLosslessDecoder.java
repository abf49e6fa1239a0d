package org.medai.imaging.internal.codec;

import org.medai.imaging.io.dicom.codec.FrameDecoder;
import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * JPEG lossless, process 14 (ITU-T T.81 Annex H, SOF3, Huffman coding): predictors 1-7, point
 * transform, restart intervals, precision 2-16 bits, one or more components in interleaved or
 * separate scans (sampling factors 1x1). Output values are the reconstructed samples shifted left by
 * the point transform, kept in BitsStored bits and sign-extended when PixelRepresentation is 1.
 * Stateless and thread-safe; memory is the output frame plus two rows per component.
 */
public final class JpegLosslessDecoder implements FrameDecoder {
  private static final String CODEC = "JPEG lossless";

  @Override
  public byte[] decode(byte[] compressed, FrameInfo info) {
    int frameBytes = CodecErrors.checkedFrameBytes(CODEC, info);
    JpegStream s = new JpegStream(CODEC, compressed);
    JpegStream.Scan scan = s.nextScan(false);
    if (scan == null) {
      throw CodecErrors.malformed(CODEC, s.pos, "no SOS marker before EOI");
    }
    s.checkFrame(info);
    if (s.sofMarker != 0xC3) {
      throw CodecErrors.unsupported(CODEC, 0, "SOF marker 0xFF" + Integer.toHexString(s.sofMarker).toUpperCase()
          + " in a lossless transfer syntax (expected SOF3, 0xFFC3)");
    }
    if (s.precision < 2 || s.precision > 16) {
      throw CodecErrors.malformed(CODEC, 0, "sample precision " + s.precision + " (expected 2..16)");
    }
    if (s.precision > info.bitsAllocated()) {
      throw CodecErrors.mismatch(CODEC, 0, "sample precision " + s.precision + " exceeds BitsAllocated "
          + info.bitsAllocated());
    }
    for (JpegStream.Component c : s.components) {
      if (c.h != 1 || c.v != 1) {
        throw CodecErrors.unsupported(CODEC, 0, "lossless component sampling " + c.h + "x" + c.v + " (expected 1x1)");
      }
    }
    byte[] out = new byte[frameBytes];
    boolean[] done = new boolean[s.components.length];
    int scans = 0;
    while (scan != null) {
      int end = decodeScan(s, scan, info, out);
      for (int c : scan.components) {
        done[c] = true;
      }
      scans++;
      s.pos = end;
      scan = s.nextScan(true);
    }
    for (int c = 0; c < done.length; c++) {
      if (!done[c]) {
        throw CodecErrors.truncated(CODEC, compressed.length, "a scan for component " + (c + 1) + " (" + scans
            + " scans read)");
      }
    }
    return out;
  }

  private static int decodeScan(JpegStream s, JpegStream.Scan scan, FrameInfo info, byte[] out) {
    int predictor = scan.ss;
    int pt = scan.al;
    int p = s.precision;
    if (predictor < 1 || predictor > 7) {
      throw CodecErrors.unsupported(CODEC, scan.dataStart, "predictor " + predictor + " (expected 1..7)");
    }
    if (pt >= p) {
      throw CodecErrors.malformed(CODEC, scan.dataStart, "point transform " + pt + " >= precision " + p);
    }
    int ns = scan.components.length;
    HuffmanTable[] tables = new HuffmanTable[ns];
    for (int i = 0; i < ns; i++) {
      tables[i] = s.dcTables[scan.dcTable[i]];
      if (tables[i] == null) {
        throw CodecErrors.malformed(CODEC, scan.dataStart, "scan uses Huffman table " + scan.dcTable[i]
            + " that no DHT defined");
      }
    }
    int width = info.columns();
    int height = info.rows();
    int spp = info.samplesPerPixel();
    int bps = info.bytesPerSample();
    boolean signed = info.signed();
    int storedBits = Math.min(p, info.bitsStored());
    int initial = 1 << (p - pt - 1);
    int[][] prev = new int[ns][width];
    int[][] cur = new int[ns][width];
    JpegBitReader in = new JpegBitReader(CODEC, s.data, scan.dataStart, s.data.length);
    int restart = s.restartInterval;
    int toRestart = restart;
    int rstIndex = 0;
    // the sample from which the current restart interval started: its row uses predictor 1
    int intervalRow = 0;
    int intervalCol = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (restart > 0) {
          if (toRestart == 0) {
            in.restart(rstIndex++);
            toRestart = restart;
            intervalRow = y;
            intervalCol = x;
          }
          toRestart--;
        }
        for (int i = 0; i < ns; i++) {
          int[] row = cur[i];
          int pred;
          if (y == intervalRow) {
            pred = x == intervalCol ? initial : row[x - 1];
          } else if (x == 0) {
            pred = prev[i][0];
          } else {
            int ra = row[x - 1];
            int rb = prev[i][x];
            int rc = prev[i][x - 1];
            pred = switch (predictor) {
              case 1 -> ra;
              case 2 -> rb;
              case 3 -> rc;
              case 4 -> ra + rb - rc;
              case 5 -> ra + ((rb - rc) >> 1);
              case 6 -> rb + ((ra - rc) >> 1);
              default -> (ra + rb) >> 1;
            };
          }
          int ssss = tables[i].decode(in);
          int diff;
          if (ssss == 0) {
            diff = 0;
          } else if (ssss == 16) {
            diff = 32768;
          } else if (ssss < 16) {
            diff = in.receiveExtend(ssss);
          } else {
            throw CodecErrors.malformed(CODEC, in.position(), "difference category " + ssss + " (expected 0..16)");
          }
          int value = (pred + diff) & 0xFFFF;
          row[x] = value;
          int sample = SampleWriter.stored(value << pt, storedBits, signed);
          SampleWriter.put(out, (y * width + x) * spp + scan.components[i], bps, sample);
        }
      }
      int[][] t = prev;
      prev = cur;
      cur = t;
    }
    return in.finish();
  }
}
