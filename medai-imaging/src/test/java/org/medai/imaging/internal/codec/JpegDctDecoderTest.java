package org.medai.imaging.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medai.imaging.io.dicom.DicomFormatException;
import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * Streams of flat 8x8 blocks (DC only, quantizer 8) have a closed-form decode: every sample of a
 * block is DC + 2^(P-1). That checks the Huffman DC path, DC prediction across blocks and its reset
 * at restart markers without a reference decoder; full images are compared with DCMTK in
 * DcmtkOracleCodecTest.
 */
class JpegDctDecoderTest {

  static byte[] flatBlocks(int[] dc, int bx, int by, int precision, int restart, boolean wrongRst) {
    JpegLosslessDecoderTest.Encoder e = new JpegLosslessDecoderTest.Encoder();
    e.marker(0xD8);
    e.marker(0xDB);
    e.u16(2 + 65);
    e.out.write(0x00);
    for (int k = 0; k < 64; k++) {
      e.out.write(8);
    }
    e.marker(precision == 8 ? 0xC0 : 0xC1);
    e.u16(11);
    e.out.write(precision);
    e.u16(by * 8);
    e.u16(bx * 8);
    e.out.write(1);
    e.out.write(1);
    e.out.write(0x11);
    e.out.write(0);
    e.marker(0xC4);
    e.u16(2 + 17 + 15 + 17 + 1);
    e.out.write(0x00); // DC table 0: categories 0..14, 4-bit codes
    for (int i = 0; i < 16; i++) {
      e.out.write(i == 3 ? 15 : 0);
    }
    for (int s = 0; s < 15; s++) {
      e.out.write(s);
    }
    e.out.write(0x10); // AC table 0: EOB only, a 1-bit code
    for (int i = 0; i < 16; i++) {
      e.out.write(i == 0 ? 1 : 0);
    }
    e.out.write(0);
    if (restart > 0) {
      e.marker(0xDD);
      e.u16(4);
      e.u16(restart);
    }
    e.marker(0xDA);
    e.u16(8);
    e.out.write(1);
    e.out.write(1);
    e.out.write(0x00);
    e.out.write(0);
    e.out.write(63);
    e.out.write(0);
    int pred = 0;
    int rst = 0;
    for (int i = 0; i < dc.length; i++) {
      if (restart > 0 && i > 0 && i % restart == 0) {
        e.flush();
        e.marker(0xD0 + ((rst++ + (wrongRst ? 1 : 0)) & 7));
        pred = 0;
      }
      int diff = dc[i] - pred;
      pred = dc[i];
      int ssss = diff == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(Math.abs(diff));
      e.bits(ssss, 4);
      if (ssss > 0) {
        e.bits(diff >= 0 ? diff : diff + (1 << ssss) - 1, ssss);
      }
      e.bits(0, 1); // EOB
    }
    e.flush();
    e.marker(0xD9);
    return e.out.toByteArray();
  }

  static byte[] expected(int[] dc, int bx, int by, int precision) {
    int w = bx * 8;
    int bps = precision == 8 ? 1 : 2;
    byte[] out = new byte[w * by * 8 * bps];
    for (int y = 0; y < by * 8; y++) {
      for (int x = 0; x < w; x++) {
        int v = dc[(y / 8) * bx + x / 8] + (1 << (precision - 1));
        SampleWriter.put(out, y * w + x, bps, v);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "precision {0} restart {1}")
  @CsvSource({"8,0", "8,1", "8,5", "12,0", "12,3"})
  void decode_flatBlocks_equalClosedForm(int precision, int restart) {
    int bx = 5;
    int by = 3;
    Random rnd = new Random(precision * 10 + restart);
    int half = 1 << (precision - 1);
    int[] dc = new int[bx * by];
    for (int i = 0; i < dc.length; i++) {
      dc[i] = rnd.nextInt(2 * half) - half;
    }
    byte[] jpeg = flatBlocks(dc, bx, by, precision, restart, false);
    FrameInfo info = new FrameInfo(by * 8, bx * 8, 1, precision == 8 ? 8 : 16, precision, false, 0, "MONOCHROME2");
    assertArrayEquals(expected(dc, bx, by, precision), new JpegDctDecoder().decode(jpeg, info));
  }

  @Test
  void decode_restartMarkerOutOfSequence_throwsDicomFormatException() {
    int[] dc = new int[6];
    byte[] jpeg = flatBlocks(dc, 3, 2, 8, 2, true);
    FrameInfo info = new FrameInfo(16, 24, 1, 8, 8, false, 0, "MONOCHROME2");
    assertThrows(DicomFormatException.class, () -> new JpegDctDecoder().decode(jpeg, info));
  }

  @Test
  void decode_truncatedScan_throwsDicomFormatException() {
    int[] dc = new int[64];
    Arrays.fill(dc, 100);
    dc[0] = -50;
    byte[] jpeg = flatBlocks(dc, 8, 8, 8, 0, false);
    FrameInfo info = new FrameInfo(64, 64, 1, 8, 8, false, 0, "MONOCHROME2");
    byte[] cut = Arrays.copyOf(jpeg, jpeg.length - 8);
    assertThrows(DicomFormatException.class, () -> new JpegDctDecoder().decode(cut, info));
  }
}
