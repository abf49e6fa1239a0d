package org.medai.imaging.io.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.ReadLimits;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;

/** Enhanced multi-frame objects written from known geometry, frames stored out of spatial order. */
class EnhancedMultiFrameTest {

  @TempDir Path dir;

  static final int ROWS = 4, COLS = 3, FRAMES = 6;
  static final Vec3 ROW = Vec3.of(0.8, 0.6, 0);
  static final Vec3 COL = Vec3.of(0, 0, -1);
  static final Vec3 NORMAL = ROW.cross(COL); // (-0.6, 0.8, 0)
  static final Vec3 P0 = Vec3.of(12.5, -40, 88);
  static final double GAP = 3.25;
  /** Frame f holds the slice at spatial position ORDER[f]. */
  static final int[] ORDER = {3, 0, 5, 1, 4, 2};

  /**
   * @param perFrameRescale rescale slope 1 + z/4 in each frame's PixelValueTransformationSequence
   *     (else one shared slope 2, intercept −100)
   */
  static byte[] enhancedMr(boolean perFrameRescale) {
    byte[][] perFrame = new byte[FRAMES][];
    ByteBuffer px = ByteBuffer.allocate(FRAMES * ROWS * COLS * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int f = 0; f < FRAMES; f++) {
      int z = ORDER[f];
      Vec3 ipp = P0.plus(NORMAL.times(z * GAP));
      MiniDicomWriter item = new MiniDicomWriter()
          .sequence(0x00209111, new MiniDicomWriter().ul(0x00209057, z + 1).bytes()) // FrameContent: InStackPositionNumber
          .sequence(0x00209113, new MiniDicomWriter().ds(0x00200032, ipp.x(), ipp.y(), ipp.z()).bytes()); // PlanePosition
      if (perFrameRescale) {
        item.sequence(0x00289145, new MiniDicomWriter().ds(0x00281052, -z).ds(0x00281053, 1 + z / 4.0).bytes());
      }
      perFrame[f] = item.bytes();
      for (int r = 0; r < ROWS; r++) {
        for (int c = 0; c < COLS; c++) px.putShort((short) (100 * z + 10 * r + c));
      }
    }
    MiniDicomWriter shared = new MiniDicomWriter()
        .sequence(0x00209116, new MiniDicomWriter().ds(0x00200037, ROW.x(), ROW.y(), ROW.z(), COL.x(), COL.y(), COL.z()).bytes())
        .sequence(0x00289110, new MiniDicomWriter().ds(0x00180050, 3).ds(0x00280030, 0.7, 0.45).bytes());
    if (!perFrameRescale) {
      shared.sequence(0x00289145, new MiniDicomWriter().ds(0x00281052, -100).ds(0x00281053, 2).bytes());
    }
    String sop = "1.2.840.10008.5.1.4.1.1.4.1";
    String inst = "1.2.826.0.1.3680043.2.1125.9.1";
    byte[] ds = new MiniDicomWriter()
        .str(0x00080016, "UI", sop)
        .str(0x00080018, "UI", inst)
        .str(0x00080060, "CS", "MR")
        .str(0x0020000D, "UI", "1.2.826.0.1.3680043.2.1125.9.2")
        .str(0x0020000E, "UI", "1.2.826.0.1.3680043.2.1125.9.3")
        .us(0x00280002, 1)
        .str(0x00280004, "CS", "MONOCHROME2")
        .str(0x00280008, "IS", Integer.toString(FRAMES))
        .us(0x00280010, ROWS)
        .us(0x00280011, COLS)
        .us(0x00280100, 16)
        .us(0x00280101, 16)
        .us(0x00280102, 15)
        .us(0x00280103, 1)
        .sequence(0x52009229, shared.bytes())
        .sequence(0x52009230, perFrame)
        .element(0x7FE00010, "OW", px.array())
        .bytes();
    return MiniDicomWriter.part10(sop, inst, ds);
  }

  @Test
  void readFile_enhancedMrSharedRescale_sortsFramesIntoKnownGeometry() throws Exception {
    Path f = dir.resolve("mf.dcm");
    Files.write(f, enhancedMr(false));
    try (MemoryScope scope = MemoryScope.open()) {
      SeriesVolume sv = DicomVolumes.read(f, AssemblyOptions.defaults(), ReadLimits.defaults(), null, scope);
      Geometry g = sv.volume().geometry();
      assertEquals(COLS, g.extent().i());
      assertEquals(ROWS, g.extent().j());
      assertEquals(FRAMES, g.extent().k());
      assertEquals(0.45, g.spacingMm().x(), 1e-12);
      assertEquals(0.7, g.spacingMm().y(), 1e-12);
      assertEquals(GAP, g.spacingMm().z(), 1e-9);
      assertTrue(g.originLps().maxAbsDifference(P0) < 1e-9);
      assertTrue(g.direction().column(0).maxAbsDifference(ROW) < 1e-12);
      assertTrue(g.direction().column(1).maxAbsDifference(COL) < 1e-12);
      assertTrue(g.direction().column(2).maxAbsDifference(NORMAL) < 1e-12);
      assertEquals(DType.INT16, sv.volume().dtype());
      assertFalse(sv.rescaleApplied());
      assertEquals(2, sv.rescaleSlope());
      assertEquals(-100, sv.rescaleIntercept());
      for (int z = 0; z < FRAMES; z++) assertEquals(100 * z + 10 * 3 + 2, sv.volume().get(2, 3, z), "slice " + z);
    }
  }

  @Test
  void readFile_enhancedMrPerFrameRescale_givesFloat32Rescaled() throws Exception {
    Path f = dir.resolve("mf2.dcm");
    Files.write(f, enhancedMr(true));
    try (MemoryScope scope = MemoryScope.open()) {
      SeriesVolume sv = DicomVolumes.read(f, AssemblyOptions.defaults(), ReadLimits.defaults(), null, scope);
      assertTrue(sv.rescaleApplied());
      assertEquals(DType.FLOAT32, sv.volume().dtype());
      for (int z = 0; z < FRAMES; z++) {
        assertEquals((100 * z + 10 + 1) * (1 + z / 4.0) - z, sv.volume().get(1, 1, z), 1e-4, "slice " + z);
      }
    }
  }

  @Test
  void readFile_truncatedPixelData_refusedWithFrameAndSizes() throws Exception {
    byte[] full = enhancedMr(false);
    // Keep the header but drop the last frame's bytes, fixing the OW length so the parse succeeds.
    byte[] cut = java.util.Arrays.copyOf(full, full.length - ROWS * COLS * 2);
    ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putInt(cut.length - (FRAMES - 1) * ROWS * COLS * 2 - 4,
        (FRAMES - 1) * ROWS * COLS * 2);
    Path f = dir.resolve("cut.dcm");
    Files.write(f, cut);
    try (MemoryScope scope = MemoryScope.open()) {
      SeriesAssemblyException ex = assertThrows(SeriesAssemblyException.class,
          () -> DicomVolumes.read(f, AssemblyOptions.defaults(), ReadLimits.defaults(), null, scope));
      assertTrue(ex.getMessage().contains("truncated"), ex.getMessage());
    }
  }
}
