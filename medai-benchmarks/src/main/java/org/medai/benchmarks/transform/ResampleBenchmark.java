package org.medai.benchmarks.transform;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.medai.benchmarks.core.ByteCounter;
import org.medai.benchmarks.core.PairedCounter;
import org.medai.core.backend.Backend;
import org.medai.core.backend.Device;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.RawMemory;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;
import org.medai.imaging.transform.Interpolation;
import org.medai.imaging.transform.Resample;
import org.medai.imaging.transform.ResampleOptions;
import org.medai.imaging.transform.ResamplePlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 512×512×300 int16 CT (0.7 × 0.7 × 2.5 mm) resampled to 1 mm isotropic float32 (358×358×750),
 * linear and cubic B-spline, on 1 and 2 threads, beside the foundation suite's host copy baseline
 * ({@code baselineCopy}: the CPU backend copying a 256 MiB off-heap buffer with the same thread
 * count, as in {@link org.medai.benchmarks.core.CpuBandwidthBenchmark}) measured in the same run.
 * Effective bandwidth counts the bytes a resample must move at least: the int16 input read once
 * (150 MiB) plus the float32 output written once (367 MiB); the copy moves 2 × 256 MiB. Run it with
 * {@code scripts/bench.sh transform.ResampleBenchmark}, which prints both and their ratio.
 *
 * <p>{@code pairedWithCopy} runs a resample and a copy in every operation and reports the ratio of
 * their bandwidths within the same operations (see {@link PairedCounter}).
 *
 * <p>The output volume is allocated once per trial ({@link Resample#executeInto}); the B-spline
 * coefficient volume (300 MiB of float32) is allocated inside every call, as in real use.
 *
 * <p>The kernels ({@link Resample#cpuKernels()} prints which): linear runs the native AVX-512 kernel
 * where the imaging jar has it and the CPU runs it; {@code -p kernels=java} turns it off in the fork
 * ({@code medai.nativeKernels=false}) to measure the Java kernels. Those run on the Vector API where
 * the JVM has {@code --add-modules jdk.incubator.vector} (forks get it from {@link Fork};
 * {@code -jvmArgsAppend -Xmx2g} on the command line replaces that and measures the scalar
 * kernels), otherwise as scalar Java (all give the same output bytes). C2 needs many calls to compile the vector code
 * (about 80 linear calls, 3 s, on the 2-core build machine, with calls up to 2× slower while it
 * compiles), hence time-based warm-up iterations of 2 s rather than a few single shots.
 *
 * <p>{@link #main} times the resample in-process instead, with the process CPU time beside the wall
 * time, so that 1 → 2 thread scaling can be read even on a machine shared with other jobs (wall
 * time then reflects the other jobs; CPU time per call shows whether the work splits without
 * overhead).
 */
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"-Xmx2g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ResampleBenchmark {

  static final Extent CT = Extent.of(512, 512, 300);
  static final long COPY_BYTES = 256L << 20;
  /** Bytes a resample must move at least: the int16 input read once plus the float32 output written once. */
  static final long RESAMPLE_BYTES = resampleBytes();

  @Param({"LINEAR", "BSPLINE"})
  public String interp;

  @Param({"1", "2"})
  public int threads;

  /** {@code auto}: the kernels the library picks; {@code java}: the native kernel off in this fork. */
  @Param({"auto"})
  public String kernels;

  MemoryScope scope;
  WorkPool pool;
  Backend cpu;
  Volume ct;
  Volume out;
  ResamplePlan plan;
  Tensor copySrc;
  Tensor copyDst;

  @Setup(Level.Trial)
  public void setUp() {
    // before the first resample: the loader reads the property once per JVM (each JMH fork is one)
    if ("java".equals(kernels)) System.setProperty("medai.nativeKernels", "false");
    scope = MemoryScope.open();
    pool = WorkPool.of(threads);
    cpu = Device.cpu(threads).open();
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
    System.out.println("kernels: " + Resample.cpuKernels());
    copySrc = cpu.allocate(DType.UINT8, scope, COPY_BYTES);
    copyDst = cpu.allocate(DType.UINT8, scope, COPY_BYTES);
    // touch every page so that first-use page faults stay out of the measurement
    cpu.fill(copySrc, 7);
    cpu.fill(copyDst, 0);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
    cpu.close();
    scope.close();
  }

  @Benchmark
  public Volume resample(ByteCounter c) {
    Resample.executeInto(plan, ct, out, pool, scope);
    c.add(RESAMPLE_BYTES);
    return out;
  }

  /** The foundation suite's baseline in the same run: the CPU backend copies 256 MiB, same thread count. */
  @Benchmark
  public Tensor baselineCopy(ByteCounter c) {
    cpu.copy(copySrc, copyDst);
    c.add(2 * COPY_BYTES);
    return copyDst;
  }

  /**
   * A resample and then the copy baseline in every operation, each part timed ({@link PairedCounter}):
   * the report gives the resample's bandwidth over the copy's within the same operations, which
   * the host's slow phases (tens of seconds, see docs/transform.md) cannot split the way they can
   * split the separately run {@code resample} and {@code baselineCopy}.
   */
  @Benchmark
  public Volume pairedWithCopy(PairedCounter c) {
    long t0 = System.nanoTime();
    Resample.executeInto(plan, ct, out, pool, scope);
    long t1 = System.nanoTime();
    cpu.copy(copySrc, copyDst);
    long t2 = System.nanoTime();
    c.add(RESAMPLE_BYTES, t1 - t0, 2 * COPY_BYTES, t2 - t1);
    return out;
  }

  private static long resampleBytes() {
    return CT.voxelCount() * 2 + Resample.gridForSpacing(
        Geometry.axisAligned(CT, Vec3.of(0.7, 0.7, 2.5), Vec3.ZERO), Vec3.ONES).extent().voxelCount() * 4;
  }

  /** In-process timings (see the class comment); the argument is the number of timed calls. */
  public static void main(String[] args) {
    scaling(args.length > 0 ? Integer.parseInt(args[0]) : 10);
  }

  /** In-process: wall and process CPU time per call, 1 and 2 threads, copy baseline beside each. */
  static void scaling(int iterations) {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (!(os instanceof com.sun.management.OperatingSystemMXBean sun)) return;
    String kernels = Resample.cpuKernels();
    for (String interp : new String[] {"LINEAR", "BSPLINE"}) {
      for (int threads = 1; threads <= 2; threads++) {
        ResampleBenchmark b = new ResampleBenchmark();
        b.interp = interp;
        b.threads = threads;
        b.kernels = "auto";
        b.setUp();
        try {
          ByteCounter counter = new ByteCounter();
          // warm up for 4 s and at least 5 calls: the vector code needs many calls to compile
          long until = System.nanoTime() + 4_000_000_000L;
          for (int w = 0; w < 5 || System.nanoTime() < until; w++) b.resample(counter);
          double wall = 0, cpu = 0, copy = 0;
          for (int it = 0; it < iterations; it++) {
            long c0 = sun.getProcessCpuTime(), t0 = System.nanoTime();
            b.resample(counter);
            long t1 = System.nanoTime(), c1 = sun.getProcessCpuTime();
            b.baselineCopy(counter);
            copy += (System.nanoTime() - t1) / 1e6;
            wall += (t1 - t0) / 1e6;
            cpu += (c1 - c0) / 1e6;
          }
          wall /= iterations;
          cpu /= iterations;
          copy /= iterations;
          double gbs = RESAMPLE_BYTES / (wall * 1e6), copyGbs = 2.0 * COPY_BYTES / (copy * 1e6);
          System.out.printf(Locale.ROOT,
              "in-process (%s) %-7s threads=%d: wall %.0f ms, CPU %.0f ms per call, %.2f GB/s, copy %.1f ms → %.1f%% of copy%n",
              kernels, interp, threads, wall, cpu, gbs, copy, 100 * gbs / copyGbs);
        } finally {
          b.tearDown();
        }
      }
    }
  }
}
