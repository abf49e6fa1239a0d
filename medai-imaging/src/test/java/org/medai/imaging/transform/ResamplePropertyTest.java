package org.medai.imaging.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.medai.core.tensor.Volume;

class ResamplePropertyTest {
  static WorkPool pool;

  @BeforeAll
  static void start() {
    pool = WorkPool.of(2);
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  /**
   * A Gaussian blob (amplitude 100, sigma 12 mm) on a linear ramp, resampled A → B → A with
   * trilinear interpolation. Stated tolerance, a rigorous bound: trilinear interpolation of f errs by
   * at most (1/8)·Σ h_a²·max|∂²f/∂x_a²| ≤ (1/8)·Σ h_a²·(amplitude / sigma²) on a grid of spacing h (the
   * ramp is reproduced exactly), and the second pass, a convex combination, adds the first pass's
   * error unchanged; so |A→B→A − A| ≤ E_A + E_B (≈ 0.1–0.9 % of the blob's amplitude for the
   * spacings drawn here), plus 1e-3 for float32 arithmetic.
   */
  @Test
  void resampleThereAndBack_randomObliqueAnisotropicGrids_staysWithinInterpolationBound() {
    Random rnd = new Random(20261128);
    double amp = 100, sigma = 12;
    double worst = 0;
    for (int trial = 0; trial < 10; trial++) {
      try (MemoryScope scope = MemoryScope.open()) {
        Geometry a = new Geometry(Extent.of(60, 56, 30),
            Vec3.of(0.5 + rnd.nextDouble(), 0.5 + rnd.nextDouble(), 1 + 2.5 * rnd.nextDouble()),
            Vec3.of(rnd.nextGaussian() * 100, rnd.nextGaussian() * 100, rnd.nextGaussian() * 100),
            TestVolumes.randomRotation(rnd, true));
        Vec3 centre = a.indexToPhysical(29.5, 27.5, 14.5);
        Vec3 ramp = Vec3.of(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
        Vec3 blob = centre.plus(Vec3.of(rnd.nextGaussian() * 3, rnd.nextGaussian() * 3, rnd.nextGaussian() * 3));
        java.util.function.ToDoubleFunction<Vec3> f = p -> {
          Vec3 d = p.minus(blob);
          return 200 + ramp.dot(p.minus(centre)) + amp * Math.exp(-d.dot(d) / (2 * sigma * sigma));
        };
        Volume va = TestVolumes.fill(a, DType.FLOAT32, scope, f);
        Geometry probe = new Geometry(Extent.of(16, 14, 12),
            Vec3.of(0.5 + 0.7 * rnd.nextDouble(), 0.5 + 0.7 * rnd.nextDouble(), 0.5 + 0.7 * rnd.nextDouble()), Vec3.ZERO,
            TestVolumes.randomRotation(rnd, true));
        Geometry b = probe.withOrigin(centre.minus(probe.indexToPhysical(7.5, 6.5, 5.5)));
        for (int c = 0; c < 8; c++) {
          Vec3 idx = a.physicalToIndex(b.indexToPhysical((c & 1) * 15, ((c >> 1) & 1) * 13, ((c >> 2) & 1) * 11));
          for (int ax = 0; ax < 3; ax++) {
            assertTrue(idx.get(ax) >= 0 && idx.get(ax) <= a.extent().get(ax) - 1, "B must lie inside A");
          }
        }
        ResampleOptions o = ResampleOptions.linear().withBoundary(Boundary.EDGE);
        Volume vb = Resample.onto(va, b, o, pool, scope);
        Volume back = Resample.onto(vb, a, o, pool, scope);
        double bound = interpolationBound(a, amp, sigma) + interpolationBound(b, amp, sigma) + 1e-3;
        double maxErr = 0;
        int checked = 0;
        for (long k = 0; k < 30; k++) {
          for (long j = 0; j < 56; j++) {
            for (long i = 0; i < 60; i++) {
              Vec3 ib = b.physicalToIndex(a.indexToPhysical(i, j, k));
              if (ib.x() < 0 || ib.x() > 15 || ib.y() < 0 || ib.y() > 13 || ib.z() < 0 || ib.z() > 11) continue;
              checked++;
              maxErr = Math.max(maxErr, Math.abs(back.get(i, j, k) - va.get(i, j, k)));
            }
          }
        }
        assertTrue(checked > 50, "too few voxels inside B: " + checked);
        assertTrue(maxErr <= bound, "trial %d: max error %.4g exceeds bound %.4g".formatted(trial, maxErr, bound));
        worst = Math.max(worst, maxErr / bound);
      }
    }
    System.out.printf("A->B->A linear: worst error / bound = %.3f%n", worst);
  }

  private static double interpolationBound(Geometry g, double amp, double sigma) {
    Vec3 h = g.spacingMm();
    return (h.dot(h) / 8) * amp / (sigma * sigma);
  }

  @Test
  void resamplePeakMemory_everyInterpolationObliqueAndSeparable_isOutputPlusCoefficientVolume() {
    try (MemoryScope inputs = MemoryScope.open()) {
      Geometry g = new Geometry(Extent.of(64, 60, 40), Vec3.of(0.7, 0.7, 2.5), Vec3.of(1, 2, 3),
          TestVolumes.smallRotation(new Random(5), 0.3));
      Volume in = TestVolumes.random(g, DType.INT16, 6, inputs);
      // a rotated target (general rows) and the source's own axes at 1 mm (separable fast paths)
      Geometry oblique = new Geometry(Extent.of(45, 42, 100), Vec3.of(1, 1, 1), g.originLps(),
          g.direction().times(TestVolumes.smallRotation(new Random(6), 0.2)));
      Geometry[] targets = {oblique, Resample.gridForSpacing(g, Vec3.of(1, 1, 1))};
      for (Geometry tgt : targets) {
        for (Interpolation interp : Interpolation.values()) {
          ResamplePlan plan = ResamplePlan.create(g, DType.INT16, tgt, null, ResampleOptions.of(interp));
          assertEquals(tgt != oblique, plan.isSeparable());
          try (MemoryScope scope = MemoryScope.open()) {
            Volume out = Resample.execute(plan, in, pool, scope);
            long bound = plan.outputBytes(1) + plan.temporaryBytes();
            assertTrue(scope.peakBytes() <= bound, plan + ": peak " + scope.peakBytes() + " > " + bound);
            assertEquals(plan.outputBytes(1), scope.liveBytes(), "only the output stays allocated");
            assertEquals(out.data().byteSize(), plan.outputBytes(1));
            if (interp == Interpolation.BSPLINE) assertEquals(g.extent().voxelCount() * 4, plan.temporaryBytes());
            else assertEquals(0, plan.temporaryBytes());
          }
        }
      }
    }
  }

  /** Oracle: one-hot channels resampled linearly, then argmax (ties to the smaller label). */
  @Test
  void labelLinear_randomLabels_equalsArgmaxOfOneHotLinear() {
    try (MemoryScope scope = MemoryScope.open()) {
      Random rnd = new Random(71);
      Geometry g = new Geometry(Extent.of(20, 18, 10), Vec3.of(0.8, 0.8, 2), Vec3.ZERO, TestVolumes.randomRotation(rnd, false));
      int[] labelSet = {0, 1, 2, 7};
      Volume lab = Volume.allocate(DType.UINT8, g, 1, scope);
      // blocky labels so that most voxels are not ties
      for (long k = 0; k < 10; k++) {
        for (long j = 0; j < 18; j++) {
          for (long i = 0; i < 20; i++) lab.set(labelSet[(int) ((i / 4 + j / 3 + k / 2 + rnd.nextInt(2)) % 4)], i, j, k);
        }
      }
      Geometry tgt = new Geometry(Extent.of(22, 20, 14), Vec3.of(0.7, 0.75, 1.3), g.indexToPhysical(0.3, 0.2, 0.1),
          g.direction().times(TestVolumes.smallRotation(rnd, 0.4)));
      Volume out = Resample.onto(lab, tgt, ResampleOptions.labels(), pool, scope);
      assertEquals(DType.UINT8, out.dtype());
      Volume[] hot = new Volume[labelSet.length];
      for (int l = 0; l < labelSet.length; l++) {
        Volume m = Volume.allocate(DType.FLOAT32, g, 1, scope);
        for (long k = 0; k < 10; k++) {
          for (long j = 0; j < 18; j++) {
            for (long i = 0; i < 20; i++) m.set(lab.get(i, j, k) == labelSet[l] ? 1 : 0, i, j, k);
          }
        }
        hot[l] = Resample.onto(m, tgt, ResampleOptions.linear(), pool, scope);
      }
      int compared = 0;
      for (long k = 0; k < 14; k++) {
        for (long j = 0; j < 20; j++) {
          for (long i = 0; i < 22; i++) {
            double[] w = new double[labelSet.length];
            double sum = 0;
            for (int l = 0; l < labelSet.length; l++) sum += w[l] = hot[l].get(i, j, k);
            if (sum == 0) {
              assertEquals(0, out.get(i, j, k), 0.0, "outside the field: fill");
              continue;
            }
            int best = 0;
            double second = -1;
            for (int l = 1; l < labelSet.length; l++) if (w[l] > w[best]) best = l;
            for (int l = 0; l < labelSet.length; l++) if (l != best) second = Math.max(second, w[l]);
            if (w[best] - second < 1e-5) continue; // a tie up to rounding: either answer is right
            compared++;
            assertEquals(labelSet[best], out.get(i, j, k), 0.0, "voxel " + i + "," + j + "," + k);
          }
        }
      }
      assertTrue(compared > 3000, "compared " + compared);
    }
  }
}
