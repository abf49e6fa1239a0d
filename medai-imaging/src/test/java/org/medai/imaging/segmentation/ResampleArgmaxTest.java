package org.medai.imaging.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;

class ResampleArgmaxTest {

  @Test
  void sameGrid_equalsVoxelwiseArgmax() {
    Geometry g = Geometry.axisAligned(Extent.of(7, 6, 5), Vec3.of(1, 2, 3), Vec3.of(4, 5, 6));
    try (MemoryScope s = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      Volume p = Volume.allocate(DType.FLOAT32, g, 3, s);
      java.util.Random r = new java.util.Random(1);
      float[] expected = new float[7 * 6 * 5];
      int x = 0;
      for (long k = 0; k < 5; k++) for (long j = 0; j < 6; j++) for (long i = 0; i < 7; i++) {
        int best = 0;
        float bv = -1;
        for (int c = 0; c < 3; c++) {
          float v = r.nextFloat();
          p.set(v, c, i, j, k);
          if (v > bv) { bv = v; best = c; }
        }
        expected[x++] = best;
      }
      assertArrayEquals(expected, ResampleArgmax.toLabels(p, g, pool, s).data().toFloatArray());
    }
  }

  @Test
  void sphereScoresOnCoarseObliqueGrid_toFineGrid_matchSphereWithinAVoxel() {
    // Scores: channel 1 = signed distance inside a sphere of radius 12 mm, channel 0 = its negative.
    double angle = Math.toRadians(25);
    Mat3 dir = Mat3.ofColumns(Vec3.of(Math.cos(angle), Math.sin(angle), 0), Vec3.of(-Math.sin(angle), Math.cos(angle), 0), Vec3.of(0, 0, 1));
    // Centred on the origin: the grid's centre index (9.5, 9.5, 5.5) maps to LPS (0, 0, 0).
    Geometry coarse = new Geometry(Extent.of(20, 20, 12), Vec3.of(2, 2, 3), dir.times(Vec3.of(-19, -19, -16.5)), dir);
    Geometry fine = Geometry.axisAligned(Extent.of(40, 40, 33), Vec3.of(1, 1, 1), Vec3.of(-19.5, -19.5, -16));
    try (MemoryScope s = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      Volume p = Volume.allocate(DType.FLOAT32, coarse, 2, s);
      for (long k = 0; k < 12; k++) for (long j = 0; j < 20; j++) for (long i = 0; i < 20; i++) {
        double d = 12 - coarse.indexToPhysical(i, j, k).norm();
        p.set(-d, 0, i, j, k);
        p.set(d, 1, i, j, k);
      }
      Volume l = ResampleArgmax.toLabels(p, fine, pool, s);
      assertEquals(fine, l.geometry());
      int wrong = 0, inside = 0;
      for (long k = 0; k < 33; k++) for (long j = 0; j < 40; j++) for (long i = 0; i < 40; i++) {
        double r = fine.indexToPhysical(i, j, k).norm();
        int label = (int) l.get(i, j, k);
        if (label == 1) inside++;
        if (Math.abs(r - 12) > 1.5 && label != (r < 12 ? 1 : 0)) wrong++;
      }
      assertEquals(0, wrong);
      double expected = 4.0 / 3 * Math.PI * 12 * 12 * 12;
      assertTrue(Math.abs(inside - expected) / expected < 0.05, "inside " + inside + " vs " + expected);
    }
  }
}
