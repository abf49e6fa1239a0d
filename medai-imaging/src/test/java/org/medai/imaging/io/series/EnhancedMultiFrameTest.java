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
  void pydicom_readsTheTestObject_sameFramesPositionsAndPixels() throws Exception {
    Path py = Path.of("/usr/bin/python3");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(py), "/usr/bin/python3 absent; pydicom cross-check skipped");
    Path f = dir.resolve("mfp.dcm");
    Files.write(f, enhancedMr(false));
    Process p = new ProcessBuilder(py.toString(), "-c", "import pydicom, sys\n"
        + "d = pydicom.dcmread(sys.argv[1])\n"
        + "a = d.pixel_array\n"
        + "pos = d.PerFrameFunctionalGroupsSequence[0].PlanePositionSequence[0].ImagePositionPatient\n"
        + "print(int(d.NumberOfFrames), a.shape, ' '.join(str(float(x)) for x in pos), int(a[0, 3, 2]))", f.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    p.waitFor();
    org.junit.jupiter.api.Assumptions.assumeTrue(!out.contains("ModuleNotFoundError"), "pydicom absent; cross-check skipped");
    Vec3 ipp0 = P0.plus(NORMAL.times(ORDER[0] * GAP));
    String expected = "%d (%d, %d, %d) %s %s %s %d".formatted(FRAMES, FRAMES, ROWS, COLS,
        Double.toString(ipp0.x()), Double.toString(ipp0.y()), Double.toString(ipp0.z()), 100 * ORDER[0] + 32);
    assertEquals(expected, out);
  }

  @Test
  void readFile_hostileNumberOfFrames_refusedByLimitsBeforeBuildingFrames() throws Exception {
    byte[] ok = enhancedMr(false);
    // Overwrite the IS value "6" of NumberOfFrames with "9999999" by rewriting the dataset.
    String marker = "IS\u0002\u00006 ";
    String text = new String(ok, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf(marker);
    assertTrue(at > 0, "NumberOfFrames element not found");
    byte[] hostile = new byte[ok.length + 6];
    System.arraycopy(ok, 0, hostile, 0, at);
    byte[] el = "IS\u0008\u00009999999 ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    System.arraycopy(el, 0, hostile, at, el.length);
    System.arraycopy(ok, at + marker.length(), hostile, at + el.length, ok.length - at - marker.length());
    Path f = dir.resolve("hostile.dcm");
    Files.write(f, hostile);
    try (MemoryScope scope = MemoryScope.open()) {
      assertThrows(org.medai.core.LimitExceededException.class,
          () -> DicomVolumes.read(f, AssemblyOptions.defaults(), ReadLimits.strict(), null, scope));
      assertEquals(0, scope.peakBytes());
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
      org.medai.core.MedaiException ex = assertThrows(org.medai.core.MedaiException.class,
          () -> DicomVolumes.read(f, AssemblyOptions.defaults(), ReadLimits.defaults(), null, scope));
      assertTrue(ex.getMessage().contains("truncated"), ex.getMessage());
    }
  }
}
