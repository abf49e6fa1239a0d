package org.medai.imaging.internal.codec;

import org.medai.imaging.io.dicom.codec.FrameDecoder;
import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * JPEG baseline and extended sequential DCT with Huffman coding (ITU-T T.81 processes 1 and 2/4,
 * SOF0 and SOF1), 8 and 12-bit precision, 1-4 components with any sampling factors, interleaved or
 * separate scans, restart intervals. It reproduces libjpeg-turbo's default decode: the islow
 * integer IDCT, "fancy" (triangle) chroma upsampling and its integer YCbCr→RGB tables, so 8-bit
 * output equals libjpeg-turbo's. Three-component streams are converted YCbCr→RGB unless an Adobe
 * APP14 marker says transform 0 or the component ids are 'R','G','B'. Stateless and thread-safe;
 * memory is the output plus one plane of 16-bit samples per component.
 */
public final class JpegDctDecoder implements FrameDecoder {
  private static final String CODEC = "JPEG";
  /** Zig-zag position → natural (row-major) position. */
  static final int[] NATURAL = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34,
      27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38,
      31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};

  @Override
  public byte[] decode(byte[] compressed, FrameInfo info) {
    int frameBytes = CodecErrors.checkedFrameBytes(CODEC, info);
    JpegStream s = new JpegStream(CODEC, compressed);
    JpegStream.Scan scan = s.nextScan(false);
    if (scan == null) {
      throw CodecErrors.malformed(CODEC, s.pos, "no SOS marker before EOI");
    }
    s.checkFrame(info);
    if (s.sofMarker != 0xC0 && s.sofMarker != 0xC1) {
      throw CodecErrors.unsupported(CODEC, 0, "SOF marker 0xFF" + Integer.toHexString(s.sofMarker).toUpperCase()
          + " (expected baseline SOF0 or extended SOF1; lossless streams need a lossless transfer syntax)");
    }
    if (s.precision != 8 && s.precision != 12) {
      throw CodecErrors.malformed(CODEC, 0, "sample precision " + s.precision + " (expected 8 or 12)");
    }
    if (s.precision > info.bitsAllocated()) {
      throw CodecErrors.mismatch(CODEC, 0, "sample precision " + s.precision + " exceeds BitsAllocated "
          + info.bitsAllocated());
    }
    int nc = s.components.length;
    int hmax = 1;
    int vmax = 1;
    for (JpegStream.Component c : s.components) {
      hmax = Math.max(hmax, c.h);
      vmax = Math.max(vmax, c.v);
    }
    int mcusX = ceilDiv(s.width, 8 * hmax);
    int mcusY = ceilDiv(s.height, 8 * vmax);
    short[][] planes = new short[nc][];
    int[] stride = new int[nc];
    for (int c = 0; c < nc; c++) {
      stride[c] = mcusX * s.components[c].h * 8;
      planes[c] = new short[stride[c] * mcusY * s.components[c].v * 8];
    }
    JpegIdct idct = new JpegIdct(s.precision);
    boolean[] done = new boolean[nc];
    int[] coef = new int[64];
    int[] ws = new int[64];
    while (scan != null) {
      if (scan.ss != 0 || scan.se != 63 || scan.ah != 0 || scan.al != 0) {
        throw CodecErrors.malformed(CODEC, scan.dataStart, "sequential scan with Ss=" + scan.ss + " Se=" + scan.se
            + " Ah=" + scan.ah + " Al=" + scan.al + " (expected 0, 63, 0, 0)");
      }
      s.pos = decodeScan(s, scan, hmax, vmax, mcusX, mcusY, planes, stride, idct, coef, ws);
      for (int c : scan.components) {
        done[c] = true;
      }
      scan = s.nextScan(true);
    }
    for (int c = 0; c < nc; c++) {
      if (!done[c]) {
        throw CodecErrors.truncated(CODEC, compressed.length, "a scan for component " + (c + 1));
      }
    }
    byte[] out = new byte[frameBytes];
    JpegColor.write(s, planes, stride, hmax, vmax, idct.maxSample(), info, out);
    return out;
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static int decodeScan(JpegStream s, JpegStream.Scan scan, int hmax, int vmax, int mcusX, int mcusY,
                                short[][] planes, int[] stride, JpegIdct idct, int[] coef, int[] ws) {
    int ns = scan.components.length;
    HuffmanTable[] dc = new HuffmanTable[ns];
    HuffmanTable[] ac = new HuffmanTable[ns];
    int[][] q = new int[ns][];
    for (int i = 0; i < ns; i++) {
      JpegStream.Component comp = s.components[scan.components[i]];
      dc[i] = s.dcTables[scan.dcTable[i]];
      ac[i] = s.acTables[scan.acTable[i]];
      q[i] = s.quant[comp.tq];
      if (dc[i] == null || ac[i] == null) {
        throw CodecErrors.malformed(CODEC, scan.dataStart, "scan uses Huffman tables " + scan.dcTable[i] + "/"
            + scan.acTable[i] + " that no DHT defined");
      }
      if (q[i] == null) {
        throw CodecErrors.malformed(CODEC, scan.dataStart, "component " + comp.id + " uses quantization table "
            + comp.tq + " that no DQT defined");
      }
    }
    JpegBitReader in = new JpegBitReader(CODEC, s.data, scan.dataStart, s.data.length);
    int[] pred = new int[ns];
    int restart = s.restartInterval;
    int toRestart = restart;
    int rst = 0;
    if (ns == 1) {
      int ci = scan.components[0];
      JpegStream.Component comp = s.components[ci];
      int bx = ceilDiv(ceilDiv(s.width * comp.h, hmax), 8);
      int by = ceilDiv(ceilDiv(s.height * comp.v, vmax), 8);
      for (int y = 0; y < by; y++) {
        for (int x = 0; x < bx; x++) {
          if (restart > 0) {
            if (toRestart == 0) {
              in.restart(rst++);
              toRestart = restart;
              pred[0] = 0;
            }
            toRestart--;
          }
          pred[0] = block(in, dc[0], ac[0], q[0], pred[0], coef);
          idct.transform(coef, ws, planes[ci], y * 8 * stride[ci] + x * 8, stride[ci]);
        }
      }
    } else {
      for (int my = 0; my < mcusY; my++) {
        for (int mx = 0; mx < mcusX; mx++) {
          if (restart > 0) {
            if (toRestart == 0) {
              in.restart(rst++);
              toRestart = restart;
              java.util.Arrays.fill(pred, 0);
            }
            toRestart--;
          }
          for (int i = 0; i < ns; i++) {
            int ci = scan.components[i];
            JpegStream.Component comp = s.components[ci];
            for (int v = 0; v < comp.v; v++) {
              for (int h = 0; h < comp.h; h++) {
                pred[i] = block(in, dc[i], ac[i], q[i], pred[i], coef);
                int row = (my * comp.v + v) * 8;
                int col = (mx * comp.h + h) * 8;
                idct.transform(coef, ws, planes[ci], row * stride[ci] + col, stride[ci]);
              }
            }
          }
        }
      }
    }
    return in.finish();
  }

  /** Decodes one 8x8 block into dequantized natural-order coefficients; returns the new DC predictor. */
  private static int block(JpegBitReader in, HuffmanTable dc, HuffmanTable ac, int[] q, int pred, int[] coef) {
    java.util.Arrays.fill(coef, 0);
    int t = dc.decode(in);
    if (t > 15) {
      throw CodecErrors.malformed(CODEC, in.position(), "DC magnitude category " + t + " (expected 0..15)");
    }
    int dcv = pred + in.receiveExtend(t);
    coef[0] = dcv * q[0];
    for (int k = 1; k < 64; ) {
      int rs = ac.decode(in);
      int r = rs >> 4;
      int size = rs & 15;
      if (size == 0) {
        if (r != 15) {
          break;
        }
        k += 16;
        continue;
      }
      k += r;
      if (k > 63) {
        throw CodecErrors.malformed(CODEC, in.position(), "AC coefficient index " + k + " past the 8x8 block");
      }
      coef[NATURAL[k]] = in.receiveExtend(size) * q[k];
      k++;
    }
    return dcv;
  }
}
