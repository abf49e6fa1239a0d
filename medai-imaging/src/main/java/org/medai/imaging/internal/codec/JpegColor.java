package org.medai.imaging.internal.codec;

import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * Upsampling, colour conversion and output of decoded DCT planes, as libjpeg-turbo does them by
 * default: "fancy" triangle upsampling for 2x1, 1x2 and 2x2 chroma (edge rows and columns
 * replicated), pixel replication for other integral factors, and the integer YCbCr→RGB tables of
 * jdcolor.c. Stateless.
 */
final class JpegColor {
  private static final int SCALEBITS = 16;
  private static final int ONE_HALF = 1 << (SCALEBITS - 1);

  private JpegColor() {}

  private static int fix(double x) {
    return (int) (x * (1L << SCALEBITS) + 0.5);
  }

  static void write(JpegStream s, short[][] planes, int[] stride, int hmax, int vmax, int maxSample, FrameInfo info,
                    byte[] out) {
    int nc = s.components.length;
    int w = s.width;
    int h = s.height;
    if (nc == 1) {
      writeGrey(planes[0], stride[0], w, h, Math.min(s.precision, info.bitsStored()), info, out);
      return;
    }
    int[][] full = new int[nc][];
    for (int c = 0; c < nc; c++) {
      JpegStream.Component comp = s.components[c];
      if (hmax % comp.h != 0 || vmax % comp.v != 0) {
        throw CodecErrors.unsupported("JPEG", 0, "non-integral chroma sampling ratio " + hmax + "/" + comp.h + " x "
            + vmax + "/" + comp.v);
      }
      full[c] = upsample(planes[c], stride[c], JpegDctDecoder.ceilDiv(w * comp.h, hmax),
          JpegDctDecoder.ceilDiv(h * comp.v, vmax), hmax / comp.h, vmax / comp.v, w, h);
    }
    if (nc == 3 && ycc(s)) {
      yccToRgb(full, maxSample);
    }
    int bps = info.bytesPerSample();
    int bits = Math.min(s.precision, info.bitsStored());
    boolean signed = info.signed();
    int pixels = w * h;
    for (int c = 0; c < nc; c++) {
      int[] p = full[c];
      for (int i = 0; i < pixels; i++) {
        SampleWriter.put(out, i * nc + c, bps, SampleWriter.stored(p[i], bits, signed));
      }
    }
  }

  /** A single component has no upsampling or colour conversion: samples go straight out. */
  private static void writeGrey(short[] plane, int stride, int w, int h, int bits, FrameInfo info, byte[] out) {
    int bps = info.bytesPerSample();
    boolean signed = info.signed();
    for (int y = 0; y < h; y++) {
      int p = y * stride;
      int o = y * w;
      if (bps == 1) {
        for (int x = 0; x < w; x++) {
          out[o + x] = (byte) plane[p + x];
        }
      } else {
        for (int x = 0; x < w; x++) {
          SampleWriter.put(out, o + x, bps, SampleWriter.stored(plane[p + x], bits, signed));
        }
      }
    }
  }

  /** libjpeg's rule: JFIF → YCbCr; else Adobe transform flag; else component ids 'R','G','B' → RGB. */
  static boolean ycc(JpegStream s) {
    if (s.jfif) {
      return true;
    }
    if (s.adobeTransform >= 0) {
      return s.adobeTransform != 0;
    }
    return !(s.components[0].id == 'R' && s.components[1].id == 'G' && s.components[2].id == 'B');
  }

