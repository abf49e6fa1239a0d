package org.medai.imaging.internal.transform.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.medai.core.backend.Backend;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;
import org.medai.imaging.internal.transform.CpuResampler;
import org.medai.imaging.transform.AffineLps;
import org.medai.imaging.transform.Boundary;
import org.medai.imaging.transform.CropPad;
import org.medai.imaging.transform.IndexBox;
import org.medai.imaging.transform.Intensity;
import org.medai.imaging.transform.Interpolation;
import org.medai.imaging.transform.Reorient;
import org.medai.imaging.transform.Resample;
import org.medai.imaging.transform.ResampleOptions;
import org.medai.imaging.transform.ResamplePlan;
import org.medai.imaging.transform.TransformPipeline;

/**
 * The device conformance suite of the transforms: every case runs once on the host (the CPU
 * reference) and once on a device volume of {@link #backend()}, and compares the downloaded result
 * with the reference: integers and labels exactly, float32 within 1e-5 relative (|a − b| ≤ 1e-5 ·
 * max(1, |b|)), or bit for bit where {@link #requireBitExact()}; the share of bit-identical float
 * voxels is printed. Subclasses supply the backend: the real CUDA backend (GPU machines) or the host
 * emulation of the same kernels.
 */
abstract class DeviceTransformConformance {
  static final double REL_TOL = 1e-5;
  private static final WorkPool POOL = WorkPool.of(1);
  private static long compared, identical;

  /** The device backend under test; subclasses skip (assumption) where it is unavailable. */
  abstract Backend backend();

  /**
   * True when float results must equal the CPU's bit for bit (value-equal: ±0 match), not only
   * within {@link #REL_TOL}: the host emulation runs the same C operations as Java, so any
   * difference would mean a different operation order.
   */
  boolean requireBitExact() {
    return false;
  }

  @AfterAll
  static void report() {
    if (compared > 0) {
      System.out.printf("device conformance: %d float voxels compared, %d bit-identical (%.4f%%)%n",
          compared, identical, 100.0 * identical / compared);
    }
  }

  static List<DType> sourceTypes() {
    return List.of(DType.INT16, DType.UINT8, DType.FLOAT32, DType.FLOAT64, DType.INT32);
  }

  /** A random volume geometry: anisotropic spacing, random oblique direction, random origin. */
  static Geometry randomGeometry(Random rnd, int minN, int maxN) {
    Extent e = Extent.of(minN + rnd.nextInt(maxN - minN + 1), minN + rnd.nextInt(maxN - minN + 1), 2 + rnd.nextInt(maxN - 1));
    Vec3 spacing = Vec3.of(0.5 + 2.5 * rnd.nextDouble(), 0.5 + 2.5 * rnd.nextDouble(), 0.5 + 4 * rnd.nextDouble());
    Vec3 origin = Vec3.of(rnd.nextGaussian() * 20, rnd.nextGaussian() * 20, rnd.nextGaussian() * 20);
    return new Geometry(e, spacing, origin, rotation(rnd));
  }

  static Mat3 rotation(Random rnd) {
    double u1 = rnd.nextDouble(), u2 = rnd.nextDouble(), u3 = rnd.nextDouble();
    double a = Math.sqrt(1 - u1) * Math.sin(2 * Math.PI * u2), b = Math.sqrt(1 - u1) * Math.cos(2 * Math.PI * u2);
    double c = Math.sqrt(u1) * Math.sin(2 * Math.PI * u3), d = Math.sqrt(u1) * Math.cos(2 * Math.PI * u3);
    return Mat3.ofRows(
        1 - 2 * (c * c + d * d), 2 * (b * c - a * d), 2 * (b * d + a * c),
        2 * (b * c + a * d), 1 - 2 * (b * b + d * d), 2 * (c * d - a * b),
        2 * (b * d - a * c), 2 * (c * d + a * b), 1 - 2 * (b * b + c * c));
  }

