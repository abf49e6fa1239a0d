package org.medai.imaging.io.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medai.core.ReadLimits;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;

class SeriesAssemblerTest {

  static final int ROWS = 6, COLS = 5;
  static final Vec3 ROW = Vec3.of(Math.cos(0.4), Math.sin(0.4), 0); // i axis
  static final Vec3 COL = Vec3.of(-Math.sin(0.4) * Math.cos(0.2), Math.cos(0.4) * Math.cos(0.2), Math.sin(0.2)); // j axis
  static final Vec3 NORMAL = ROW.cross(COL);
  static final Vec3 P0 = Vec3.of(-100.5, 20.25, 33);

  /** Slice z at position P0 + z·gap·normal + z·shear, stored value = 1000·z + 10·row + col. */
  static SliceHeader slice(int z, double gapMm, Vec3 shear, double slope, double inter) {
    Vec3 pos = P0.plus(NORMAL.times(z * gapMm)).plus(shear.times(z));
    return new SliceHeader(Path.of("s" + z + ".dcm"), 0, "1.2", "1.2.3", z + 1, ROWS, COLS, 1, DType.INT16,
        0.75, 0.5, ROW, COL, pos, slope, inter);
  }

  static SlicePixels pixels() {
    return s -> {
      int z = s.instanceNumber() - 1;
      ByteBuffer b = ByteBuffer.allocate(ROWS * COLS * 2).order(ByteOrder.LITTLE_ENDIAN);
      for (int r = 0; r < ROWS; r++) {
        for (int c = 0; c < COLS; c++) b.putShort((short) (1000 * z + 10 * r + c));
      }
      return b.array();
    };
  }

  static List<SliceHeader> stack(int n, double gapMm) {
    List<SliceHeader> l = new ArrayList<>();
    for (int z = 0; z < n; z++) l.add(slice(z, gapMm, Vec3.ZERO, 1, -1024));
    Collections.shuffle(l, new Random(n));
    return l;
  }

