package org.medai.imaging.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;

class SegmentationMetricsTest {

  @Test
  void distanceTransform_randomAnisotropic_equalsBruteForce() {
    Random r = new Random(9);
    Extent e = Extent.of(9, 7, 6);
    Vec3 sp = Vec3.of(0.7, 1.3, 2.1);
    for (int trial = 0; trial < 20; trial++) {
      boolean[] src = new boolean[9 * 7 * 6];
      for (int x = 0; x < src.length; x++) src[x] = r.nextDouble() < 0.04;
      double[] d = DistanceTransform.squaredDistanceMm2(src, e, sp);
      for (int x = 0; x < src.length; x++) {
        int i = x % 9, j = (x / 9) % 7, k = x / 63;
        double best = Double.POSITIVE_INFINITY;
        for (int y = 0; y < src.length; y++) {
          if (!src[y]) continue;
          double di = (y % 9 - i) * sp.x(), dj = ((y / 9) % 7 - j) * sp.y(), dk = (y / 63 - k) * sp.z();
          best = Math.min(best, di * di + dj * dj + dk * dk);
        }
        assertEquals(best, d[x], 1e-9);
      }
    }
  }

  private static Volume sphere(MemoryScope s, Geometry g, Vec3 centreMm, double radiusMm) {
    Volume v = Volume.zeros(DType.UINT8, g, 1, s);
    Extent e = g.extent();
    for (long k = 0; k < e.k(); k++) for (long j = 0; j < e.j(); j++) for (long i = 0; i < e.i(); i++) {
      if (g.indexToPhysical(i, j, k).minus(centreMm).norm() <= radiusMm) v.set(1, i, j, k);
    }
    return v;
  }

  /** Volume of the lens-shaped intersection of two spheres (radii R, r, centre distance d). */
  private static double intersection(double bigR, double r, double d) {
    if (d >= bigR + r) return 0;
    if (d <= Math.abs(bigR - r)) return 4.0 / 3 * Math.PI * Math.pow(Math.min(bigR, r), 3);
    return Math.PI * Math.pow(bigR + r - d, 2) * (d * d + 2 * d * r - 3 * r * r + 2 * d * bigR + 6 * r * bigR - 3 * bigR * bigR) / (12 * d);
  }

  @Test
  void twoSpheres_anisotropic_diceAndHausdorffMatchClosedForms() {
    Geometry g = new Geometry(Extent.of(80, 70, 50), Vec3.of(0.8, 1.0, 1.5), Vec3.of(-32, -35, -37.5),
        org.medai.core.geometry.Mat3.IDENTITY);
    double bigR = 20, r = 15, d = 8;
    try (MemoryScope s = MemoryScope.open()) {
      Volume a = sphere(s, g, Vec3.of(0, 0, 0), bigR);
      Volume b = sphere(s, g, Vec3.of(d, 0, 0), r);
      double va = 4.0 / 3 * Math.PI * Math.pow(bigR, 3), vb = 4.0 / 3 * Math.PI * Math.pow(r, 3);
      double expectedDice = 2 * intersection(bigR, r, d) / (va + vb);
      double dice = SegmentationMetrics.dice(a, b, 1);
      assertEquals(expectedDice, dice, 0.02, "dice");
      double expectedIou = intersection(bigR, r, d) / (va + vb - intersection(bigR, r, d));
      assertEquals(expectedIou, SegmentationMetrics.iou(a, b, 1), 0.02, "iou");
      // Directed surface distance from a point p on A's surface to B's surface is | |p − cB| − r |;
      // |p − cB| spans [R − d, R + d], so HD = max(|R + d − r|, |R − d − r|) and likewise from B.
      double hd = Math.max(Math.max(Math.abs(bigR + d - r), Math.abs(bigR - d - r)),
          Math.max(Math.abs(r + d - bigR), Math.abs(r - d - bigR)));
      var sd = SegmentationMetrics.surfaceDistances(a, b, 1);
      double voxelDiag = Math.sqrt(0.8 * 0.8 + 1 + 1.5 * 1.5);
      assertEquals(hd, sd.hausdorff(), voxelDiag, "hausdorff");
      assertTrue(sd.hausdorff95() <= sd.hausdorff());
    }
  }

  @Test
  void concentricSpheres_everySurfaceDistanceIsRadiusGap() {
    Geometry g = Geometry.axisAligned(Extent.of(64, 64, 64), Vec3.of(1, 1, 1), Vec3.of(-31.5, -31.5, -31.5));
    try (MemoryScope s = MemoryScope.open()) {
      Volume a = sphere(s, g, Vec3.ZERO, 24);
      Volume b = sphere(s, g, Vec3.ZERO, 18);
      var sd = SegmentationMetrics.surfaceDistances(a, b, 1);
      assertEquals(6, sd.hausdorff95(), 1.0);
      assertEquals(6, sd.averageSymmetric(), 1.0);
      assertEquals(0, sd.surfaceDice(4.0), 0.05);
      assertEquals(1, sd.surfaceDice(7.8), 1e-12);
      assertEquals(1.0, SegmentationMetrics.dice(a, a, 1), 0);
      assertEquals(0, SegmentationMetrics.surfaceDistances(a, a, 1).hausdorff(), 0);
    }
  }

  @Test
  void emptyMasks_followDocumentedConventions() {
    Geometry g = Geometry.isotropic(Extent.of(5, 5, 5), 1);
    try (MemoryScope s = MemoryScope.open()) {
      Volume empty = Volume.zeros(DType.UINT8, g, 1, s);
      Volume one = Volume.zeros(DType.UINT8, g, 1, s);
      one.set(1, 2, 2, 2);
      assertEquals(1.0, SegmentationMetrics.dice(empty, empty, 1));
      assertEquals(0.0, SegmentationMetrics.dice(empty, one, 1));
      assertEquals(Double.POSITIVE_INFINITY, SegmentationMetrics.surfaceDistances(empty, one, 1).hausdorff95());
      assertEquals(0.0, SegmentationMetrics.surfaceDistances(empty, empty, 1).hausdorff95());
    }
  }
}
