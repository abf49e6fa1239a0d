package org.medai.imaging.internal.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;
import org.medai.imaging.transform.Boundary;
import org.medai.imaging.transform.ResampleOptions;
import org.medai.imaging.transform.ResamplePlan;

/**
 * {@link NativeLinear} against the scalar twin of the Java kernels, bit for bit: the same float32
 * operations in the same order. Random rotation-free linear plans from int16, uint16 and float32,
 * contiguous, row-strided and reversed (negative row and plane strides) sources, up- and downsampling on both sides of the gather's window
 * limit (vector and scalar blocks), flips, outputs outside the field under every boundary, with and
 * without rescale, on 1 to 3 threads (the work split). Skipped, with the loader's reason, where
 * the library is not built or the CPU lacks AVX-512F.
 */
class NativeLinearTest {
  @BeforeEach
  void needsLibrary() {
    assumeTrue(NativeLinear.AVAILABLE, "native kernel " + NativeLinear.STATUS);
  }

  @Test
  void randomLinearPlans_everyDtypeBoundaryAndThreadCount_equalScalarTwinBitForBit() {
    Random rnd = new Random(2026);
    DType[] types = {DType.INT16, DType.UINT16, DType.FLOAT32};
    int nativeTrials = 0;
    try (MemoryScope scope = MemoryScope.open()) {
      for (int trial = 0; trial < 60; trial++) {
        Extent se = Extent.of(1 + rnd.nextInt(180), 1 + rnd.nextInt(40), 1 + rnd.nextInt(7));
        Geometry src = Geometry.axisAligned(se, Vec3.of(0.3 + rnd.nextDouble(), 0.5 + rnd.nextDouble(),
            1 + 2 * rnd.nextDouble()), Vec3.of(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()));
        Vec3 flips = Vec3.of(rnd.nextBoolean() ? 1 : -1, rnd.nextBoolean() ? 1 : -1, rnd.nextBoolean() ? 1 : -1);
        // i steps from 0.2 to 4 source voxels per output voxel: vector blocks up to 2, scalar past it
        double si = src.spacingMm().x() * (0.2 + 3.8 * rnd.nextDouble());
        Geometry tgt = new Geometry(Extent.of(1 + rnd.nextInt(200), 1 + rnd.nextInt(30), 1 + rnd.nextInt(12)),
            Vec3.of(si, 0.3 + 2 * rnd.nextDouble(), 0.5 + 2 * rnd.nextDouble()),
            src.indexToPhysical(-5 + rnd.nextDouble() * (se.i() + 5), -2 + rnd.nextDouble() * se.j(), rnd.nextDouble() * se.k()),
            src.direction().times(Mat3.diagonal(flips)));
        DType t = types[rnd.nextInt(types.length)];
        // layouts: contiguous, rows of a wider buffer, rows and planes in reverse (negative strides)
        int layout = trial % 3;
        Tensor view = source(t, se, layout == 1 ? 5 : 0, layout == 2, rnd, scope);
        ResampleOptions o = ResampleOptions.linear().withBoundary(Boundary.values()[rnd.nextInt(3)]).withFill(-3);
        if (rnd.nextBoolean()) o = o.withRescale(1.5, -1024);
        ResamplePlan plan = ResamplePlan.create(src, t, tgt, null, o);
        if (!CpuResampler.separableRunsNative(plan)) continue; // every output i outside: Java fills
        nativeTrials++;
        Volume twin = Volume.allocate(DType.FLOAT32, tgt, 1, scope);
        try (WorkPool one = WorkPool.of(1)) {
          CpuResampler.execute(plan, view, twin.data(), one, scope, true, SeparableResampler.Kernels.SCALAR_TWIN);
        }
        float[] expected = twin.data().toFloatArray();
        for (int threads = 1; threads <= 3; threads++) {
          Volume out = Volume.allocate(DType.FLOAT32, tgt, 1, scope);
          try (WorkPool pool = WorkPool.of(threads)) {
            CpuResampler.execute(plan, view, out.data(), pool, scope, true, SeparableResampler.Kernels.AUTO);
          }
          float[] a = out.data().toFloatArray();
          for (int e = 0; e < a.length; e++) {
            assertEquals(Float.floatToRawIntBits(expected[e]), Float.floatToRawIntBits(a[e]),
                plan + " layout=" + layout + " threads=" + threads + " voxel " + e);
          }
        }
      }
    }
    assertTrue(nativeTrials >= 45, nativeTrials + " of 60 trials ran native");
  }

