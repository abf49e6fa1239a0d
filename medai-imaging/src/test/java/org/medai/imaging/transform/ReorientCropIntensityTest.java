package org.medai.imaging.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;

class ReorientCropIntensityTest {
  static WorkPool pool;

  @BeforeAll
  static void start() {
    pool = WorkPool.of(2);
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  static List<String> allCodes() {
    String[][] letters = {{"L", "R"}, {"P", "A"}, {"S", "I"}};
    int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    List<String> codes = new ArrayList<>();
    for (int[] p : perms) {
      for (int s = 0; s < 8; s++) {
        codes.add(letters[p[0]][s & 1] + letters[p[1]][(s >> 1) & 1] + letters[p[2]][(s >> 2) & 1]);
      }
    }
    return codes;
  }

  @Test
  void reorient_all48CodesAndBack_identicalVoxelsAndGeometry() {
    List<String> codes = allCodes();
    assertEquals(48, codes.stream().distinct().count());
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = new Geometry(Extent.of(7, 5, 4), Vec3.of(0.8, 1.1, 3), Vec3.of(-10, 20.5, 33),
          TestVolumes.smallRotation(new Random(3), 0.2));
      Volume v = TestVolumes.random(g, DType.INT16, 5, scope);
      String original = g.orientationCode();
      for (String code : codes) {
        Volume r = Reorient.to(v, code, pool, scope);
        assertEquals(code, r.geometry().orientationCode());
        // every voxel keeps its physical position and value
        Geometry rg = r.geometry();
        for (long k = 0; k < rg.extent().k(); k++) {
          for (long j = 0; j < rg.extent().j(); j++) {
            for (long i = 0; i < rg.extent().i(); i++) {
              Vec3 src = g.physicalToIndex(rg.indexToPhysical(i, j, k));
              long si = Math.round(src.x()), sj = Math.round(src.y()), sk = Math.round(src.z());
              assertTrue(src.maxAbsDifference(Vec3.of(si, sj, sk)) < 1e-9);
              assertEquals(v.get(si, sj, sk), r.get(i, j, k), 0.0);
            }
          }
        }
        Volume back = Reorient.to(r, original, pool, scope);
        assertArrayEquals(TestVolumes.bytes(v), TestVolumes.bytes(back), code);
        Geometry bg = back.geometry();
        assertEquals(g.extent(), bg.extent());
        assertEquals(g.spacingMm(), bg.spacingMm());
        assertEquals(g.direction(), bg.direction());
        assertTrue(g.originLps().maxAbsDifference(bg.originLps()) <= 1e-9, code);
      }
    }
  }

