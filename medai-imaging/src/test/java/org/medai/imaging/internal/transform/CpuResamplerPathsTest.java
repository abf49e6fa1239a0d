package org.medai.imaging.internal.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.memory.NativeBuffer;
import org.medai.core.memory.RawMemory;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;
import org.medai.imaging.transform.Boundary;
import org.medai.imaging.transform.Interpolation;
import org.medai.imaging.transform.ResampleOptions;
import org.medai.imaging.transform.ResamplePlan;

/**
 * The rotation-free fast paths against the general per-voxel rows, which spell out the plan's
 * arithmetic contract that device kernels follow. Nearest gathers through per-axis tables and must
 * give the same bytes. Linear and B-spline combine the axes in another order (j, i, k instead of
 * k, j, i), so they may differ by float rounding only: each path rounds at most twice per tap and
 * axis, every intermediate is bounded by M = max |source| (linear; weights in [0, 1]) or
 * max |coefficient| (B-spline; non-negative weights summing to 1), so each path is within
 * 3 axes × 2 taps… 4 taps × ulp(M) of the exact combination; 16 ulp(M) · |slope| + ulp(|output|)
 * bounds the difference of the two.
 */
class CpuResamplerPathsTest {
  static final Geometry SRC = Geometry.axisAligned(Extent.of(37, 29, 13), Vec3.of(0.7, 0.8, 2.5), Vec3.of(1, 2, 3));
  static final Geometry[] TARGETS = {
      new Geometry(Extent.of(30, 27, 40), Vec3.of(1, 1, 1), Vec3.of(-2, 1, 0), SRC.direction()),
      new Geometry(Extent.of(9, 11, 5), Vec3.of(3.1, 2.3, 4), Vec3.of(0.5, 2.5, 4), SRC.direction()),
      // a flipped i axis, upsampled in plane
      new Geometry(Extent.of(41, 33, 7), Vec3.of(0.5, 0.6, 1.7), Vec3.of(20, 0, 2),
          SRC.direction().times(org.medai.core.geometry.Mat3.diagonal(Vec3.of(-1, 1, 1)))),
  };

  private static Volume random(DType t, MemoryScope scope) {
    Volume in = Volume.allocate(t, SRC, 1, scope);
    Random rnd = new Random(t.ordinal());
    for (long k = 0; k < 13; k++) {
      for (long j = 0; j < 29; j++) {
        for (long i = 0; i < 37; i++) in.set(rnd.nextInt(200), i, j, k);
      }
    }
    return in;
  }