  private static int[] upsample(short[] plane, int stride, int dw, int dh, int fh, int fv, int w, int h) {
    int[] out = new int[w * h];
    if (fh == 1 && fv == 1) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          out[y * w + x] = plane[y * stride + x];
        }
      }
    } else if (fh == 2 && fv == 1 && dw > 2) {
      int[] row = new int[2 * dw];
      for (int y = 0; y < h; y++) {
        fancyH(plane, y * stride, dw, row);
        System.arraycopy(row, 0, out, y * w, w);
      }
    } else if (fh == 1 && fv == 2) {
      for (int y = 0; y < h; y++) {
        int in0 = y / 2;
        int in1 = (y & 1) == 0 ? Math.max(0, in0 - 1) : Math.min(dh - 1, in0 + 1);
        int bias = (y & 1) == 0 ? 1 : 2;
        for (int x = 0; x < w; x++) {
          out[y * w + x] = (plane[in0 * stride + x] * 3 + plane[in1 * stride + x] + bias) >> 2;
        }
      }
    } else if (fh == 2 && fv == 2 && dw > 2) {
      int[] colsum = new int[dw];
      for (int y = 0; y < h; y++) {
        int in0 = y / 2;
        int in1 = (y & 1) == 0 ? Math.max(0, in0 - 1) : Math.min(dh - 1, in0 + 1);
        for (int x = 0; x < dw; x++) {
          colsum[x] = plane[in0 * stride + x] * 3 + plane[in1 * stride + x];
        }
        int o = y * w;
        int[] r = new int[2 * dw];
        r[0] = (colsum[0] * 4 + 8) >> 4;
        r[1] = (colsum[0] * 3 + colsum[1] + 7) >> 4;
        for (int x = 1; x < dw - 1; x++) {
          r[2 * x] = (colsum[x] * 3 + colsum[x - 1] + 8) >> 4;
          r[2 * x + 1] = (colsum[x] * 3 + colsum[x + 1] + 7) >> 4;
        }
        r[2 * dw - 2] = (colsum[dw - 1] * 3 + colsum[dw - 2] + 8) >> 4;
        r[2 * dw - 1] = (colsum[dw - 1] * 4 + 7) >> 4;
        System.arraycopy(r, 0, out, o, w);
      }
    } else {
      for (int y = 0; y < h; y++) {
        int sy = y / fv;
        for (int x = 0; x < w; x++) {
          out[y * w + x] = plane[sy * stride + x / fh];
        }
      }
    }
    return out;
  }

  private static void fancyH(short[] plane, int p, int dw, int[] row) {
    int v = plane[p];
    row[0] = v;
    row[1] = (v * 3 + plane[p + 1] + 2) >> 2;
    for (int x = 1; x < dw - 1; x++) {
      int t = plane[p + x] * 3;
      row[2 * x] = (t + plane[p + x - 1] + 1) >> 2;
      row[2 * x + 1] = (t + plane[p + x + 1] + 2) >> 2;
    }
    v = plane[p + dw - 1];
    row[2 * dw - 2] = (v * 3 + plane[p + dw - 2] + 1) >> 2;
    row[2 * dw - 1] = v;
  }

  private static void yccToRgb(int[][] full, int maxSample) {
    int center = (maxSample + 1) / 2;
    int n = maxSample + 1;
    int[] crR = new int[n];
    int[] cbB = new int[n];
    int[] crG = new int[n];
    int[] cbG = new int[n];
    for (int i = 0; i < n; i++) {
      int x = i - center;
      crR[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
      cbB[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
      crG[i] = -fix(0.71414) * x;
      cbG[i] = -fix(0.34414) * x + ONE_HALF;
    }
    int[] y = full[0];
    int[] cb = full[1];
    int[] cr = full[2];
    for (int i = 0; i < y.length; i++) {
      int yy = y[i];
      int b = cb[i];
      int r = cr[i];
      int rv = yy + crR[r];
      int gv = yy + ((cbG[b] + crG[r]) >> SCALEBITS);
      int bv = yy + cbB[b];
      y[i] = rv < 0 ? 0 : Math.min(rv, maxSample);
      cb[i] = gv < 0 ? 0 : Math.min(gv, maxSample);
      cr[i] = bv < 0 ? 0 : Math.min(bv, maxSample);
    }
  }
}
