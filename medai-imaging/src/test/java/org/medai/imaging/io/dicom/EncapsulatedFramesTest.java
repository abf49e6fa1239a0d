package org.medai.imaging.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.medai.core.ReadLimits;

class EncapsulatedFramesTest {

  @ParameterizedTest(name = "frames={0} fragmentsPerFrame={1} bot={2} eot={3}")
  @CsvSource({
      "1, 1, false, false", "1, 3, false, false", "4, 1, true, false", "4, 3, true, false",
      "4, 1, false, false", "4, 2, false, false", "3, 1, false, true", "5, 1, true, true"})
  void compressedFrames_anyOffsetTableMode_rebuildsEachFrame(int frames, int perFrame, boolean bot, boolean eot) {
    DicomFile f = TestFiles.encapsulated(frames, perFrame, bot, eot);
    byte[] bytes = DicomWriter.toBytes(f, TransferSyntax.JPEG_BASELINE);
    DicomFile back = DicomReader.defaults().read(bytes);
    List<byte[]> got = DicomPixels.compressedFrames(back, ReadLimits.defaults());
    assertEquals(frames, got.size());
    for (int k = 0; k < frames; k++) assertArrayEquals(TestFiles.jpegFrame(k, 40 + 2 * k), got.get(k), "frame " + k);
  }

  @Test
  void compressedFrames_offsetTableCountDisagrees_isFormatError() {
    DicomFile f = TestFiles.encapsulated(3, 1, true, false);
    DicomDataset ds = f.dataset().toBuilder().putInts(Tag.NumberOfFrames, VR.IS, 4).build();
    assertThrows(DicomFormatException.class, () -> DicomPixels.compressedFrames(DicomFile.of(ds, f.transferSyntax()), ReadLimits.defaults()));
  }

  @Test
  void read_unUndefinedLength_parsesAsImplicitSequence() {
    DicomFile f = DicomReader.defaults().read(TestFiles.unUndefinedLength());
    DicomElement un = f.dataset().get(0x00191010);
    assertEquals(1, un.items().size());
    assertEquals("ABCD", un.items().get(0).getString(Tag.PatientName, null));
  }
}