  @Test
  void assemble_shuffledObliqueSlices_sortsAndBuildsDesignGeometry() {
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      SeriesVolume sv = SeriesAssembler.assemble(stack(9, 2.5), pixels(), AssemblyOptions.defaults(),
          ReadLimits.defaults(), pool, scope);
      Geometry g = sv.volume().geometry();
      assertEquals(COLS, g.extent().i());
      assertEquals(ROWS, g.extent().j());
      assertEquals(9, g.extent().k());
      assertEquals(0.5, g.spacingMm().x(), 1e-12);
      assertEquals(0.75, g.spacingMm().y(), 1e-12);
      assertEquals(2.5, g.spacingMm().z(), 1e-9);
      assertTrue(g.originLps().maxAbsDifference(P0) < 1e-9);
      assertTrue(g.direction().column(0).maxAbsDifference(ROW) < 1e-12);
      assertTrue(g.direction().column(1).maxAbsDifference(COL) < 1e-12);
      assertTrue(g.direction().column(2).maxAbsDifference(NORMAL) < 1e-12);
      assertEquals(DType.INT16, sv.volume().dtype());
      assertFalse(sv.rescaleApplied());
      assertEquals(1, sv.rescaleSlope());
      assertEquals(-1024, sv.rescaleIntercept());
      for (int z = 0; z < 9; z++) assertEquals(1000 * z + 10 * 4 + 3, sv.volume().get(3, 4, z), "slice " + z);
      // voxel (i=col, j=row, k) sits where the slice header puts it
      Vec3 expected = P0.plus(NORMAL.times(4 * 2.5)).plus(ROW.times(3 * 0.5)).plus(COL.times(2 * 0.75));
      assertTrue(g.indexToPhysical(3, 2, 4).maxAbsDifference(expected) < 1e-9);
    }
  }

  @Test
  void assemble_varyingRescale_givesFloat32WithEachSliceRescaled() {
    List<SliceHeader> l = new ArrayList<>();
    for (int z = 0; z < 4; z++) l.add(slice(z, 3, Vec3.ZERO, 1 + z * 0.5, -z));
    try (MemoryScope scope = MemoryScope.open()) {
      SeriesVolume sv = SeriesAssembler.assemble(l, pixels(), AssemblyOptions.defaults(), ReadLimits.defaults(), null, scope);
      assertTrue(sv.rescaleApplied());
      assertEquals(DType.FLOAT32, sv.volume().dtype());
      assertEquals(1, sv.rescaleSlope());
      for (int z = 0; z < 4; z++) {
        assertEquals((1000 * z + 10 * 5 + 4) * (1 + z * 0.5) - z, sv.volume().get(4, 5, z), 1e-3);
      }
    }
  }

  @Test
  void plan_missingSlice_refusedByDefaultAndFilledOnRequest() {
    List<SliceHeader> l = new ArrayList<>(stack(8, 2));
    l.removeIf(s -> s.instanceNumber() == 4 || s.instanceNumber() == 5);
    SeriesAssemblyException ex = assertThrows(SeriesAssemblyException.class,
        () -> SeriesAssembler.plan(l, AssemblyOptions.defaults()));
    assertEquals("MEDAI-SERIES-013", ex.code());
    assertTrue(ex.getMessage().contains("6.000 mm after slice 2 (about 2 missing)"), ex.getMessage());
    AssemblyOptions fill = AssemblyOptions.defaults().withMissingSlices(AssemblyOptions.MissingSlices.FILL_ZERO);
    try (MemoryScope scope = MemoryScope.open()) {
      SeriesVolume sv = SeriesAssembler.assemble(l, pixels(), fill, ReadLimits.defaults(), null, scope);
      assertEquals(8, sv.volume().extent().k());
      assertEquals(2, sv.plan().missingSlices());
      assertEquals(2.0, sv.volume().geometry().spacingMm().z(), 1e-9);
      assertEquals(0, sv.volume().get(1, 1, 3));
      assertEquals(5000 + 11, sv.volume().get(1, 1, 5));
    }
  }

  @Test
  void plan_gantryTilt_refusedByDefaultAndShearReportedWhenIgnored() {
    Vec3 shear = ROW.times(0).plus(COL.times(0.3)); // 0.3 mm per slice along the column direction
    List<SliceHeader> l = new ArrayList<>();
    for (int z = 0; z < 10; z++) l.add(slice(z, 2, shear, 1, 0));
    SeriesAssemblyException ex = assertThrows(SeriesAssemblyException.class,
        () -> SeriesAssembler.plan(l, AssemblyOptions.defaults()));
    assertEquals("MEDAI-SERIES-015", ex.code());
    double expectedTilt = Math.toDegrees(Math.atan2(0.3, 2));
    assertTrue(ex.getMessage().contains(String.format(java.util.Locale.ROOT, "%.2f degrees", expectedTilt)), ex.getMessage());
    SeriesPlan p = SeriesAssembler.plan(l, AssemblyOptions.defaults().withGantryTilt(AssemblyOptions.GantryTilt.IGNORE_SHEAR));
    assertTrue(p.shearPerSliceLps().maxAbsDifference(shear) < 1e-9);
    assertEquals(2.0, p.geometry().spacingMm().z(), 1e-9);
  }

  @Test
  void plan_mixedOrientation_refusedNamingTheAttribute() {
    List<SliceHeader> l = new ArrayList<>(stack(4, 2));
    SliceHeader odd = l.get(0);
    l.add(new SliceHeader(odd.source(), 0, "1.2", "1.2.3", 99, ROWS, COLS, 1, DType.INT16, 0.75, 0.5,
        Vec3.of(1, 0, 0), Vec3.of(0, 1, 0), P0, 1, 0));
    SeriesAssemblyException ex = assertThrows(SeriesAssemblyException.class,
        () -> SeriesAssembler.plan(l, AssemblyOptions.defaults()));
    assertEquals("MEDAI-SERIES-011", ex.code());
    assertTrue(ex.getMessage().contains("ImageOrientationPatient"), ex.getMessage());
    assertEquals(2, SeriesAssembler.partition(l, AssemblyOptions.defaults()).size());
  }

  @Test
  void plan_duplicatePositions_refusedAsSeveralVolumes() {
    List<SliceHeader> l = new ArrayList<>(stack(4, 2));
    l.addAll(stack(4, 2));
    SeriesAssemblyException ex = assertThrows(SeriesAssemblyException.class,
        () -> SeriesAssembler.plan(l, AssemblyOptions.defaults()));
    assertEquals("MEDAI-SERIES-012", ex.code());
  }

  @Test
  void plan_irregularSpacingWithinTolerance_usesEndpointsAndReportsDeviation() {
    double[] jitter = {0, 0.07, -0.04, 0.06, 0};
    List<SliceHeader> l = new ArrayList<>();
    for (int z = 0; z < 5; z++) {
      Vec3 pos = P0.plus(NORMAL.times(z * 7 + jitter[z]));
      l.add(new SliceHeader(Path.of("j" + z), 0, "", "", z + 1, ROWS, COLS, 1, DType.INT16, 0.75, 0.5, ROW, COL, pos, 1, 0));
    }
    SeriesPlan p = SeriesAssembler.plan(l, AssemblyOptions.defaults());
    assertEquals(7.0, p.geometry().spacingMm().z(), 1e-9);
    assertEquals(0.07, p.maxPositionDeviationMm(), 1e-9);
    SeriesAssemblyException ex = assertThrows(SeriesAssemblyException.class,
        () -> SeriesAssembler.plan(l, AssemblyOptions.defaults().withSpacingTolerance(0.005)));
    assertEquals("MEDAI-SERIES-014", ex.code());
  }
}