  /** A target overlapping the source partly (so every boundary policy is exercised). */
  static Geometry randomTarget(Random rnd, Geometry src) {
    Vec3 centre = src.indexToPhysical((src.extent().i() - 1) / 2.0, (src.extent().j() - 1) / 2.0, (src.extent().k() - 1) / 2.0);
    Extent e = Extent.of(4 + rnd.nextInt(10), 4 + rnd.nextInt(10), 3 + rnd.nextInt(8));
    Vec3 spacing = Vec3.of(0.4 + 2 * rnd.nextDouble(), 0.4 + 2 * rnd.nextDouble(), 0.4 + 3 * rnd.nextDouble());
    Mat3 dir = rotation(rnd);
    Vec3 half = dir.times(Vec3.of(spacing.x() * (e.i() - 1) / 2.0, spacing.y() * (e.j() - 1) / 2.0, spacing.z() * (e.k() - 1) / 2.0));
    Vec3 jitter = Vec3.of(rnd.nextGaussian() * 6, rnd.nextGaussian() * 6, rnd.nextGaussian() * 6);
    return new Geometry(e, spacing, centre.minus(half).plus(jitter), dir);
  }

  /** A random host volume of {@code t} with values spanning the dtype's useful range. */
  static Volume randomVolume(Geometry g, DType t, int channels, long seed, MemoryScope scope) {
    Random rnd = new Random(seed);
    Volume v = Volume.allocate(t, g, channels, scope);
    Tensor d = v.data();
    long n = d.elementCount();
    for (long e = 0; e < n; e++) {
      double x = switch (t) {
        case UINT8 -> rnd.nextInt(256);
        case INT8 -> rnd.nextInt(256) - 128;
        case INT16 -> rnd.nextInt(4096) - 1024;
        case UINT16 -> rnd.nextInt(65536);
        case INT32 -> rnd.nextInt(2_000_001) - 1_000_000;
        case FLOAT32, FLOAT64 -> rnd.nextGaussian() * 100;
      };
      d.writeDouble(e, x);
    }
    return v;
  }

  /** Random labels 0..4 in blobs (so label resampling has real ties and majorities). */
  static Volume randomLabels(Geometry g, DType t, long seed, MemoryScope scope) {
    Random rnd = new Random(seed);
    Volume v = Volume.allocate(t, g, 1, scope);
    Tensor d = v.data();
    for (long e = 0; e < d.elementCount(); e++) d.writeDouble(e, rnd.nextInt(10) < 6 ? (e / 7) % 5 : rnd.nextInt(5));
    return v;
  }

  private Volume onDevice(Volume host, MemoryScope scope) {
    return Volume.of(backend().upload(host.data(), scope), host.geometry());
  }

  private Volume toHost(Volume dev, MemoryScope scope) {
    assertFalse(dev.data().isHost(), "the device path must return a device volume");
    return Volume.of(backend().download(dev.data(), scope), dev.geometry());
  }

  /** Compares a downloaded device result with the host reference. */
  /**
   * The CPU reference of a resample: the general per-voxel rows, the arithmetic contract the kernels
   * follow in the same operation order (the CPU's separable fast paths differ from it by rounding).
   */
  static Volume cpuReference(ResamplePlan plan, Volume host, MemoryScope scope) {
    Volume out = Volume.allocate(plan.outputType(), plan.target(), host.channels(), scope);
    CpuResampler.executeReference(plan, host.data(), out.data(), POOL, scope);
    return out;
  }

  /**
   * Float results within {@link #REL_TOL} of the result's range (|a − b| ≤ 1e-5 · max(1, max |b|)),
   * whatever {@link #requireBitExact()} says: for comparisons with the CPU's separable fast path,
   * which blends the axes in another order. Its rounding differences are a few ulp of the largest
   * value (bounded in CpuResamplerPathsTest), so a voxel near zero after a rescale intercept
   * (1000 − 1024) can differ by more than 1e-5 of its own magnitude.
   */
  static void assertWithinTolerance(Volume expected, Volume actual, String what) {
    Tensor a = expected.data(), b = actual.data();
    assertArrayEquals(a.shape(), b.shape(), what + ": shape");
    double range = 1;
    for (long e = 0; e < a.elementCount(); e++) {
      double x = a.readDouble(e);
      if (!Double.isNaN(x)) range = Math.max(range, Math.abs(x));
    }
    for (long e = 0; e < a.elementCount(); e++) {
      double x = a.readDouble(e), y = b.readDouble(e);
      if (x == y || (Double.isNaN(x) && Double.isNaN(y))) continue;
      if (!(Math.abs(x - y) <= REL_TOL * range)) {
        fail("%s: element %d is %s on the device, %s on the host (error %.3g of the range %.4g)"
            .formatted(what, e, y, x, Math.abs(x - y) / range, range));
      }
    }
  }

