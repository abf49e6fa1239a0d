package org.medai.imaging.internal.codec.j2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medai.imaging.io.dicom.DicomFormatException;
import org.medai.imaging.io.dicom.codec.FrameInfo;
import org.medai.imaging.io.dicom.codec.Jpeg2000Codec;

/**
 * JPEG 2000 decoding against independent oracles: for lossless fixtures the original synthetic
 * samples, for lossy ones OpenJPEG 2.5's decode (both as CRC32 in the committed expected.tsv; see
 * tools/j2k-fixtures/make_fixtures.py). Runs without OpenJPEG installed.
 */
class J2kDecoderTest {

  static List<J2kFixtures.Fixture> fixtures() {
    return J2kFixtures.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void decode_opjEncodedFixture_matchesOracleCrc(J2kFixtures.Fixture f) {
    byte[] out = Jpeg2000Codec.decoder().decode(f.stream(), f.info());
    assertEquals(f.info().frameBytes(), out.length);
    CRC32 crc = new CRC32();
    crc.update(out);
    assertEquals(f.crc32(), crc.getValue(), (f.lossless() ? "original samples" : "opj_decompress output") + " CRC32");
  }

  @Test
  void fixtures_coverLosslessLossyColourAndWrapped_manyOptions() {
    List<J2kFixtures.Fixture> all = fixtures();
    assertTrue(all.size() >= 20, "fixtures listed: " + all.size());
    assertTrue(all.stream().anyMatch(f -> !f.lossless()));
    assertTrue(all.stream().anyMatch(f -> f.info().samplesPerPixel() == 3));
    assertTrue(all.stream().anyMatch(f -> f.name().endsWith(".jp2")));
  }

  @Test
  void decode_bitsStoredBelowPrecision_keepsBitsStoredBitsSignExtended() {
    J2kFixtures.Fixture f = J2kFixtures.named("g16s_lossless_pcrl_bypass.j2k");
    FrameInfo i16 = f.info();
    FrameInfo i12 = new FrameInfo(i16.rows(), i16.columns(), 1, 16, 12, true, 0, "MONOCHROME2");
    byte[] full = new J2kDecoder().decode(f.stream(), i16);
    byte[] kept = new J2kDecoder().decode(f.stream(), i12);
    for (int i = 0; i < full.length; i += 2) {
      int v = (short) ((full[i] & 0xFF) | full[i + 1] << 8);
      int expected = (v << 20) >> 20;
      assertEquals(expected, (short) ((kept[i] & 0xFF) | kept[i + 1] << 8), "sample " + i / 2);
    }
  }

  @Test
  void decode_rgbPlanarConfigurationOne_stillInterleavedSameCrc() {
    J2kFixtures.Fixture f = J2kFixtures.named("rgb8_lossless_rct_sop_eph.j2k");
    FrameInfo planar = new FrameInfo(f.info().rows(), f.info().columns(), 3, 8, 8, false, 1, "YBR_RCT");
    CRC32 crc = new CRC32();
    crc.update(new J2kDecoder().decode(f.stream(), planar));
    assertEquals(f.crc32(), crc.getValue());
  }

  @Test
  void decode_truncatedStream_throwsTruncatedWithOffset() {
    J2kFixtures.Fixture f = J2kFixtures.named("g8_lossless_default.j2k");
    byte[] cut = Arrays.copyOf(f.stream(), f.stream().length / 2);
    DicomFormatException e = assertThrows(DicomFormatException.class, () -> new J2kDecoder().decode(cut, f.info()));
    assertEquals("MEDAI-CODEC-001", e.code());
    assertTrue(e.offset() > 0 && e.offset() <= cut.length, "offset " + e.offset());
  }

  @Test
  void decode_wrongRowsColumns_throwsMismatch() {
    J2kFixtures.Fixture f = J2kFixtures.named("g8_lossless_default.j2k");
    FrameInfo wrong = new FrameInfo(f.info().rows() + 1, f.info().columns(), 1, 8, 8, false, 0, "MONOCHROME2");
    DicomFormatException e = assertThrows(DicomFormatException.class, () -> new J2kDecoder().decode(f.stream(), wrong));
    assertEquals("MEDAI-CODEC-004", e.code());
  }

  @Test
  void decode_notAJpeg2000Stream_throwsMalformedAtZero() {
    FrameInfo info = new FrameInfo(4, 4, 1, 8, 8, false, 0, "MONOCHROME2");
    DicomFormatException e = assertThrows(DicomFormatException.class,
        () -> new J2kDecoder().decode(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}, info));
    assertEquals("MEDAI-CODEC-002", e.code());
    assertEquals(0, e.offset());
  }

  @Test
  void decode_highThroughputCapability_throwsUnsupported() {
    J2kFixtures.Fixture f = J2kFixtures.named("g8_lossless_default.j2k");
    byte[] ht = f.stream().clone();
    ht[6] = 0x40; // Rsiz high byte (SOC, SIZ marker, Lsiz precede it): the HTJ2K capability bit
    DicomFormatException e = assertThrows(DicomFormatException.class, () -> new J2kDecoder().decode(ht, f.info()));
    assertEquals("MEDAI-CODEC-003", e.code());
    assertEquals(6, e.offset());
  }

  @Test
  void decode_missingTile_throwsTruncated() {
    J2kFixtures.Fixture f = J2kFixtures.named("g12_lossless_tiles_odd.j2k");
    byte[] d = f.stream();
    int firstSot = indexOf(d, (byte) 0xFF, (byte) 0x90);
    byte[] onlyMain = Arrays.copyOf(d, firstSot + 2);
    onlyMain[firstSot + 1] = (byte) 0xD9; // EOC straight after the main header
    DicomFormatException e = assertThrows(DicomFormatException.class, () -> new J2kDecoder().decode(onlyMain, f.info()));
    assertEquals("MEDAI-CODEC-001", e.code());
  }

  private static int indexOf(byte[] d, byte a, byte b) {
    for (int i = 0; i + 1 < d.length; i++) {
      if (d[i] == a && d[i + 1] == b) {
        return i;
      }
    }
    return -1;
  }
}
