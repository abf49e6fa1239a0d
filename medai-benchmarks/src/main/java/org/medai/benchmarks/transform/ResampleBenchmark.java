package org.medai.benchmarks.transform;

import java.util.Collection;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.RawMemory;
import org.medai.core.memory.MemoryScope;
import org.medai.core.memory.NativeBuffer;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;
import org.medai.imaging.transform.Interpolation;
import org.medai.imaging.transform.Resample;
import org.medai.imaging.transform.ResampleOptions;
import org.medai.imaging.transform.ResamplePlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A 512×512×300 int16 CT (0.7 × 0.7 × 2.5 mm) resampled to 1 mm isotropic float32 (358×358×750),
 * linear and cubic B-spline, on 1 and 2 threads, beside a host copy of a 256 MiB off-heap buffer
 * measured in the same run. Effective bandwidth counts the bytes a resample must move at least:
 * the int16 input read once (150 MiB) plus the float32 output written once (367 MiB); the copy
 * moves 2 × 256 MiB. {@link #main} runs the suite and prints both figures and their ratio.
 *
 * <p>The output volume is allocated once per trial ({@link Resample#executeInto}); the B-spline
 * coefficient volume (300 MiB of float32) is allocated inside every call, as in real use.
 *
 * <p>The kernels: where the JVM runs with {@code --add-modules jdk.incubator.vector}, the int16
 * widening, i gathers and k combination run on the Vector API, otherwise as scalar Java (same
 * output bytes). Forks started by JMH get the module (see {@link Fork}); {@link #main} runs the
 * suite once with and once without it and prints both.
 *
 * <p>{@link #main} also times the resample in-process with the process CPU time beside the wall
 * time, so that 1 → 2 thread scaling can be read even on a machine shared with other jobs (wall
 * time then reflects the other jobs; CPU time per call shows whether the work splits without
 * overhead).
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xmx2g", "--add-modules=jdk.incubator.vector"})
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ResampleBenchmark {

  static final Extent CT = Extent.of(512, 512, 300);
  static final long COPY_BYTES = 256L << 20;

  @Param({"LINEAR", "BSPLINE"})
  public String interp;

  @Param({"1", "2"})
  public int threads;

  MemoryScope scope;
  WorkPool pool;
  Volume ct;
  Volume out;
  ResamplePlan plan;
  NativeBuffer copySrc;
  NativeBuffer copyDst;

  @Setup(Level.Trial)
  public void setUp() {
    scope = MemoryScope.open();
    pool = WorkPool.of(threads);
    Geometry g = Geometry.axisAligned(CT, Vec3.of(0.7, 0.7, 2.5), Vec3.of(-179, -179, -375));
    ct = Volume.allocate(DType.INT16, g, 1, scope);
    // a smooth body-like phantom with noise, in HU-like stored values
    SplittableRandom rnd = new SplittableRandom(1);
    long a = ct.data().hostBuffer().address();
    for (long k = 0; k < CT.k(); k++) {
      for (long j = 0; j < CT.j(); j++) {
        for (long i = 0; i < CT.i(); i++) {
          double r2 = ((i - 256) * (i - 256) + (j - 256) * (j - 256)) / (200.0 * 200.0);
          int v = (int) (r2 < 1 ? 1024 + 40 * Math.cos(k * 0.05) : 0) + rnd.nextInt(20);
          RawMemory.putShort(a + 2 * ((k * CT.j() + j) * CT.i() + i), (short) v);
        }
      }
    }
    plan = ResamplePlan.create(g, DType.INT16, Resample.gridForSpacing(g, Vec3.ONES), null,
        ResampleOptions.of(Interpolation.valueOf(interp)).withRescale(1, -1024));
    out = Volume.allocate(plan.outputType(), plan.target(), 1, scope);
    out.data().hostBuffer().fillBytes((byte) 0);
    System.out.println("kernels: " + (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "Vector API" : "scalar"));
    copySrc = scope.allocate(COPY_BYTES);
    copyDst = scope.allocate(COPY_BYTES);
    copySrc.fillBytes((byte) 1);
    copyDst.fillBytes((byte) 0);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
    scope.close();
  }

  @Benchmark
  public Volume resample() {
    Resample.executeInto(plan, ct, out, pool, scope);
    return out;
  }

  /** Baseline in the same run: one host copy of 256 MiB (memcpy in 1 MiB chunks, one thread). */
  @Benchmark
  public NativeBuffer hostCopy256MiB() {
    RawMemory.copy(copySrc.address(), copyDst.address(), COPY_BYTES);
    return copyDst;
  }

  static long resampleBytes() {
    return CT.voxelCount() * 2 + Resample.gridForSpacing(
        Geometry.axisAligned(CT, Vec3.of(0.7, 0.7, 2.5), Vec3.ZERO), Vec3.ONES).extent().voxelCount() * 4;
  }

  /**
   * Runs the suite briefly, once with the Vector API kernels and once with the scalar ones, and
   * prints effective bandwidths and the ratio to the copy baseline of the same run; then the
   * in-process timings (with the kernels this JVM has).
   */
  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    for (boolean vector : new boolean[] {true, false}) {
      // jvmArgs replaces what forks would inherit from this JVM (which may have the module); a
      // non-empty jvmArgsAppend replaces the class's @Fork one
      String append = vector ? "--add-modules=jdk.incubator.vector" : "-Dmedai.benchmark.kernels=scalar";
      Collection<RunResult> results = new Runner(new OptionsBuilder()
          .include(ResampleBenchmark.class.getName())
          // single shots: the Vector API code is only fast once C2 has compiled it, which takes
          // several whole calls (with 3 warm-up shots the vector run measured 60 % slower)
          .forks(1).warmupIterations(10).measurementIterations(iterations)
          .jvmArgs("-Xmx2g").jvmArgsAppend(append)
          .timeout(TimeValue.minutes(5))
          .build()).run();
      report(vector ? "Vector API kernels" : "scalar kernels", results);
    }
    scaling(iterations);
  }

  private static void report(String kernels, Collection<RunResult> results) {
    double copyMs = Double.NaN;
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().endsWith("hostCopy256MiB") && r.getParams().getParam("threads").equals("1")
          && r.getParams().getParam("interp").equals("LINEAR")) {
        copyMs = r.getPrimaryResult().getScore();
      }
    }
    double copyGbs = 2.0 * COPY_BYTES / (copyMs * 1e6);
    System.out.printf(Locale.ROOT, "%s: host copy 256 MiB: %.1f ms, %.2f GB/s (read + write)%n", kernels, copyMs, copyGbs);
    for (RunResult r : results) {
      if (!r.getParams().getBenchmark().endsWith("resample")) continue;
      double ms = r.getPrimaryResult().getScore();
      double gbs = resampleBytes() / (ms * 1e6);
      System.out.printf(Locale.ROOT, "%s: resample %-7s threads=%s: %.0f ms, %.2f GB/s effective, %.1f%% of copy%n",
          kernels, r.getParams().getParam("interp"), r.getParams().getParam("threads"), ms, gbs, 100 * gbs / copyGbs);
    }
  }

  /** In-process: wall and process CPU time per call, 1 and 2 threads, copy baseline beside each. */
  static void scaling(int iterations) {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (!(os instanceof com.sun.management.OperatingSystemMXBean sun)) return;
    String kernels = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "Vector API" : "scalar";
    for (String interp : new String[] {"LINEAR", "BSPLINE"}) {
      for (int threads = 1; threads <= 2; threads++) {
        ResampleBenchmark b = new ResampleBenchmark();
        b.interp = interp;
        b.threads = threads;
        b.setUp();
        try {
          for (int w = 0; w < 15; w++) b.resample();
          double wall = 0, cpu = 0, copy = 0;
          for (int it = 0; it < iterations; it++) {
            long c0 = sun.getProcessCpuTime(), t0 = System.nanoTime();
            b.resample();
            long t1 = System.nanoTime(), c1 = sun.getProcessCpuTime();
            b.hostCopy256MiB();
            copy += (System.nanoTime() - t1) / 1e6;
            wall += (t1 - t0) / 1e6;
            cpu += (c1 - c0) / 1e6;
          }
          wall /= iterations;
          cpu /= iterations;
          copy /= iterations;
          double gbs = resampleBytes() / (wall * 1e6), copyGbs = 2.0 * COPY_BYTES / (copy * 1e6);
          System.out.printf(Locale.ROOT,
              "in-process (%s kernels) %-7s threads=%d: wall %.0f ms, CPU %.0f ms per call, %.2f GB/s, copy %.1f ms → %.1f%% of copy%n",
              kernels, interp, threads, wall, cpu, gbs, copy, 100 * gbs / copyGbs);
        } finally {
          b.tearDown();
        }
      }
    }
  }
}