  @Test
  void reorient_multiChannelLpsToRas_flipsIAndJ() {
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = Geometry.axisAligned(Extent.of(3, 2, 2), Vec3.of(1, 2, 3), Vec3.of(0, 0, 0));
      float[] vals = new float[24];
      for (int e = 0; e < 24; e++) vals[e] = e;
      Volume v = Volume.of(Tensor.ofFloats(scope, vals, 2, 2, 2, 3), g);
      Volume r = Reorient.to(v, "RAS", pool, scope);
      assertEquals(Vec3.of(2, 2, 0), r.geometry().originLps());
      for (int c = 0; c < 2; c++) {
        assertEquals(v.get(c, 2, 1, 0), r.get(c, 0, 0, 0), 0.0);
        assertEquals(v.get(c, 0, 0, 1), r.get(c, 2, 1, 1), 0.0);
      }
    }
  }

  @Test
  void cropThenPad_restoresInteriorAndFillsBorder() {
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = new Geometry(Extent.of(12, 10, 8), Vec3.of(0.5, 0.7, 2), Vec3.of(5, 6, 7),
          TestVolumes.randomRotation(new Random(9), true));
      Volume v = TestVolumes.random(g, DType.UINT16, 10, scope);
      IndexBox box = IndexBox.of(2, 1, 3, 7, 6, 4);
      Volume c = CropPad.crop(v, box, pool, scope);
      assertEquals(DType.UINT16, c.dtype());
      assertTrue(c.geometry().originLps().maxAbsDifference(g.indexToPhysical(2, 1, 3)) < 1e-12);
      Volume p = CropPad.pad(c, new long[] {2, 1, 3}, new long[] {3, 3, 1}, Boundary.CONSTANT, 9, pool, scope);
      assertEquals(g.extent(), p.extent());
      assertTrue(p.geometry().isSameGrid(g, 1e-9));
      for (long k = 0; k < 8; k++) {
        for (long j = 0; j < 10; j++) {
          for (long i = 0; i < 12; i++) {
            boolean in = i >= 2 && i < 9 && j >= 1 && j < 7 && k >= 3 && k < 7;
            assertEquals(in ? v.get(i, j, k) : 9, p.get(i, j, k), 0.0);
          }
        }
      }
      assertThrows(TransformException.class, () -> CropPad.crop(v, IndexBox.of(-1, 0, 0, 3, 3, 3), pool, scope));
    }
  }

  @Test
  void padMirrorAndEdge_followWholeSampleMirrorAndClamp() {
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = Geometry.isotropic(Extent.of(4, 1, 1), 1);
      Volume v = Volume.of(Tensor.ofFloats(scope, new float[] {1, 2, 3, 4}, 1, 1, 4), g);
      Volume m = CropPad.pad(v, new long[] {3, 0, 0}, new long[] {3, 0, 0}, Boundary.MIRROR, 0, pool, scope);
      assertArrayEquals(new float[] {4, 3, 2, 1, 2, 3, 4, 3, 2, 1}, m.data().toFloatArray());
      Volume e = CropPad.pad(v, new long[] {2, 0, 0}, new long[] {1, 0, 0}, Boundary.EDGE, 0, pool, scope);
      assertArrayEquals(new float[] {1, 1, 1, 2, 3, 4, 4}, e.data().toFloatArray());
    }
  }

  @Test
  void cropToForeground_blob_returnsTightBoxWithMargin() {
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = Geometry.isotropic(Extent.of(20, 16, 12), 1);
      Volume v = Volume.zeros(DType.INT16, g, 1, scope);
      v.set(100, 5, 4, 3);
      v.set(100, 9, 11, 7);
      IndexBox b = CropPad.foregroundBox(v, 50, 1, pool);
      assertEquals(IndexBox.of(4, 3, 2, 7, 10, 7), b);
      Volume c = CropPad.cropToForeground(v, 50, 0, pool, scope);
      assertEquals(Extent.of(5, 8, 5), c.extent());
      assertEquals(100, c.get(0, 0, 0), 0.0);
      assertEquals(100, c.get(4, 7, 4), 0.0);
    }
  }

  @Test
  void physicalBox_axisAligned_selectsVoxelCentresInside() {
    Geometry g = Geometry.axisAligned(Extent.of(10, 10, 10), Vec3.of(2, 2, 2), Vec3.of(0, 0, 0));
    assertEquals(IndexBox.of(1, 2, 0, 3, 1, 10), CropPad.physicalBox(g, Vec3.of(1, 4, -100), Vec3.of(7.5, 5, 100)));
  }

  @Test
  void windowClipScale_matchClosedForms() {
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = Geometry.isotropic(Extent.of(5, 1, 1), 1);
      Volume v = Volume.of(Tensor.ofShorts(scope, new short[] {-1000, -160, 40, 240, 3000}, 1, 1, 5), g);
      assertArrayEquals(new float[] {0, 0, 0.5f, 1, 1}, Intensity.window(v, 40, 400, pool, scope).data().toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {-100, -100, 40, 100, 100}, Intensity.clip(v, -100, 100, pool, scope).data().toFloatArray());
      assertArrayEquals(new float[] {-1999, -319, 81, 481, 6001}, Intensity.scale(v, 2, 1, pool, scope).data().toFloatArray());
    }
  }

  @Test
  void zScore_withMask_usesMaskedMomentsAndMapsAllVoxels() {
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = Geometry.isotropic(Extent.of(6, 1, 1), 1);
      Volume v = Volume.of(Tensor.ofFloats(scope, new float[] {1, 2, 3, 4, 100, -50}, 1, 1, 6), g);
      Volume mask = Volume.of(Tensor.ofShorts(scope, new short[] {1, 1, 1, 1, 0, 0}, 1, 1, 6), g);
      float[] z = Intensity.zScore(v, mask, pool, scope).data().toFloatArray();
      double sd = Math.sqrt(1.25);
      assertEquals((1 - 2.5) / sd, z[0], 1e-6);
      assertEquals((100 - 2.5) / sd, z[4], 1e-4);
      Intensity.Stats s = Intensity.stats(v, 0, null, pool);
      assertEquals(6, s.count());
      assertEquals(60 / 6.0, s.mean(), 1e-12);
    }
  }

  @Test
  void percentiles_randomValues_equalSortedLinearInterpolation() {
    try (MemoryScope scope = MemoryScope.open()) {
      Random rnd = new Random(77);
      Geometry g = Geometry.isotropic(Extent.of(33, 17, 9), 1);
      Volume v = TestVolumes.random(g, DType.FLOAT32, 78, scope);
      // some ties and negative zero
      v.set(-0.0, 0, 0, 0);
      v.set(0.0, 1, 0, 0);
      v.set(v.get(5, 5, 5), 6, 5, 5);
      float[] all = v.data().toFloatArray();
      float[] sorted = all.clone();
      Arrays.sort(sorted);
      double[] pcts = {0, 0.5, 25, 50, 99.5, 100, rnd.nextDouble() * 100};
      double[] got = Intensity.percentiles(v, 0, null, pool, pcts);
      for (int p = 0; p < pcts.length; p++) {
        double r = pcts[p] / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(r);
        int hi = Math.min(sorted.length - 1, lo + 1);
        double expect = sorted[lo] + (r - lo) * ((double) sorted[hi] - sorted[lo]);
        assertEquals(expect, got[p], 1e-9 * Math.max(1, Math.abs(expect)), "p" + pcts[p]);
      }
      Volume n = Intensity.percentileNormalize(v, null, 0, 100, 0, 1, true, pool, scope);
      float[] nv = n.data().toFloatArray();
      float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
      for (float x : nv) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      assertEquals(0, min, 1e-6);
      assertEquals(1, max, 1e-6);
    }
  }
}