  /**
   * Runs {@code p} on a device copy of {@code host}, asserts that the result stays on that device
   * and holds no host memory, and returns it downloaded.
   */
  Volume applyOnDevice(TransformPipeline p, Volume host, MemoryScope scope) {
    Volume devIn = onDevice(host, scope);
    long hostBefore = scope.liveHostBytes();
    Volume devOut = p.apply(devIn, POOL, scope);
    assertEquals(hostBefore, scope.liveHostBytes(), "no host memory is held by the device pipeline's result");
    assertFalse(devOut.data().isHost());
    assertEquals(devIn.data().device(), devOut.data().device());
    return toHost(devOut, scope);
  }

  void assertConforms(Volume expected, Volume actual, String what) {
    assertEquals(expected.geometry(), actual.geometry(), what + ": geometry");
    assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
    assertArrayEquals(expected.data().shape(), actual.data().shape(), what + ": shape");
    Tensor a = expected.data(), b = actual.data();
    long n = a.elementCount();
    boolean floats = a.dtype() == DType.FLOAT32 || a.dtype() == DType.FLOAT64;
    for (long e = 0; e < n; e++) {
      double x = a.readDouble(e), y = b.readDouble(e);
      if (!floats) {
        if (x != y) fail("%s: element %d is %s on the device, %s on the host".formatted(what, e, y, x));
        continue;
      }
      compared++;
      if (Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y) || (x == y)) {
        identical++;
        continue;
      }
      if (Double.isNaN(x) && Double.isNaN(y)) continue;
      if (requireBitExact()) {
        fail("%s: element %d is %s on the device, %s on the host; this backend must match bit for bit".formatted(what, e, y, x));
      }
      if (!(Math.abs(x - y) <= REL_TOL * Math.max(1, Math.abs(x)))) {
        fail("%s: element %d is %s on the device, %s on the host (relative error %.3g)"
            .formatted(what, e, y, x, Math.abs(x - y) / Math.max(1, Math.abs(x))));
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> resample_everyInterpolationBoundaryAndDtype_matchesCpu() {
    List<DynamicTest> tests = new ArrayList<>();
    long seed = 100;
    for (Interpolation interp : Interpolation.values()) {
      for (Boundary boundary : Boundary.values()) {
        for (DType t : sourceTypes()) {
          long s = seed++;
          tests.add(DynamicTest.dynamicTest(interp + " " + boundary + " " + t, () -> resampleCase(interp, boundary, t, s)));
        }
      }
    }
    return tests.stream();
  }

  private void resampleCase(Interpolation interp, Boundary boundary, DType t, long seed) {
    Random rnd = new Random(seed);
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry src = randomGeometry(rnd, 5, 12);
      boolean label = interp == Interpolation.LABEL_LINEAR;
      Volume host = label ? randomLabels(src, t, seed, scope) : randomVolume(src, t, 1 + (int) (seed % 2), seed, scope);
      ResampleOptions o = ResampleOptions.of(interp).withBoundary(boundary).withFill(label ? 3 : -7.25);
      if (!label && rnd.nextBoolean()) o = o.withRescale(0.5 + rnd.nextDouble(), rnd.nextGaussian() * 100);
      if (interp == Interpolation.NEAREST && rnd.nextBoolean()) o = o.withOutputType(DType.FLOAT32);
      Geometry target = randomTarget(rnd, src);
      AffineLps affine = rnd.nextBoolean() ? null
          : AffineLps.about(rotation(new Random(seed * 31)), src.originLps()).compose(AffineLps.translation(Vec3.of(1.5, -2, 0.75)));
      ResamplePlan plan = ResamplePlan.create(src, t, target, affine, o);
      Volume expected = cpuReference(plan, host, scope);
      Volume dev = onDevice(host, scope);
      long hostBefore = scope.liveHostBytes();
      long deviceBefore = scope.liveDeviceBytes();
      scope.resetPeak();
      Volume out = Resample.execute(plan, dev, POOL, scope);
      // device memory: the output plus, for B-splines, one coefficient channel; no host memory at all
      assertEquals(plan.outputBytes(dev.channels()), scope.liveDeviceBytes() - deviceBefore, "live device bytes");
      assertTrue(scope.peakDeviceBytes() - deviceBefore <= plan.outputBytes(dev.channels()) + plan.temporaryBytes(),
          "peak device bytes within output + temporaries");
      assertEquals(hostBefore, scope.peakHostBytes(), "no host memory during a device resample");
      assertConforms(expected, toHost(out, scope), plan.toString());
    }
  }

  @TestFactory
  Stream<DynamicTest> resample_separableAndAnisotropicPlans_matchCpuFastPaths() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Interpolation interp : List.of(Interpolation.LINEAR, Interpolation.BSPLINE)) {
      for (Boundary boundary : Boundary.values()) {
        tests.add(DynamicTest.dynamicTest(interp + " " + boundary + " axis-aligned, anisotropic", () -> {
          try (MemoryScope scope = MemoryScope.open()) {
            Geometry src = new Geometry(Extent.of(11, 9, 6), Vec3.of(0.7, 0.8, 4.0), Vec3.of(-3, 2, 5), Mat3.IDENTITY);
            Volume host = randomVolume(src, DType.INT16, 1, interp.ordinal() * 7L + boundary.ordinal(), scope);
            ResampleOptions o = ResampleOptions.of(interp).withBoundary(boundary).withNnunetAnisotropy().withRescale(1, -1024);
            Geometry target = Resample.gridForSpacing(src, Vec3.of(0.5, 0.6, 1.3));
            target = new Geometry(target.extent(), target.spacingMm(), target.originLps().plus(Vec3.of(-1.2, 0.4, -3)), Mat3.IDENTITY);
            ResamplePlan plan = ResamplePlan.create(src, DType.INT16, target, null, o);
            assertTrue(plan.isSeparable(), "axis-aligned plan");
            Volume actual = toHost(Resample.execute(plan, onDevice(host, scope), POOL, scope), scope);
            assertConforms(cpuReference(plan, host, scope), actual, plan.toString());
            // the CPU's separable fast path itself rounds differently: within the tolerance
            assertWithinTolerance(Resample.execute(plan, host, POOL, scope), actual, plan + " vs the CPU fast path");
          }
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void reorient_everyDtypeToSeveralCodes_matchesCpuBitForBit() {
    Random rnd = new Random(7);
    try (MemoryScope scope = MemoryScope.open()) {
      for (DType t : DType.values()) {
        Geometry g = randomGeometry(rnd, 3, 9);
        Volume host = randomVolume(g, t, 2, rnd.nextLong(), scope);
        Volume dev = onDevice(host, scope);
        for (String code : List.of("RAS", "LPS", "PIL", "SAR", "ILA")) {
          Volume expected = Reorient.to(host, code, POOL, scope);
          Volume actual = toHost(Reorient.to(dev, code, POOL, scope), scope);
          assertConforms(expected, actual, "reorient " + t + " to " + code);
          assertEquals(0, java.util.Arrays.compare(TestBytes.of(expected), TestBytes.of(actual)), "bytes identical");
        }
      }
    }
  }

  @Test
  void intensity_windowClipScaleZScorePercentiles_matchCpu() {
    try (MemoryScope scope = MemoryScope.open()) {
      Random rnd = new Random(11);
      for (DType t : DType.values()) {
        Geometry g = randomGeometry(rnd, 4, 10);
        Volume host = randomVolume(g, t, 2, rnd.nextLong(), scope);
        Volume dev = onDevice(host, scope);
        assertConforms(Intensity.window(host, 40, 400, POOL, scope), toHost(Intensity.window(dev, 40, 400, POOL, scope), scope), "window " + t);
        assertConforms(Intensity.clip(host, -50, 75.5, POOL, scope), toHost(Intensity.clip(dev, -50, 75.5, POOL, scope), scope), "clip " + t);
        assertConforms(Intensity.scale(host, 0.37, -12, POOL, scope), toHost(Intensity.scale(dev, 0.37, -12, POOL, scope), scope), "scale " + t);
        assertConforms(Intensity.zScore(host, null, POOL, scope), toHost(Intensity.zScore(dev, null, POOL, scope), scope), "zScore " + t);
        assertConforms(Intensity.percentileNormalize(host, null, 0.5, 99.5, 0, 1, true, POOL, scope),
            toHost(Intensity.percentileNormalize(dev, null, 0.5, 99.5, 0, 1, true, POOL, scope), scope), "percentiles " + t);
      }
    }
  }

  @Test
  void pipeline_deviceVolume_staysOnDeviceAndMatchesCpu() {
    TransformPipeline p = TransformPipeline.builder()
        .reorient("RAS")
        .resampleToSpacing(Vec3.of(1.1, 0.9, 1.7), ResampleOptions.linear().withRescale(1, -1024))
        .window(40, 400)
        .build();
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = randomGeometry(new Random(5), 6, 12);
      Volume host = randomVolume(g, DType.INT16, 1, 5, scope);
      // the host pipeline takes the CPU's separable fast path, which rounds differently from the
      // kernels' per-voxel contract: compared within the tolerance
      assertWithinTolerance(p.apply(host, POOL, scope), applyOnDevice(p, host, scope), "pipeline");
    }
  }

  @TestFactory
  Stream<DynamicTest> cropPad_everyBoundaryAndDtype_matchesCpuBitForBit() {
    List<DynamicTest> tests = new ArrayList<>();
    long seed = 300;
    for (DType t : DType.values()) {
      for (Boundary boundary : Boundary.values()) {
        long sd = seed++;
        tests.add(DynamicTest.dynamicTest(boundary + " " + t, () -> {
          Random rnd = new Random(sd);
          try (MemoryScope scope = MemoryScope.open()) {
            Geometry g = randomGeometry(rnd, 3, 8);
            Extent e = g.extent();
            Volume host = randomVolume(g, t, 1 + (int) (sd % 2), sd, scope);
            Volume dev = onDevice(host, scope);
            // a box reaching outside on both sides of every axis, then a pad and a padTo
            IndexBox box = IndexBox.of(-1 - rnd.nextInt(3), -rnd.nextInt(3), -rnd.nextInt(2),
                e.i() + 2 + rnd.nextInt(3), e.j() + 1 + rnd.nextInt(4), e.k() + 1 + rnd.nextInt(3));
            double fill = t == DType.UINT8 ? 7 : -3;
            long hostBefore = scope.liveHostBytes();
            Volume region = CropPad.region(dev, box, boundary, fill, POOL, scope);
            assertEquals(hostBefore, scope.liveHostBytes(), "no host memory for a device region");
            assertBytesEqual(CropPad.region(host, box, boundary, fill, POOL, scope), toHost(region, scope), "region " + box);
            long[] before = {rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(2)}, after = {rnd.nextInt(3), 1, rnd.nextInt(3)};
            assertBytesEqual(CropPad.pad(host, before, after, boundary, fill, POOL, scope),
                toHost(CropPad.pad(dev, before, after, boundary, fill, POOL, scope), scope), "pad");
            Extent min = Extent.of(e.i() + 3, Math.max(1, e.j() - 1), e.k() + 2);
            assertBytesEqual(CropPad.padTo(host, min, boundary, fill, POOL, scope),
                toHost(CropPad.padTo(dev, min, boundary, fill, POOL, scope), scope), "padTo " + min);
            IndexBox inner = IndexBox.of(1, 0, 1, e.i() - 2, e.j(), e.k() - 1);
            assertBytesEqual(CropPad.crop(host, inner, POOL, scope), toHost(CropPad.crop(dev, inner, POOL, scope), scope), "crop");
          }
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void foregroundBox_everyDtypeAndThreshold_matchesCpuOnDevice() {
    Random rnd = new Random(21);
    try (MemoryScope scope = MemoryScope.open()) {
      for (DType t : DType.values()) {
        Geometry g = randomGeometry(rnd, 4, 10);
        Volume host = randomVolume(g, t, 2, rnd.nextLong(), scope);
        Volume dev = onDevice(host, scope);
        double hi = switch (t) {
          case UINT8 -> 250;
          case INT8 -> 125;
          case INT16 -> 3060;
          case UINT16 -> 65400;
          case INT32 -> 998_000;
          case FLOAT32, FLOAT64 -> 280;
        };
        for (double threshold : new double[] {hi, 0.5, 1e12}) {
          for (long margin : new long[] {0, 2}) {
            assertEquals(CropPad.foregroundBox(host, threshold, margin, POOL), CropPad.foregroundBox(dev, threshold, margin, POOL),
                "foreground box " + t + " > " + threshold + " margin " + margin);
          }
        }
        // a strided (reoriented) device view and the crop itself
        Volume flipped = Reorient.to(dev, "PIL", POOL, scope);
        Volume flippedHost = Reorient.to(host, "PIL", POOL, scope);
        assertEquals(CropPad.foregroundBox(flippedHost, hi, 1, POOL), CropPad.foregroundBox(flipped, hi, 1, POOL), "reoriented " + t);
        assertBytesEqual(CropPad.cropToForeground(host, hi, 1, POOL, scope), toHost(CropPad.cropToForeground(dev, hi, 1, POOL, scope), scope),
            "cropToForeground " + t);
      }
    }
  }

  @Test
  void statistics_zScoreAndPercentilesWithMasks_equalCpuExactly() {
    Random rnd = new Random(31);
    try (MemoryScope scope = MemoryScope.open()) {
      for (DType t : DType.values()) {
        Geometry g = randomGeometry(rnd, 4, 9);
        Volume host = randomVolume(g, t, 2, rnd.nextLong(), scope);
        if (t == DType.FLOAT32 || t == DType.FLOAT64) {
          host.data().writeDouble(3, Double.NaN); // NaNs are skipped by percentiles, propagate in moments
        }
        Volume dev = onDevice(host, scope);
        DType mt = List.of(DType.UINT8, DType.FLOAT32, DType.INT16).get(rnd.nextInt(3));
        Volume mask = Volume.allocate(mt, g, 1, scope);
        for (long e = 0; e < mask.data().elementCount(); e++) mask.data().writeDouble(e, rnd.nextInt(3) == 0 ? 0 : (e % 2 == 0 ? 1 : 0.75));
        Volume devMask = onDevice(mask, scope);
        for (int c = 0; c < 2; c++) {
          assertEquals(Intensity.stats(host, c, null, POOL), Intensity.stats(dev, c, null, POOL), "stats " + t + " channel " + c);
          assertEquals(Intensity.stats(host, c, mask, POOL), Intensity.stats(dev, c, devMask, POOL), "masked stats " + t + " " + mt);
          if (c == 0) assertEquals(Intensity.stats(host, c, mask, POOL), Intensity.stats(dev, c, mask, POOL), "host mask, device volume " + t);
          double[] pcts = c == 0 ? new double[] {0.5, 50, 99.5} : new double[] {0, 100};
          assertArrayEquals(Intensity.percentiles(host, c, null, POOL, pcts), Intensity.percentiles(dev, c, null, POOL, pcts),
              "percentiles " + t);
          assertArrayEquals(Intensity.percentiles(host, c, mask, POOL, pcts), Intensity.percentiles(dev, c, devMask, POOL, pcts),
              "masked percentiles " + t);
        }
        long hostBefore = scope.liveHostBytes();
        Volume z = Intensity.zScore(dev, devMask, POOL, scope);
        assertEquals(hostBefore, scope.liveHostBytes(), "device z-score holds no host memory");
        assertConforms(Intensity.zScore(host, mask, POOL, scope), toHost(z, scope), "masked zScore " + t);
      }
    }
  }

  @Test
  void pipeline_cropPadAndStatistics_staysOnDeviceAndMatchesCpu() {
    TransformPipeline p = TransformPipeline.builder()
        .cropToForeground(-500, 1)
        .padTo(Extent.of(12, 12, 9), Boundary.MIRROR, 0)
        .zScore()
        .percentileNormalize(1, 99, 0, 1, true)
        .build();
    try (MemoryScope scope = MemoryScope.open()) {
      Geometry g = randomGeometry(new Random(9), 6, 11);
      Volume host = randomVolume(g, DType.INT16, 1, 9, scope);
      assertConforms(p.apply(host, POOL, scope), applyOnDevice(p, host, scope), "crop/pad/statistics pipeline");
    }
  }

  /** Geometry, dtype and raw bytes identical (crop and pad copy voxels bit for bit). */
  private void assertBytesEqual(Volume expected, Volume actual, String what) {
    assertEquals(expected.geometry(), actual.geometry(), what + ": geometry");
    assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
    assertArrayEquals(expected.data().shape(), actual.data().shape(), what + ": shape");
    assertTrue(Arrays.equals(TestBytes.of(expected), TestBytes.of(actual)), what + ": bytes differ");
  }
}
