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

class RleDecoderTest {

  /** Independent PS3.5 Annex G encoder: byte planes MSB first, one sample after another. */
  static byte[] encode(byte[] frameLe, int pixels, int spp, int bps) {
    int n = spp * bps;
    byte[][] segs = new byte[n][];
    for (int c = 0; c < spp; c++) {
      for (int b = 0; b < bps; b++) {
        byte[] plane = new byte[pixels];
        for (int i = 0; i < pixels; i++) {
          plane[i] = frameLe[(i * spp + c) * bps + (bps - 1 - b)];
        }
        segs[c * bps + b] = packBits(plane);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = new byte[64];
    putU32(header, 0, n);
    int off = 64;
    for (int s = 0; s < n; s++) {
      putU32(header, 4 + 4 * s, off);
      off += segs[s].length;
    }
    out.writeBytes(header);
    for (byte[] s : segs) {
      out.writeBytes(s);
    }
    return out.toByteArray();
  }

  static byte[] packBits(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < in.length) {
      int run = 1;
      while (i + run < in.length && run < 128 && in[i + run] == in[i]) {
        run++;
      }
      if (run >= 2) {
        out.write(1 - run);
        out.write(in[i]);
        i += run;
      } else {
        int start = i;
        int len = 0;
        while (i < in.length && len < 128 && !(i + 1 < in.length && in[i + 1] == in[i])) {
          i++;
          len++;
        }
        if (len == 0) {
          i++;
          len = 1;
        }
        out.write(len - 1);
        out.write(in, start, len);
      }
    }
    if (out.size() % 2 == 1) {
      out.write(-128); // no-op byte: segments are padded to even length
    }
    return out.toByteArray();
  }

  static void putU32(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >> 8);
    b[p + 2] = (byte) (v >> 16);
    b[p + 3] = (byte) (v >> 24);
  }

  static byte[] randomFrame(Random rnd, int bytes) {
    byte[] f = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      // runs and noise mixed, so both PackBits forms occur
      f[i] = (i / 7) % 3 == 0 ? (byte) 5 : (byte) rnd.nextInt(256);
    }
    return f;
  }

  @ParameterizedTest
  @CsvSource({"8,1", "16,1", "32,1", "8,3", "16,3"})
  void decode_encodedRandomFrame_roundTrips(int bits, int spp) {
    Random rnd = new Random(bits * 31L + spp);
    FrameInfo info = new FrameInfo(37, 53, spp, bits, bits, false, 0, spp == 3 ? "RGB" : "MONOCHROME2");
    byte[] frame = randomFrame(rnd, (int) info.frameBytes());
    byte[] rle = encode(frame, 37 * 53, spp, bits / 8);
    assertArrayEquals(frame, new RleDecoder().decode(rle, info));
  }

  @Test
  void decode_truncatedSegment_throwsDicomFormatException() {
    FrameInfo info = new FrameInfo(16, 16, 1, 16, 16, true, 0, "MONOCHROME2");
    byte[] frame = randomFrame(new Random(3), (int) info.frameBytes());
    byte[] rle = encode(frame, 256, 1, 2);
    byte[] cut = Arrays.copyOf(rle, rle.length - 40);
    assertThrows(DicomFormatException.class, () -> new RleDecoder().decode(cut, info));
  }

  @Test
  void decode_segmentCountDisagreesWithBitsAllocated_throwsDicomFormatException() {
    FrameInfo info8 = new FrameInfo(4, 4, 1, 8, 8, false, 0, "MONOCHROME2");
    byte[] rle = encode(new byte[16], 16, 1, 1);
    FrameInfo info16 = new FrameInfo(4, 4, 1, 16, 16, false, 0, "MONOCHROME2");
    new RleDecoder().decode(rle, info8);
    assertThrows(DicomFormatException.class, () -> new RleDecoder().decode(rle, info16));
  }

  @Test
  void decode_headerShorterThan64Bytes_throwsDicomFormatException() {
    FrameInfo info = new FrameInfo(4, 4, 1, 8, 8, false, 0, "MONOCHROME2");
    assertThrows(DicomFormatException.class, () -> new RleDecoder().decode(new byte[10], info));
  }
}
