package org.medai.imaging.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.medai.imaging.io.dicom.codec.FrameDecoder;

/** Decodes the committed DCMTK-made fixtures and compares with DCMTK's decode (runs in CI). */
class CodecFixturesDecodeTest {

  static long crc(FrameDecoder d, CodecFixtures.Fixture f) {
    CRC32 c = new CRC32();
    c.update(d.decode(f.frame(), f.info()));
    return c.getValue();
  }

  @Test
  void jpegLs_nearLossless12BitFixture_matchesDcmtkDecode() {
    assertEquals(CodecFixtures.JPEG_LS_NEAR2_GREY12.crc32(), crc(new JpegLsDecoder(), CodecFixtures.JPEG_LS_NEAR2_GREY12));
  }

  @Test
  void jpegLs_sampleInterleavedRgbFixture_matchesDcmtkDecode() {
    CodecFixtures.Fixture f = CodecFixtures.JPEG_LS_RGB_SAMPLE_INTERLEAVED;
    assertEquals(f.crc32(), crc(new JpegLsDecoder(), f));
  }

  @Test
  void jpegLs_lineInterleavedRgbWithPresetThresholdsFixture_matchesDcmtkDecode() {
    CodecFixtures.Fixture f = CodecFixtures.JPEG_LS_RGB_LINE_PRESET;
    assertEquals(f.crc32(), crc(new JpegLsDecoder(), f));
  }

  @Test
  void jpegBaseline_ybr422Fixture_matchesDcmtkRgbDecode() {
    assertEquals(CodecFixtures.JPEG_BASELINE_YBR422.crc32(), crc(new JpegDctDecoder(), CodecFixtures.JPEG_BASELINE_YBR422));
  }

  @Test
  void jpegExtended_12BitFixture_matchesDcmtkDecode() {
    assertEquals(CodecFixtures.JPEG_EXTENDED_GREY12.crc32(), crc(new JpegDctDecoder(), CodecFixtures.JPEG_EXTENDED_GREY12));
  }
}
