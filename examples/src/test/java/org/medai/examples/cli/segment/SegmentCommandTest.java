package org.medai.examples.cli.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.ReadLimits;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;
import org.medai.examples.cli.MedaiCli;
import org.medai.imaging.io.nifti.NiftiReader;
import org.medai.imaging.io.nifti.NiftiWriter;

class SegmentCommandTest {
  @TempDir Path dir;

  private static String[] run(String... args) {
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

  private Path model() throws Exception {
    Path m = dir.resolve("tiny3d.onnx");
    try (InputStream in = SegmentCommandTest.class.getResourceAsStream("/org/medai/examples/models/tiny3d.onnx")) {
      Files.copy(in, m);
    }
    return m;
  }

  @Test
  void segment_niftiWithSpacing_writesLabelsOnInputGridAndPrintsPlan() throws Exception {
    Geometry g = Geometry.axisAligned(Extent.of(40, 36, 20), Vec3.of(0.8, 0.8, 2.0), Vec3.of(-16, -14, -20));
    Path in = dir.resolve("in.nii.gz");
    try (MemoryScope s = MemoryScope.open()) {
      Volume v = Volume.allocate(DType.FLOAT32, g, 1, s);
      for (long k = 0; k < 20; k++) for (long j = 0; j < 36; j++) for (long i = 0; i < 40; i++) {
        v.set(g.indexToPhysical(i, j, k).norm() < 10 ? 1 : -1, i, j, k);
      }
      NiftiWriter.write(v, in);
    }
    Path out = dir.resolve("out/seg.nii.gz");
    String[] r = run("segment", in.toString(), "--model", model().toString(), "--roi", "16,16,8",
        "--spacing", "1.2,1.2,2.5", "--budget", "64m", "--out", out.toString());
    assertEquals("0", r[0], r[1]);
    assertTrue(r[1].contains("\"plan\":{") && r[1].contains("\"measuredPeakBytes\""), r[1]);
    try (MemoryScope s = MemoryScope.open()) {
      Volume labels = NiftiReader.read(out, ReadLimits.defaults(), s).volume();
      assertTrue(labels.geometry().isSameGrid(g, 1e-4), labels.geometry() + " vs " + g);
    }
  }

  @Test
  void segment_badRoi_exitsWithUsageOrBadInput() throws Exception {
    String[] r = run("segment", dir.toString(), "--model", model().toString(), "--roi", "16,16", "--out", dir.resolve("x.nii").toString());
    assertEquals("3", r[0]);
  }

  @Test
  void segment_segDicomWithNiftiInput_isRefused() throws Exception {
    Path in = dir.resolve("in.nii");
    try (MemoryScope s = MemoryScope.open()) {
      NiftiWriter.write(Volume.zeros(DType.FLOAT32, Geometry.isotropic(Extent.of(8, 8, 8), 1), 1, s), in);
    }
    String[] r = run("segment", in.toString(), "--model", model().toString(), "--out", dir.resolve("o.nii").toString(),
        "--seg-dicom", dir.resolve("seg").toString());
    assertEquals("3", r[0]);
  }
}