  /** Channels are resampled one after the other from their own planes: each equals the twin. */
  @Test
  void twoChannels_equalScalarTwinBitForBit() {
    Geometry src = Geometry.axisAligned(Extent.of(70, 33, 9), Vec3.of(0.7, 0.8, 2.5), Vec3.ZERO);
    Geometry tgt = org.medai.imaging.transform.Resample.gridForSpacing(src, Vec3.ONES);
    Random rnd = new Random(8);
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      Volume in = Volume.allocate(DType.INT16, src, 2, scope);
      for (long e = 0; e < in.data().elementCount(); e++) in.data().writeDouble(e, rnd.nextInt(4000) - 1000);
      ResamplePlan plan = ResamplePlan.create(src, DType.INT16, tgt, null, ResampleOptions.linear().withRescale(1, -1024));
      Volume a = Volume.allocate(DType.FLOAT32, tgt, 2, scope), b = Volume.allocate(DType.FLOAT32, tgt, 2, scope);
      CpuResampler.execute(plan, in.data(), a.data(), pool, scope, true, SeparableResampler.Kernels.AUTO);
      CpuResampler.execute(plan, in.data(), b.data(), pool, scope, true, SeparableResampler.Kernels.SCALAR_TWIN);
      float[] x = a.data().toFloatArray(), y = b.data().toFloatArray();
      for (int e = 0; e < x.length; e++) assertEquals(Float.floatToRawIntBits(y[e]), Float.floatToRawIntBits(x[e]), "voxel " + e);
    }
  }

  /** The loader's decisions: linear from the three dtypes only; B-spline and uint8 stay in Java. */
  @Test
  void separableRunsNative_onlyForLinearFromInt16Uint16Float32() {
    Geometry src = Geometry.axisAligned(Extent.of(40, 30, 10), Vec3.of(0.7, 0.7, 2.5), Vec3.ZERO);
    Geometry tgt = org.medai.imaging.transform.Resample.gridForSpacing(src, Vec3.ONES);
    for (DType t : new DType[] {DType.INT16, DType.UINT16, DType.FLOAT32}) {
      assertTrue(CpuResampler.separableRunsNative(ResamplePlan.create(src, t, tgt, null, ResampleOptions.linear())), t.toString());
      assertFalse(CpuResampler.separableRunsNative(ResamplePlan.create(src, t, tgt, null, ResampleOptions.bspline())), t.toString());
    }
    assertFalse(CpuResampler.separableRunsNative(ResamplePlan.create(src, DType.UINT8, tgt, null, ResampleOptions.linear())));
  }

  /**
   * A source of random values; {@code pad} extra elements per row make its rows strided;
   * {@code reversed} walks rows and planes backwards through memory (negative j and k strides).
   */
  static Tensor source(DType t, Extent se, long pad, boolean reversed, Random rnd, MemoryScope scope) {
    Volume wide = Volume.allocate(t, Geometry.axisAligned(Extent.of(se.i() + pad, se.j(), se.k()), Vec3.ONES, Vec3.ZERO), 1, scope);
    for (long e = 0; e < wide.data().elementCount(); e++) {
      wide.data().writeDouble(e, t == DType.FLOAT32 ? rnd.nextGaussian() * 1000 : rnd.nextInt(30000) - (t == DType.INT16 ? 15000 : 0));
    }
    long row = se.i() + pad, plane = row * se.j();
    if (reversed) {
      return wide.data().view((se.k() - 1) * plane + (se.j() - 1) * row, new long[] {1, se.k(), se.j(), se.i()},
          new long[] {plane * se.k(), -plane, -row, 1});
    }
    return wide.data().view(0, new long[] {1, se.k(), se.j(), se.i()}, new long[] {plane * se.k(), plane, row, 1});
  }
}
