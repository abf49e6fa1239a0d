package org.medai.imaging.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medai.imaging.io.dicom.DicomFormatException;
import org.medai.imaging.io.dicom.codec.FrameInfo;

class JpegLosslessDecoderTest {

  /** A small T.81 Annex H encoder written for this test: one Huffman table, SSSS codes of 5 bits. */
  static final class Encoder {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    long acc;
    int nbits;

    void bits(int v, int n) {
      for (int i = n - 1; i >= 0; i--) {
        acc = (acc << 1) | ((v >> i) & 1);
        if (++nbits == 8) {
          out.write((int) acc);
          if ((acc & 0xFF) == 0xFF) {
            out.write(0);
          }
          acc = 0;
          nbits = 0;
        }
      }
    }

    void flush() {
      while (nbits != 0) {
        bits(1, 1);
      }
    }

    void marker(int m) {
      out.write(0xFF);
      out.write(m);
    }

    void u16(int v) {
      out.write(v >> 8);
      out.write(v);
    }

    /** samples[c][y*w+x], unsigned p-bit values; returns a complete JPEG stream. */
    static byte[] encode(int[][] samples, int w, int h, int p, int predictor, int pt, int restart, boolean separateScans) {
      Encoder e = new Encoder();
      int nc = samples.length;
      e.marker(0xD8);
      e.marker(0xC3);
      e.u16(8 + 3 * nc);
      e.out.write(p);
      e.u16(h);
      e.u16(w);
      e.out.write(nc);
      for (int c = 0; c < nc; c++) {
        e.out.write(c + 1);
        e.out.write(0x11);
        e.out.write(0);
      }
      e.marker(0xC4);
      e.u16(2 + 17 + 17);
      e.out.write(0x00);
      for (int i = 0; i < 16; i++) {
        e.out.write(i == 4 ? 17 : 0);
      }
      for (int s = 0; s <= 16; s++) {
        e.out.write(s);
      }
      if (restart > 0) {
        e.marker(0xDD);
        e.u16(4);
        e.u16(restart);
      }
      int[][] groups = separateScans ? new int[nc][] : new int[][] {range(nc)};
      if (separateScans) {
        for (int c = 0; c < nc; c++) {
          groups[c] = new int[] {c};
        }
      }
      for (int[] g : groups) {
        e.marker(0xDA);
        e.u16(6 + 2 * g.length);
        e.out.write(g.length);
        for (int c : g) {
          e.out.write(c + 1);
          e.out.write(0x00);
        }
        e.out.write(predictor);
        e.out.write(0);
        e.out.write(pt);
        int mcu = 0;
        int rst = 0;
        int rRow = 0;
        int rCol = 0;
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            if (restart > 0 && mcu > 0 && mcu % restart == 0) {
              e.flush();
              e.marker(0xD0 + (rst++ & 7));
              rRow = y;
              rCol = x;
            }
            mcu++;
            for (int c : g) {
              int[] s = samples[c];
              int v = s[y * w + x] >> pt;
              int pred;
              if (y == rRow) {
                pred = x == rCol ? 1 << (p - pt - 1) : s[y * w + x - 1] >> pt;
              } else if (x == 0) {
                pred = s[(y - 1) * w] >> pt;
              } else {
                int ra = s[y * w + x - 1] >> pt;
                int rb = s[(y - 1) * w + x] >> pt;
                int rc = s[(y - 1) * w + x - 1] >> pt;
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
              int diff = (short) ((v - pred) & 0xFFFF); // modulo 2^16, as T.81 H.1.2.1
              int ssss = diff == -32768 ? 16 : diff == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(Math.abs(diff));
              e.bits(ssss, 5);
              if (ssss > 0 && ssss < 16) {
                e.bits(diff >= 0 ? diff : diff + (1 << ssss) - 1, ssss);
              }
            }
          }
        }
        e.flush();
      }
      e.marker(0xD9);
      return e.out.toByteArray();
    }

    static int[] range(int n) {
      int[] r = new int[n];
      for (int i = 0; i < n; i++) {
        r[i] = i;
      }
      return r;
    }
  }

  static int[][] image(Random rnd, int nc, int w, int h, int p, int pt) {
    int[][] s = new int[nc][w * h];
    for (int c = 0; c < nc; c++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          // smooth ramp plus noise with occasional extreme jumps, then point-transform alignment
          int v = (int) (((x * 37L + y * 11L + c * 1000L) % (1L << p)));
          if (rnd.nextInt(10) == 0) {
            v = rnd.nextInt(1 << p);
          }
          s[c][y * w + x] = (v >> pt) << pt;
        }
      }
    }
    return s;
  }

  static byte[] expected(int[][] s, int w, int h, int bitsAllocated, int p, boolean signed) {
    int nc = s.length;
    int bps = bitsAllocated <= 8 ? 1 : 2;
    byte[] out = new byte[w * h * nc * bps];
    for (int i = 0; i < w * h; i++) {
      for (int c = 0; c < nc; c++) {
        int v = s[c][i];
        if (signed && v >= 1 << (p - 1)) {
          v -= 1 << p;
        }
        int o = (i * nc + c) * bps;
        out[o] = (byte) v;
        if (bps == 2) {
          out[o + 1] = (byte) (v >> 8);
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "predictor {0} precision {1} pt {2} restart {3} components {4} separate {5} signed {6}")
  @CsvSource({
      "1,16,0,0,1,false,true", "2,12,0,0,1,false,false", "3,8,0,0,1,false,false", "4,16,0,0,1,false,false",
      "5,10,0,0,1,false,true", "6,14,0,0,1,false,false", "7,16,0,0,1,false,true", "1,8,2,0,1,false,false",
      "4,12,3,0,1,false,false", "1,16,0,23,1,false,true", "7,8,0,40,3,false,false", "6,8,1,17,3,true,false",
      "1,2,0,0,1,false,false", "5,16,0,0,3,false,false"})
  void decode_encodedImage_roundTrips(int predictor, int p, int pt, int restart, int nc, boolean separate,
                                      boolean signed) {
    int w = 40;
    int h = 23;
    int[][] s = image(new Random(predictor * 100 + p), nc, w, h, p, pt);
    byte[] jpeg = Encoder.encode(s, w, h, p, predictor, pt, restart, separate);
    int bitsAllocated = p <= 8 ? 8 : 16;
    FrameInfo info = new FrameInfo(h, w, nc, bitsAllocated, p, signed, 0, nc == 3 ? "RGB" : "MONOCHROME2");
    assertArrayEquals(expected(s, w, h, bitsAllocated, p, signed), new JpegLosslessDecoder().decode(jpeg, info));
  }

  @Test
  void decode_truncatedEntropyData_throwsDicomFormatException() {
    int[][] s = image(new Random(1), 1, 64, 64, 16, 0);
    byte[] jpeg = Encoder.encode(s, 64, 64, 16, 1, 0, 0, false);
    FrameInfo info = new FrameInfo(64, 64, 1, 16, 16, false, 0, "MONOCHROME2");
    byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
    assertThrows(DicomFormatException.class, () -> new JpegLosslessDecoder().decode(cut, info));
  }

  @Test
  void decode_frameSizeDisagreesWithRows_throwsDicomFormatException() {
    int[][] s = image(new Random(1), 1, 8, 8, 8, 0);
    byte[] jpeg = Encoder.encode(s, 8, 8, 8, 1, 0, 0, false);
    FrameInfo info = new FrameInfo(9, 8, 1, 8, 8, false, 0, "MONOCHROME2");
    assertThrows(DicomFormatException.class, () -> new JpegLosslessDecoder().decode(jpeg, info));
  }
}