  @Test
  void separableLinearAndBspline_everyKernelBoundaryAndDtype_matchGeneralPathWithinRounding() {
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      double worstUlps = 0;
      for (DType t : new DType[] {DType.INT16, DType.UINT16, DType.FLOAT32, DType.UINT8}) {
        Volume in = random(t, scope);
        for (Geometry tgt : TARGETS) {
          for (Boundary b : Boundary.values()) {
            ResampleOptions[] opts = {ResampleOptions.linear(), ResampleOptions.bspline(),
                ResampleOptions.bspline().withNnunetAnisotropy(),
                ResampleOptions.linear().withAnisotropy(3, Interpolation.LINEAR).withRescale(2, -5),
                ResampleOptions.linear().withRescale(-0.5, 1000)};
            for (ResampleOptions o : opts) {
              ResamplePlan plan = ResamplePlan.create(SRC, t, tgt, null, o.withBoundary(b).withFill(-3));
              assertTrue(plan.isSeparable());
              worstUlps = Math.max(worstUlps, everyKernelNearGeneral(plan, in, pool, scope, plan.toString()));
            }
          }
        }
      }
      System.out.printf("separable vs general: worst difference %.1f ulp(M)%n", worstUlps);
    }
  }

  /**
   * Rows wide enough that only a few int16 rows are staged at once and several bands of output rows
   * exist, with j running up and down the source (a flipped j axis asks for rows in decreasing
   * order): staging must hold the rows each output row needs in both orders.
   */
  @Test
  void stagedWideRows_flippedAndPlainJ_matchGeneralPathWithinRounding() {
    Geometry src = Geometry.axisAligned(Extent.of(6000, 41, 3), Vec3.of(0.7, 0.8, 2.5), Vec3.of(1, 2, 3));
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      for (DType t : new DType[] {DType.INT16, DType.UINT16}) {
        Volume in = Volume.allocate(t, src, 1, scope);
        Random rnd = new Random(5);
        for (long e = 0; e < src.extent().voxelCount(); e++) in.data().writeDouble(e, rnd.nextInt(30000));
        for (double flipJ : new double[] {1, -1}) {
          Extent te = Extent.of(4100, 37, 4);
          Vec3 spacing = Vec3.of(1, 0.85, 1.9);
          // the target covers the same region either way: a flipped j starts at the far end
          Vec3 origin = Vec3.of(1.2, flipJ > 0 ? 2.1 : 2.1 + 0.85 * (te.j() - 1), 3.3);
          Geometry tgt = new Geometry(te, spacing, origin,
              src.direction().times(org.medai.core.geometry.Mat3.diagonal(Vec3.of(1, flipJ, 1))));
          ResamplePlan plan = ResamplePlan.create(src, t, tgt, null, ResampleOptions.linear().withRescale(1, -1024));
          assertTrue(plan.isSeparable());
          everyKernelNearGeneral(plan, in, pool, scope, t + " flipJ=" + flipJ);
        }
      }
    }
  }

  /**
   * Sources whose rows are strided (the rows of a wider buffer), also walked backwards (negative
   * row and plane strides), with every output column inside the field, so the staged width is the
   * whole row: staging must copy row by row, not one block.
   */
  @Test
  void stridedSourceRows_wholeWidthStaged_matchGeneralPathWithinRounding() {
    Geometry src = Geometry.axisAligned(Extent.of(50, 23, 5), Vec3.of(0.7, 0.8, 2.5), Vec3.of(1, 2, 3));
    long pad = 7;
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      for (DType t : new DType[] {DType.INT16, DType.UINT16, DType.FLOAT32}) {
        Random rnd = new Random(9);
        Tensor view = NativeLinearTest.source(t, src.extent(), pad, false, rnd, scope);
        Tensor reversed = NativeLinearTest.source(t, src.extent(), pad, true, rnd, scope);
        for (Boundary b : Boundary.values()) {
          ResamplePlan plan = ResamplePlan.create(src, t, org.medai.imaging.transform.Resample.gridForSpacing(src, Vec3.ONES), null,
              ResampleOptions.linear().withBoundary(b).withRescale(1, -1024));
          everyKernelNearGeneral(plan, view, pool, scope, t + " " + b + " strided rows");
          everyKernelNearGeneral(plan, reversed, pool, scope, t + " " + b + " reversed rows and planes");
        }
      }
    }
  }

  /**
   * Runs {@code plan} on the general rows and on the separable path with every kernel choice (the
   * kernels the JVM picks, vector where the module is present, and plain scalar), asserts every
   * separable voxel within the class comment's bound, and returns the worst difference in ulp(M).
   */
  private static double everyKernelNearGeneral(ResamplePlan plan, Volume in, WorkPool pool, MemoryScope scope, String label) {
    return everyKernelNearGeneral(plan, in.data(), pool, scope, label);
  }

  private static double everyKernelNearGeneral(ResamplePlan plan, Tensor in, WorkPool pool, MemoryScope scope, String label) {
    Geometry tgt = plan.target();
    Volume slow = Volume.allocate(DType.FLOAT32, tgt, 1, scope);
    CpuResampler.execute(plan, in, slow.data(), pool, scope, false);
    double m = maxMagnitude(plan, in, pool, scope);
    float slope = Math.abs(plan.rescaleSlope());
    double tol = 16 * Math.ulp((float) m) * slope + Math.ulp((float) (m * slope + Math.abs(plan.rescaleIntercept())));
    float[] c = slow.data().toFloatArray();
    double worstUlps = 0;
    for (SeparableResampler.Kernels kernels : SeparableResampler.Kernels.values()) {
      Volume fast = Volume.allocate(DType.FLOAT32, tgt, 1, scope);
      CpuResampler.execute(plan, in, fast.data(), pool, scope, true, kernels);
      float[] a = fast.data().toFloatArray();
      for (int e = 0; e < a.length; e++) {
        double diff = Math.abs(a[e] - c[e]);
        assertTrue(diff <= tol, label + " " + kernels + " voxel " + e + " differs by " + diff + " > " + tol);
        worstUlps = Math.max(worstUlps, diff / Math.ulp((float) m));
      }
    }
    return worstUlps;
  }

  /** Small random rotation-free plans: 1-voxel axes, flips, strong up/downsampling, every boundary. */
  @Test
  void separablePaths_randomSmallPlans_matchGeneralPathWithinRounding() {
    Random rnd = new Random(77);
    DType[] types = {DType.INT16, DType.UINT16, DType.FLOAT32, DType.UINT8};
    Interpolation[] interps = {Interpolation.NEAREST, Interpolation.LINEAR, Interpolation.BSPLINE};
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      for (int trial = 0; trial < 60; trial++) {
        Extent se = Extent.of(1 + rnd.nextInt(9), 1 + rnd.nextInt(9), 1 + rnd.nextInt(6));
        Geometry src = Geometry.axisAligned(se, Vec3.of(0.5 + rnd.nextDouble(), 0.5 + rnd.nextDouble(),
            1 + 2 * rnd.nextDouble()), Vec3.of(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()));
        Vec3 flips = Vec3.of(rnd.nextBoolean() ? 1 : -1, rnd.nextBoolean() ? 1 : -1, rnd.nextBoolean() ? 1 : -1);
        Geometry tgt = new Geometry(Extent.of(1 + rnd.nextInt(12), 1 + rnd.nextInt(12), 1 + rnd.nextInt(12)),
            Vec3.of(0.2 + 3 * rnd.nextDouble(), 0.2 + 3 * rnd.nextDouble(), 0.2 + 3 * rnd.nextDouble()),
            src.indexToPhysical(rnd.nextDouble() * se.i(), rnd.nextDouble() * se.j(), rnd.nextDouble() * se.k()),
            src.direction().times(org.medai.core.geometry.Mat3.diagonal(flips)));
        DType t = types[rnd.nextInt(types.length)];
        Volume in = Volume.allocate(t, src, 1, scope);
        for (long e = 0; e < se.voxelCount(); e++) in.data().writeDouble(e, rnd.nextInt(200));
        Interpolation interp = interps[rnd.nextInt(interps.length)];
        ResampleOptions o = ResampleOptions.of(interp).withBoundary(Boundary.values()[rnd.nextInt(3)]).withFill(-3);
        if (interp == Interpolation.NEAREST) o = o.withOutputType(DType.FLOAT32);
        if (rnd.nextBoolean()) o = o.withRescale(1.5, -7);
        ResamplePlan plan = ResamplePlan.create(src, t, tgt, null, o);
        assertTrue(plan.isSeparable(), plan::toString);
        Volume fast = Volume.allocate(DType.FLOAT32, tgt, 1, scope);
        Volume slow = Volume.allocate(DType.FLOAT32, tgt, 1, scope);
        CpuResampler.execute(plan, in.data(), fast.data(), pool, scope, true);
        CpuResampler.execute(plan, in.data(), slow.data(), pool, scope, false);
        double m = maxMagnitude(plan, in.data(), pool, scope);
        float slope = Math.abs(plan.rescaleSlope());
        double tol = interp == Interpolation.NEAREST ? 0
            : 16 * Math.ulp((float) m) * slope + Math.ulp((float) (m * slope + Math.abs(plan.rescaleIntercept())));
        float[] a = fast.data().toFloatArray(), c = slow.data().toFloatArray();
        for (int e = 0; e < a.length; e++) {
          double diff = Math.abs(a[e] - c[e]);
          assertTrue(diff <= tol, plan + " voxel " + e + ": " + a[e] + " vs " + c[e]);
        }
      }
    }
  }

  /**
   * The Vector API kernels ({@link SimdRowGather}) do the scalar loops' float32 operations lane by
   * lane: the rotation-free paths give the same bytes with them as their scalar twin (the same
   * order of operations; plain scalar runs int16 i-first, within rounding), on random plans wide
   * enough for whole vector blocks (up- and downsampling past the 2× window, flips, outside
   * columns, every boundary), for contiguous and row-strided int16/uint16 and float32 sources, with
   * and without rescale. Skipped where the JVM lacks the module.
   */
  @Test
  void separablePaths_vectorAndScalarKernels_giveIdenticalBytes() {
    org.junit.jupiter.api.Assumptions.assumeTrue(SimdSupport.AVAILABLE,
        "JVM started without --add-modules jdk.incubator.vector: only the scalar kernels run here");
    Random rnd = new Random(1234);
    DType[] types = {DType.INT16, DType.UINT16, DType.FLOAT32};
    ResampleOptions[] opts = {ResampleOptions.linear(), ResampleOptions.bspline(),
        ResampleOptions.linear().withAnisotropy(2, Interpolation.LINEAR), ResampleOptions.bspline().withNnunetAnisotropy()};
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      for (int trial = 0; trial < 40; trial++) {
        Extent se = Extent.of(20 + rnd.nextInt(140), 3 + rnd.nextInt(30), 2 + rnd.nextInt(6));
        Geometry src = Geometry.axisAligned(se, Vec3.of(0.3 + rnd.nextDouble(), 0.5 + rnd.nextDouble(),
            1 + 2 * rnd.nextDouble()), Vec3.of(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()));
        Vec3 flips = Vec3.of(rnd.nextBoolean() ? 1 : -1, 1, rnd.nextBoolean() ? 1 : -1);
        double si = src.spacingMm().x() * (0.3 + 2.5 * rnd.nextDouble());
        Geometry tgt = new Geometry(Extent.of(10 + rnd.nextInt(150), 1 + rnd.nextInt(25), 1 + rnd.nextInt(9)),
            Vec3.of(si, 0.3 + 2 * rnd.nextDouble(), 0.5 + 2 * rnd.nextDouble()),
            src.indexToPhysical(-5 + rnd.nextDouble() * (se.i() + 5), rnd.nextDouble() * se.j(), rnd.nextDouble() * se.k()),
            src.direction().times(org.medai.core.geometry.Mat3.diagonal(flips)));
        DType t = types[rnd.nextInt(types.length)];
        // every other trial reads a row-strided view: the source rows of a wider buffer
        boolean strided = trial % 2 == 1;
        long pad = strided ? 3 : 0;
        Volume wide = Volume.allocate(t, Geometry.axisAligned(Extent.of(se.i() + pad, se.j(), se.k()), src.spacingMm(),
            src.originLps()), 1, scope);
        for (long e = 0; e < wide.data().elementCount(); e++) wide.data().writeDouble(e, rnd.nextInt(4000) - (t == DType.INT16 ? 2000 : 0));
        org.medai.core.tensor.Tensor view = wide.data().view(0, new long[] {1, se.k(), se.j(), se.i()},
            new long[] {se.voxelCount() + pad * se.j() * se.k(), (se.i() + pad) * se.j(), se.i() + pad, 1});
        ResampleOptions o = opts[rnd.nextInt(opts.length)].withBoundary(Boundary.values()[rnd.nextInt(3)]).withFill(-3);
        if (rnd.nextBoolean()) o = o.withRescale(1.5, -1024);
        ResamplePlan plan = ResamplePlan.create(src, t, tgt, null, o);
        Volume vec = Volume.allocate(DType.FLOAT32, tgt, 1, scope);
        Volume sca = Volume.allocate(DType.FLOAT32, tgt, 1, scope);
        CpuResampler.execute(plan, view, vec.data(), pool, scope, true, SeparableResampler.Kernels.VECTOR);
        CpuResampler.execute(plan, view, sca.data(), pool, scope, true, SeparableResampler.Kernels.SCALAR_TWIN);
        float[] a = vec.data().toFloatArray(), c = sca.data().toFloatArray();
        for (int e = 0; e < a.length; e++) {
          assertEquals(Float.floatToRawIntBits(c[e]), Float.floatToRawIntBits(a[e]), plan + " strided=" + strided + " voxel " + e);
        }
      }
    }
  }

  /** The heap block per worker stays within the plan's stated bound, and small for the CT job. */
  @Test
  void separableTaskScratch_ctTo1mm_withinPerThreadBoundAndUnder2MiB() {
    Geometry ct = Geometry.axisAligned(Extent.of(512, 512, 300), Vec3.of(0.7, 0.7, 2.5), Vec3.ZERO);
    Geometry iso = org.medai.imaging.transform.Resample.gridForSpacing(ct, Vec3.ONES);
    Geometry coarse = org.medai.imaging.transform.Resample.gridForSpacing(ct, Vec3.of(7, 7, 7));
    for (Geometry tgt : new Geometry[] {iso, coarse, TARGETS[0]}) {
      for (ResampleOptions o : new ResampleOptions[] {ResampleOptions.linear(), ResampleOptions.bspline()}) {
        ResamplePlan plan = ResamplePlan.create(ct, DType.INT16, tgt, null, o);
        long task = CpuResampler.separableTaskScratchBytes(plan);
        assertTrue(task > 0 && task <= plan.perThreadScratchBytes(), plan + ": " + task + " > " + plan.perThreadScratchBytes());
        assertTrue(plan.perThreadScratchBytes() <= 2L << 20, plan + ": " + plan.perThreadScratchBytes());
      }
    }
  }

  /** max |source| for linear plans, max |B-spline coefficient| when any axis is cubic. */
  private static double maxMagnitude(ResamplePlan plan, Tensor in, WorkPool pool, MemoryScope scope) {
    double m = 0;
    if (!plan.needsCoefficients()) {
      for (float v : in.toFloatArray()) m = Math.max(m, Math.abs(v));
      return m;
    }
    try (MemoryScope tmp = scope.child()) {
      NativeBuffer coeff = tmp.allocate(plan.temporaryBytes());
      BSplinePrefilter.run(in.select(0), plan, coeff.address(), pool);
      for (long e = 0; e < plan.source().extent().voxelCount(); e++) {
        m = Math.max(m, Math.abs(RawMemory.getFloat(coeff.address() + 4 * e)));
      }
    }
    return m;
  }

  @Test
  void separableNearest_everyBoundaryAndDtype_matchesGeneralPathBitForBit() {
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      for (DType t : new DType[] {DType.INT16, DType.UINT16, DType.FLOAT32, DType.UINT8}) {
        Volume in = random(t, scope);
        for (Geometry tgt : TARGETS) {
          for (Boundary b : Boundary.values()) {
            ResampleOptions[] opts = {ResampleOptions.nearest(), ResampleOptions.nearest().withOutputType(DType.FLOAT32),
                ResampleOptions.nearest().withOutputType(DType.FLOAT32).withRescale(2, -5)};
            for (ResampleOptions o : opts) {
              ResamplePlan plan = ResamplePlan.create(SRC, t, tgt, null, o.withBoundary(b).withFill(-3));
              Volume fast = Volume.allocate(plan.outputType(), tgt, 1, scope);
              Volume slow = Volume.allocate(plan.outputType(), tgt, 1, scope);
              CpuResampler.execute(plan, in.data(), fast.data(), pool, scope, true);
              CpuResampler.execute(plan, in.data(), slow.data(), pool, scope, false);
              long n = fast.data().byteSize();
              long fa = fast.data().hostBuffer().address(), sa = slow.data().hostBuffer().address();
              for (long e = 0; e < n; e++) {
                assertEquals(RawMemory.getByte(sa + e), RawMemory.getByte(fa + e), plan + " byte " + e);
              }
            }
          }
        }
      }
    }
  }
}
