package org.medai.imaging.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;

class BSplineTest {
  static WorkPool pool;

  @BeforeAll
  static void start() {
    pool = WorkPool.of(2);
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  @Test
  void bspline_cubicPolynomialObliqueGrids_reproducedInInteriorWithin1e5Relative() {
    Random rnd = new Random(101);
    for (int trial = 0; trial < 3; trial++) {
      try (MemoryScope scope = MemoryScope.open()) {
        Geometry src = new Geometry(Extent.of(40, 38, 36),
            Vec3.of(0.6 + rnd.nextDouble(), 0.6 + rnd.nextDouble(), 1 + 2 * rnd.nextDouble()),
            Vec3.of(rnd.nextGaussian() * 50, rnd.nextGaussian() * 50, rnd.nextGaussian() * 50),
            TestVolumes.randomRotation(rnd, true));
        Vec3 c = src.indexToPhysical(19.5, 18.5, 17.5);
        Mat3 frame = TestVolumes.randomRotation(rnd, false);
        double[] q = new double[10];
        for (int e = 0; e < q.length; e++) q[e] = rnd.nextGaussian();
        java.util.function.ToDoubleFunction<Vec3> f = p -> {
          Vec3 u = frame.times(p.minus(c)).times(1 / 15.0);
          return 50 + 10 * (q[0] * u.x() + q[1] * u.y() + q[2] * u.z() + q[3] * u.x() * u.y()
              + q[4] * u.z() * u.z() + q[5] * u.x() * u.x() * u.x() + q[6] * u.x() * u.y() * u.z()
              + q[7] * u.y() * u.y() * u.z() + q[8] * u.z() * u.z() * u.z() + q[9] * u.y() * u.y());
        };
        Volume in = TestVolumes.fill(src, DType.FLOAT32, scope, f);
        double scale = 0;
        for (float v : in.data().toFloatArray()) scale = Math.max(scale, Math.abs(v));
        Mat3 dir = src.direction().times(TestVolumes.smallRotation(rnd, 0.5));
        Geometry probe = new Geometry(Extent.of(8, 7, 6), Vec3.of(0.77, 0.93, 1.13), Vec3.ZERO, dir);
        Geometry tgt = probe.withOrigin(c.minus(probe.indexToPhysical(3.5, 3, 2.5).minus(Vec3.ZERO)));
        Volume out = Resample.onto(in, tgt, ResampleOptions.bspline().withBoundary(Boundary.MIRROR), pool, scope);
        double maxRel = 0;
        for (long k = 0; k < 6; k++) {
          for (long j = 0; j < 7; j++) {
            for (long i = 0; i < 8; i++) {
              Vec3 idx = src.physicalToIndex(tgt.indexToPhysical(i, j, k));
              for (int a = 0; a < 3; a++) {
                assertTrue(idx.get(a) > 12 && idx.get(a) < src.extent().get(a) - 13, "probe not interior: " + idx);
              }
              double expect = f.applyAsDouble(tgt.indexToPhysical(i, j, k));
              maxRel = Math.max(maxRel, Math.abs(out.get(i, j, k) - expect) / scale);
            }
          }
        }
        assertTrue(maxRel <= 1e-5, "max error relative to the volume's range " + maxRel);
        System.out.printf("B-spline cubic reproduction: max error / range = %.3g%n", maxRel);
      }
    }
  }

  @Test
  void bspline_anisotropicCt_usesNearestThroughPlaneAsNnunet() {
    Geometry src = Geometry.axisAligned(Extent.of(20, 20, 6), Vec3.of(0.7, 0.7, 5), Vec3.ZERO);
    ResamplePlan p = ResamplePlan.create(src, DType.INT16, Resample.gridForSpacing(src, Vec3.of(1, 1, 1)), null,
        ResampleOptions.bspline().withNnunetAnisotropy());
    assertEquals(ResamplePlan.AxisKernel.CUBIC, p.kernel(0));
    assertEquals(ResamplePlan.AxisKernel.CUBIC, p.kernel(1));
    assertEquals(ResamplePlan.AxisKernel.NEAREST, p.kernel(2));
    ResamplePlan iso = ResamplePlan.create(src, DType.INT16, src.withSpacing(Vec3.of(0.7, 0.7, 2)), null,
        ResampleOptions.bspline().withNnunetAnisotropy());
    assertEquals(ResamplePlan.AxisKernel.NEAREST, iso.kernel(2), "source ratio 7.1 > 3 decides");
    try (MemoryScope scope = MemoryScope.open()) {
      Volume in = TestVolumes.random(src, DType.INT16, 5, scope);
      Volume out = Resample.execute(p, in, pool, scope);
      // in-plane grid points coincide with source voxels where 0.7·i' = integer multiples; slice k'=5 -> source k=1
      assertEquals(in.get(0, 0, 1), out.get(0, 0, 5), 1e-5 * 32768);
      assertEquals(in.get(10, 10, 1), out.get(7, 7, 5), 1e-5 * 32768);
    }
  }

  /** scipy.ndimage.affine_transform order 3, mode 'mirror' (and order 1, 'nearest') as an independent oracle. */
  @Test
  void bsplineAndLinear_matchScipyAffineTransform(@TempDir Path dir) throws Exception {
    Path py = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(py), "no /usr/bin/python3: scipy oracle skipped");
    assumeTrue(run(py, "-c", "import scipy.ndimage, numpy") == 0, "no scipy for /usr/bin/python3: oracle skipped");
    try (MemoryScope scope = MemoryScope.open()) {
      Random rnd = new Random(202);
      Geometry src = new Geometry(Extent.of(23, 19, 15), Vec3.of(0.8, 1.1, 2.2), Vec3.of(3, -4, 5),
          TestVolumes.randomRotation(rnd, true));
      Volume in = TestVolumes.random(src, DType.FLOAT32, 203, scope);
      Geometry tgt = new Geometry(Extent.of(17, 21, 13), Vec3.of(1, 0.9, 1.7), src.indexToPhysical(-2, 1, 2),
          src.direction().times(TestVolumes.smallRotation(rnd, 0.6)));
      for (Interpolation interp : new Interpolation[] {Interpolation.BSPLINE, Interpolation.LINEAR}) {
        Boundary b = interp == Interpolation.BSPLINE ? Boundary.MIRROR : Boundary.EDGE;
        ResamplePlan plan = ResamplePlan.create(src, DType.FLOAT32, tgt, null, ResampleOptions.of(interp).withBoundary(b));
        Volume out = Resample.execute(plan, in, pool, scope);
        float[] a = plan.indexAffine();
        // scipy works in array axis order (k, j, i)
        double[] m = {a[10], a[9], a[8], a[6], a[5], a[4], a[2], a[1], a[0]};
        double[] off = {a[11], a[7], a[3]};
        Path inFile = dir.resolve("in.f32"), outFile = dir.resolve("out.f64");
        writeFloats(inFile, in.data().toFloatArray());
        String script = String.join("\n",
            "import numpy as np, scipy.ndimage as nd",
            "x = np.fromfile('" + inFile + "', dtype='<f4').reshape(15, 19, 23).astype(np.float64)",
            "m = np.array(" + java.util.Arrays.toString(m) + ").reshape(3, 3)",
            "o = np.array(" + java.util.Arrays.toString(off) + ")",
            "y = nd.affine_transform(x, m, offset=o, output_shape=(13, 21, 17), order=" + (interp == Interpolation.BSPLINE ? 3 : 1)
                + ", mode='" + (interp == Interpolation.BSPLINE ? "mirror" : "nearest") + "')",
            "y.astype('<f8').tofile('" + outFile + "')");
        assertEquals(0, run(py, "-c", script), "scipy script failed");
        ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(outFile)).order(ByteOrder.LITTLE_ENDIAN);
        float[] got = out.data().toFloatArray();
        double maxAbs = 0;
        for (int e = 0; e < got.length; e++) maxAbs = Math.max(maxAbs, Math.abs(got[e] - bb.getDouble(8 * e)));
        // values are N(0, 100): float32 arithmetic against scipy's double
        assertTrue(maxAbs < 2e-3, interp + " max |medai - scipy| = " + maxAbs);
        System.out.printf("scipy oracle %s: max |medai - scipy| = %.3g on N(0,100) values%n", interp, maxAbs);
      }
    }
  }

  private static void writeFloats(Path p, float[] v) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) b.putFloat(x);
    Files.write(p, b.array());
  }

  private static int run(Path py, String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = py.toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
