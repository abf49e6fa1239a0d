package org.medai.imaging.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;

class ResampleExactnessTest {
  static WorkPool pool;

  @BeforeAll
  static void start() {
    pool = WorkPool.of(2);
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  static Geometry oblique(Extent e, long seed) {
    Random rnd = new Random(seed);
    return new Geometry(e, Vec3.of(0.7, 0.9, 2.5), Vec3.of(-120.5, 33.25, 410), TestVolumes.randomRotation(rnd, true));
  }

  @ParameterizedTest
  @EnumSource(value = DType.class)
  void resample_identityGridLinear_returnsInputValuesBitExactly(DType t) {
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = oblique(Extent.of(37, 21, 9), 7);
      Volume in = TestVolumes.random(g, t, 11, scope);
      Volume out = Resample.onto(in, g, ResampleOptions.linear(), pool, scope);
      assertEquals(DType.FLOAT32, out.dtype());
      float[] expect = in.data().toFloatArray();
      float[] got = out.data().toFloatArray();
      for (int e = 0; e < expect.length; e++) {
        assertEquals(Float.floatToRawIntBits(expect[e]), Float.floatToRawIntBits(got[e]), "voxel " + e);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class)
  void resample_identityGridNearestOrLabel_returnsInputBytes(DType t) {
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = oblique(Extent.of(19, 23, 7), 8);
      Volume in = TestVolumes.random(g, t, 12, scope);
      for (ResampleOptions o : new ResampleOptions[] {ResampleOptions.nearest(), ResampleOptions.labels()}) {
        Volume out = Resample.onto(in, g, o, pool, scope);
        assertEquals(t, out.dtype());
        assertArrayEquals(TestVolumes.bytes(in), TestVolumes.bytes(out), o.interpolation().name());
      }
    }
  }

  @Test
  void resample_identityGridBspline_returnsInputWithin1e5Relative() {
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = oblique(Extent.of(31, 17, 12), 9);
      Volume in = TestVolumes.random(g, DType.FLOAT32, 13, scope);
      Volume out = Resample.onto(in, g, ResampleOptions.bspline(), pool, scope);
      float[] a = in.data().toFloatArray(), b = out.data().toFloatArray();
      double scale = 0;
      for (float v : a) scale = Math.max(scale, Math.abs(v));
      for (int e = 0; e < a.length; e++) assertEquals(a[e], b[e], 1e-5 * scale, "voxel " + e);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Interpolation.class)
  void resample_integerVoxelTranslation_equalsShiftWithFill(Interpolation interp) {
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = oblique(Extent.of(24, 18, 10), 21);
      Volume in = TestVolumes.random(g, DType.INT16, 22, scope);
      int dx = 3, dy = -2, dz = 1;
      Geometry shifted = g.withOrigin(g.indexToPhysical(dx, dy, dz)).withExtent(Extent.of(20, 19, 12));
      ResampleOptions o = ResampleOptions.of(interp).withFill(-7);
      Volume out = Resample.onto(in, shifted, o, pool, scope);
      Extent e = shifted.extent();
      for (long k = 0; k < e.k(); k++) {
        for (long j = 0; j < e.j(); j++) {
          for (long i = 0; i < e.i(); i++) {
            long si = i + dx, sj = j + dy, sk = k + dz;
            boolean inside = si >= 0 && si < 24 && sj >= 0 && sj < 18 && sk >= 0 && sk < 10;
            double expect = inside ? in.get(si, sj, sk) : -7;
            if (interp == Interpolation.BSPLINE) {
              assertEquals(expect, out.get(i, j, k), 1e-5 * 32768, "voxel " + i + "," + j + "," + k);
            } else {
              assertEquals(expect, out.get(i, j, k), 0.0, "voxel " + i + "," + j + "," + k);
            }
          }
        }
      }
    }
  }

