package org.medai.imaging.internal.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;
import org.medai.imaging.transform.Boundary;
import org.medai.imaging.transform.Interpolation;
import org.medai.imaging.transform.ResampleOptions;
import org.medai.imaging.transform.ResamplePlan;

/**
 * The separable tile paths (staged rows, vectorized blends) must give the same bits as the general
 * per-voxel rows, which spell out the plan's arithmetic contract that device kernels follow.
 */
class CpuResamplerPathsTest {

  @Test
  void separableFastPaths_everyKernelBoundaryAndDtype_matchGeneralPathBitForBit() {
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      Geometry src = Geometry.axisAligned(Extent.of(37, 29, 13), Vec3.of(0.7, 0.8, 2.5), Vec3.of(1, 2, 3));
      Geometry[] targets = {
          new Geometry(Extent.of(30, 27, 40), Vec3.of(1, 1, 1), Vec3.of(-2, 1, 0), src.direction()),
          new Geometry(Extent.of(9, 11, 5), Vec3.of(3.1, 2.3, 4), Vec3.of(0.5, 2.5, 4), src.direction()),
      };
      for (DType t : new DType[] {DType.INT16, DType.FLOAT32, DType.UINT8}) {
        Volume in = Volume.allocate(t, src, 1, scope);
        java.util.Random rnd = new java.util.Random(t.ordinal());
        for (long k = 0; k < 13; k++) {
          for (long j = 0; j < 29; j++) {
            for (long i = 0; i < 37; i++) in.set(rnd.nextInt(200), i, j, k);
          }
        }
        for (Geometry tgt : targets) {
          for (Boundary b : Boundary.values()) {
            ResampleOptions[] opts = {ResampleOptions.linear(), ResampleOptions.bspline(),
                ResampleOptions.bspline().withNnunetAnisotropy(),
                ResampleOptions.linear().withAnisotropy(3, Interpolation.LINEAR).withRescale(2, -5)};
            for (ResampleOptions o : opts) {
              ResamplePlan plan = ResamplePlan.create(src, t, tgt, null, o.withBoundary(b).withFill(-3));
              Volume fast = Volume.allocate(DType.FLOAT32, tgt, 1, scope);
              Volume slow = Volume.allocate(DType.FLOAT32, tgt, 1, scope);
              CpuResampler.execute(plan, in.data(), fast.data(), pool, scope, true);
              CpuResampler.execute(plan, in.data(), slow.data(), pool, scope, false);
              float[] a = fast.data().toFloatArray(), c = slow.data().toFloatArray();
              for (int e = 0; e < a.length; e++) {
                assertEquals(Float.floatToRawIntBits(c[e]), Float.floatToRawIntBits(a[e]),
                    () -> plan + " voxel differs");
              }
            }
          }
        }
      }
    }
  }
}
