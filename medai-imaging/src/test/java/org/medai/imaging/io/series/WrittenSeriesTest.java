package org.medai.imaging.io.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.ReadLimits;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;
import org.medai.imaging.io.dicom.DicomDataset;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomWriter;
import org.medai.imaging.io.dicom.Tag;
import org.medai.imaging.io.dicom.TransferSyntax;
import org.medai.imaging.io.dicom.VR;
import org.medai.imaging.io.nifti.NiftiReader;
import org.medai.imaging.io.nifti.NiftiWriter;
import org.medai.imaging.io.nifti.NiftiRoundTripTestAccess;

/**
 * Series and enhanced multi-frame objects written with the project's Part 10 writer from known,
 * random oblique geometry, then assembled and taken through NIfTI and back.
 */
class WrittenSeriesTest {

  @TempDir Path dir;

  static final int ROWS = 12, COLS = 10;

  static DicomDataset.Builder image(DicomDataset.Builder b, int frames) {
    return b.putStrings(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2")
        .putStrings(Tag.Modality, VR.CS, "CT")
        .putStrings(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.7.1")
        .putStrings(Tag.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.7.2")
        .putInts(Tag.SamplesPerPixel, VR.US, 1)
        .putStrings(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2")
        .putInts(Tag.NumberOfFrames, VR.IS, frames)
        .putInts(Tag.Rows, VR.US, ROWS)
        .putInts(Tag.Columns, VR.US, COLS)
        .putInts(Tag.BitsAllocated, VR.US, 16)
        .putInts(Tag.BitsStored, VR.US, 12)
        .putInts(Tag.HighBit, VR.US, 11)
        .putInts(Tag.PixelRepresentation, VR.US, 1);
  }

  static byte[] pixels(int z, int frames) {
    byte[] b = new byte[ROWS * COLS * 2 * frames];
    for (int f = 0; f < frames; f++) {
      for (int p = 0; p < ROWS * COLS; p++) {
        int v = (z + f) * 100 - 1000 + p; // 12-bit signed range
        int o = 2 * (f * ROWS * COLS + p);
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >> 8);
      }
    }
    return b;
  }

  @Test
  void singleFrameSeries_randomObliqueWrittenByDicomWriter_assemblesAndSurvivesNifti() {
    Random rnd = new Random(99);
    Mat3 dir3 = NiftiRoundTripTestAccess.randomRotation(rnd);
    Vec3 row = dir3.column(0), col = dir3.column(1), normal = row.cross(col);
    Vec3 p0 = Vec3.of(-120.5, 33.25, 410.125);
    double gap = 1.25;
    int n = 15;
    for (int z = n - 1; z >= 0; z--) {
      Vec3 ipp = p0.plus(normal.times(z * gap));
      DicomDataset ds = image(DicomDataset.builder(), 1)
          .putStrings(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.7.3." + z)
          .putInts(Tag.InstanceNumber, VR.IS, n - z) // reversed against space: sorting must use positions
          .putDoubles(Tag.ImagePositionPatient, VR.DS, ipp.x(), ipp.y(), ipp.z())
          .putDoubles(Tag.ImageOrientationPatient, VR.DS, row.x(), row.y(), row.z(), col.x(), col.y(), col.z())
          .putDoubles(Tag.PixelSpacing, VR.DS, 0.6, 0.55)
          .putDoubles(Tag.SliceThickness, VR.DS, 5)
          .putDoubles(Tag.RescaleSlope, VR.DS, 1)
          .putDoubles(Tag.RescaleIntercept, VR.DS, -1024)
          .putBytes(Tag.PixelData, VR.OW, pixels(z, 1))
          .build();
      TransferSyntax ts = z % 2 == 0 ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
      DicomWriter.write(DicomFile.of(ds, ts), dir.resolve("img" + z + ".dcm"), ts);
    }
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      SeriesVolume sv = DicomVolumes.read(dir, AssemblyOptions.defaults(), ReadLimits.defaults(), pool, scope);
      Geometry g = sv.volume().geometry();
      assertEquals(n, g.extent().k());
      assertEquals(0.55, g.spacingMm().x(), 1e-12);
      assertEquals(0.6, g.spacingMm().y(), 1e-12);
      assertEquals(gap, g.spacingMm().z(), 1e-9);
      assertTrue(g.originLps().maxAbsDifference(p0) < 1e-9);
      assertTrue(g.direction().maxAbsDifference(Mat3.ofColumns(row, col, normal)) < 1e-9);
      assertEquals(DType.INT16, sv.volume().dtype());
      assertEquals(-1024, sv.rescaleIntercept());
      assertEquals(7 * 100 - 1000 + 5 * COLS + 3, sv.volume().get(3, 5, 7));
      Path nii = dir.resolve("ct.nii");
      NiftiWriter.write(sv.volume(), nii, NiftiWriter.Options.defaults().withScaling(sv.rescaleSlope(), sv.rescaleIntercept()));
      Volume back = NiftiReader.read(nii, ReadLimits.defaults(), scope).volume();
      double worst = 0;
      for (int c = 0; c < 8; c++) {
        double i = (c & 1) * (COLS - 1), j = ((c >> 1) & 1) * (ROWS - 1), k = ((c >> 2) & 1) * (n - 1);
        worst = Math.max(worst, g.indexToPhysical(i, j, k).minus(back.geometry().indexToPhysical(i, j, k)).norm());
      }
      assertTrue(worst < 1e-4, "DICOM -> NIfTI -> Volume corner error " + worst + " mm");
      assertEquals(7 * 100 - 1000 + 5 * COLS + 3 - 1024, back.get(3, 5, 7), "HU after scl_slope/scl_inter");
    }
  }

  @Test
  void enhancedMultiFrameWrittenByDicomWriter_perFrameGroupsAssembleToKnownGeometry() {
    Random rnd = new Random(5);
    Mat3 dir3 = NiftiRoundTripTestAccess.randomRotation(rnd);
    Vec3 row = dir3.column(0), col = dir3.column(1), normal = row.cross(col);
    Vec3 p0 = Vec3.of(10, -20, 30);
    int frames = 7;
    int[] order = {4, 1, 6, 0, 3, 5, 2};
    DicomDataset.Builder b = image(DicomDataset.builder(), frames)
        .putStrings(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.7.9");
    List<DicomDataset> perFrame = new ArrayList<>();
    byte[] px = new byte[ROWS * COLS * 2 * frames];
    for (int f = 0; f < frames; f++) {
      int z = order[f];
      Vec3 ipp = p0.plus(normal.times(z * 2.0));
      DicomDataset pos = b.itemBuilder().putDoubles(Tag.ImagePositionPatient, VR.DS, ipp.x(), ipp.y(), ipp.z()).build();
      DicomDataset vt = b.itemBuilder().putDoubles(Tag.RescaleIntercept, VR.DS, -z).putDoubles(Tag.RescaleSlope, VR.DS, 0.5 + z).build();
      perFrame.add(b.itemBuilder()
          .putSequence(0x00209113, List.of(pos))
          .putSequence(0x00289145, List.of(vt)).build());
      System.arraycopy(pixels(z, 1), 0, px, f * ROWS * COLS * 2, ROWS * COLS * 2);
    }
    DicomDataset orient = b.itemBuilder()
        .putDoubles(Tag.ImageOrientationPatient, VR.DS, row.x(), row.y(), row.z(), col.x(), col.y(), col.z()).build();
    DicomDataset measures = b.itemBuilder().putDoubles(Tag.PixelSpacing, VR.DS, 0.8, 0.4).build();
    DicomDataset shared = b.itemBuilder().putSequence(0x00209116, List.of(orient)).putSequence(0x00289110, List.of(measures)).build();
    DicomDataset ds = b.putSequence(Tag.SharedFunctionalGroupsSequence, List.of(shared))
        .putSequence(Tag.PerFrameFunctionalGroupsSequence, perFrame)
        .putBytes(Tag.PixelData, VR.OW, px)
        .build();
    Path f = dir.resolve("enhanced.dcm");
    DicomWriter.write(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), f, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    assertTrue(Files.exists(f));
    try (MemoryScope scope = MemoryScope.open()) {
      SeriesVolume sv = DicomVolumes.read(f, AssemblyOptions.defaults(), ReadLimits.defaults(), null, scope);
      Geometry g = sv.volume().geometry();
      assertEquals(frames, g.extent().k());
      assertEquals(0.4, g.spacingMm().x(), 1e-12);
      assertEquals(0.8, g.spacingMm().y(), 1e-12);
      assertEquals(2.0, g.spacingMm().z(), 1e-9);
      assertTrue(g.originLps().maxAbsDifference(p0) < 1e-9);
      assertTrue(g.direction().maxAbsDifference(Mat3.ofColumns(row, col, normal)) < 1e-9);
      assertTrue(sv.rescaleApplied());
      for (int z = 0; z < frames; z++) {
        assertEquals((z * 100 - 1000 + 2 * COLS + 1) * (0.5 + z) - z, sv.volume().get(1, 2, z), 1e-3, "slice " + z);
      }
    }
  }
}