  @Test
  void resampleLinear_affineIntensityObliqueGrids_reproducesFunctionWithin1e5Relative() {
    Random rnd = new Random(31);
    for (int trial = 0; trial < 6; trial++) {
      try (MemoryScope scope = MemoryScope.open()) {
        Geometry src = new Geometry(Extent.of(30, 26, 14),
            Vec3.of(0.5 + rnd.nextDouble(), 0.5 + rnd.nextDouble(), 1 + 3 * rnd.nextDouble()),
            Vec3.of(rnd.nextGaussian() * 100, rnd.nextGaussian() * 100, rnd.nextGaussian() * 100),
            TestVolumes.randomRotation(rnd, true));
        Vec3 grad = Vec3.of(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
        Vec3 centre = src.indexToPhysical(14.5, 12.5, 6.5);
        double c0 = 1000;
        Volume in = TestVolumes.fill(src, DType.FLOAT32, scope, p -> c0 + grad.dot(p.minus(centre)));
        // an oblique target grid well inside the source field
        Mat3 dir = src.direction().times(TestVolumes.smallRotation(rnd, 0.3));
        Geometry probe = new Geometry(Extent.of(9, 8, 7), Vec3.of(0.83, 0.61, 0.97), Vec3.ZERO, dir);
        Vec3 probeCentre = probe.indexToPhysical(4, 3.5, 3);
        Geometry tgt = probe.withOrigin(centre.minus(probeCentre));
        Volume out = Resample.onto(in, tgt, ResampleOptions.linear(), pool, scope);
        double maxRel = 0;
        for (long k = 0; k < 7; k++) {
          for (long j = 0; j < 8; j++) {
            for (long i = 0; i < 9; i++) {
              Vec3 idx = src.physicalToIndex(tgt.indexToPhysical(i, j, k));
              assertTrue(idx.x() > 0 && idx.x() < 29 && idx.y() > 0 && idx.y() < 25 && idx.z() > 0 && idx.z() < 13);
              double expect = c0 + grad.dot(tgt.indexToPhysical(i, j, k).minus(centre));
              maxRel = Math.max(maxRel, Math.abs(out.get(i, j, k) - expect) / Math.abs(expect));
            }
          }
        }
        assertTrue(maxRel <= 1e-5, "max relative error " + maxRel);
        System.out.printf("linear affine reproduction: max relative error %.3g%n", maxRel);
      }
    }
  }

  /** The rotation-free fast path (target on the source's axes, other spacing and origin). */
  @Test
  void resampleLinear_affineIntensitySeparableGrids_reproducesFunctionWithin1e5Relative() {
    Random rnd = new Random(32);
    for (int trial = 0; trial < 6; trial++) {
      try (MemoryScope scope = MemoryScope.open()) {
        Geometry src = new Geometry(Extent.of(30, 26, 14),
            Vec3.of(0.5 + rnd.nextDouble(), 0.5 + rnd.nextDouble(), 1 + 3 * rnd.nextDouble()),
            Vec3.of(rnd.nextGaussian() * 100, rnd.nextGaussian() * 100, rnd.nextGaussian() * 100),
            TestVolumes.randomRotation(rnd, true));
        Vec3 grad = Vec3.of(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
        Vec3 centre = src.indexToPhysical(14.5, 12.5, 6.5);
        double c0 = 1000;
        Volume in = TestVolumes.fill(src, DType.FLOAT32, scope, p -> c0 + grad.dot(p.minus(centre)));
        // index steps 0.83, 0.61, 0.97 from (2.3, 3.1, 1.7): the last voxel lands at (20.6, 14.1, 11.4), inside
        Vec3 s = src.spacingMm();
        Geometry tgt = new Geometry(Extent.of(23, 19, 11), Vec3.of(0.83 * s.x(), 0.61 * s.y(), 0.97 * s.z()),
            src.indexToPhysical(2.3, 3.1, 1.7), src.direction());
        ResamplePlan plan = ResamplePlan.create(src, DType.FLOAT32, tgt, null, ResampleOptions.linear());
        assertTrue(plan.isSeparable());
        Volume out = Resample.execute(plan, in, pool, scope);
        double maxRel = 0;
        for (long k = 0; k < 11; k++) {
          for (long j = 0; j < 19; j++) {
            for (long i = 0; i < 23; i++) {
              double expect = c0 + grad.dot(tgt.indexToPhysical(i, j, k).minus(centre));
              maxRel = Math.max(maxRel, Math.abs(out.get(i, j, k) - expect) / Math.abs(expect));
            }
          }
        }
        assertTrue(maxRel <= 1e-5, "max relative error " + maxRel);
        System.out.printf("linear affine reproduction (separable): max relative error %.3g%n", maxRel);
      }
    }
  }

  @Test
  void resampleSeparable_oneAndTwoThreads_produceIdenticalBytes() {
    try (MemoryScope scope = MemoryScope.open(); WorkPool one = WorkPool.of(1)) {
      Geometry g = oblique(Extent.of(40, 33, 20), 44);
      Volume in = TestVolumes.random(g, DType.INT16, 45, scope);
      Geometry tgt = Resample.gridForSpacing(g, Vec3.of(0.9, 1.3, 0.8));
      for (Interpolation interp : Interpolation.values()) {
        ResampleOptions o = ResampleOptions.of(interp);
        assertArrayEquals(TestVolumes.bytes(Resample.onto(in, tgt, o, one, scope)),
            TestVolumes.bytes(Resample.onto(in, tgt, o, pool, scope)), interp.name());
      }
    }
  }

  @Test
  void resample_oneAndTwoThreads_produceIdenticalBytes() {
    try (MemoryScope scope = MemoryScope.open(); WorkPool one = WorkPool.of(1)) {
      Geometry g = oblique(Extent.of(40, 33, 20), 41);
      Volume in = TestVolumes.random(g, DType.INT16, 42, scope);
      Geometry tgt = new Geometry(Extent.of(35, 30, 25), Vec3.of(1, 1, 1), g.indexToPhysical(2, 2, 2),
          g.direction().times(TestVolumes.smallRotation(new Random(43), 0.4)));
      for (Interpolation interp : Interpolation.values()) {
        ResampleOptions o = ResampleOptions.of(interp);
        assertArrayEquals(TestVolumes.bytes(Resample.onto(in, tgt, o, one, scope)),
            TestVolumes.bytes(Resample.onto(in, tgt, o, pool, scope)), interp.name());
      }
    }
  }

  @Test
  void resample_rescaleFused_equalsRescaleOfInterpolation() {
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = oblique(Extent.of(20, 20, 8), 51);
      Volume in = TestVolumes.random(g, DType.INT16, 52, scope);
      Geometry tgt = Resample.gridForSpacing(g, Vec3.of(1.1, 0.8, 1.9));
      Volume plain = Resample.onto(in, tgt, ResampleOptions.linear(), pool, scope);
      Volume fused = Resample.onto(in, tgt, ResampleOptions.linear().withRescale(2, -1024), pool, scope);
      float[] a = plain.data().toFloatArray(), b = fused.data().toFloatArray();
      for (int e = 0; e < a.length; e++) {
        if (a[e] == 0f) continue; // fill value is not rescaled
        assertEquals(Math.fma(a[e], 2f, -1024f), b[e], 0f, "voxel " + e);
      }
    }
  }

  @Test
  void gridForSpacing_ctTo1mm_keepsOriginAndRoundsExtent() {
    Geometry g = Geometry.axisAligned(Extent.of(512, 512, 300), Vec3.of(0.7, 0.7, 2.5), Vec3.of(-180, -180, 0));
    Geometry t = Resample.gridForSpacing(g, Vec3.ONES);
    assertEquals(Extent.of(358, 358, 750), t.extent());
    assertEquals(g.originLps(), t.originLps());
  }

  @Test
  void gridForShape_halving_keepsFieldOfViewBox() {
    Geometry g = oblique(Extent.of(10, 20, 30), 61);
    Geometry t = Resample.gridForShape(g, Extent.of(5, 10, 15));
    Vec3 cornerA = g.indexToPhysical(-0.5, -0.5, -0.5), cornerB = t.indexToPhysical(-0.5, -0.5, -0.5);
    Vec3 farA = g.indexToPhysical(9.5, 19.5, 29.5), farB = t.indexToPhysical(4.5, 9.5, 14.5);
    assertTrue(cornerA.maxAbsDifference(cornerB) < 1e-9 && farA.maxAbsDifference(farB) < 1e-9);
  }
}
