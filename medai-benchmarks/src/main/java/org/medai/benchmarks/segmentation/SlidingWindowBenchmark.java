package org.medai.benchmarks.segmentation;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.memory.MemoryScope;
import org.medai.core.model.Model;
import org.medai.core.model.ModelOptions;
import org.medai.core.model.ModelRuntimes;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;
import org.medai.imaging.segmentation.RunOptions;
import org.medai.imaging.segmentation.SegmentationResult;
import org.medai.imaging.segmentation.SlidingWindow;
import org.medai.imaging.segmentation.SlidingWindowInference;
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
 * Sliding-window orchestration overhead: a whole sliding-window run ({@code slidingWindow}) beside
 * the model's own time for the same number of window evaluations ({@code baselineModelOnly}, the
 * baseline). Overhead / model time = (slidingWindow − baselineModelOnly) / baselineModelOnly. Volume 96×96×64
 * float32, ROI 48×48×32, overlap 0.5, gaussian blending, batch 1, one intra-op thread.
 * Run from the repository root (the test models are read from medai-imaging's test resources).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
// -Xss16m: forked JMH VMs died with SIGSEGV (no hs_err) inside ONNX Runtime without it; plain threads
// with 256 KiB stacks run the same model fine. Cause not found; the larger stack is harmless here.
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xss16m"})
public class SlidingWindowBenchmark {

  @Param({"tiny3d", "bench3d"})
  public String model;

  private MemoryScope scope;
  private Model m;
  private Volume volume;
  private SlidingWindowInference inference;
  private Tensor window;
  private long evaluations;

  @Setup(Level.Trial)
  public void setUp() {
    Path dir = Path.of(System.getProperty("medai.models.dir", "medai-imaging/src/test/resources/org/medai/imaging/models"));
    m = ModelRuntimes.load(dir.resolve(model + ".onnx"), ModelOptions.defaults().withThreads(1));
    scope = MemoryScope.open();
    volume = Volume.allocate(DType.FLOAT32, Geometry.isotropic(Extent.of(96, 96, 64), 1), 1, scope);
    Random r = new Random(1);
    float[] v = new float[96 * 96 * 64];
    for (int x = 0; x < v.length; x++) v[x] = (float) r.nextGaussian();
    volume.data().hostBuffer().write(0, v);
    inference = new SlidingWindowInference(m, SlidingWindow.of(48, 48, 32).withOverlap(0.5));
    evaluations = inference.plan(volume, RunOptions.defaults()).windowEvaluations();
    window = Tensor.zeros(DType.FLOAT32, scope, 1, 1, 32, 48, 48);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    m.close();
    scope.close();
  }

  @Benchmark
  public long slidingWindow() {
    try (MemoryScope s = scope.child()) {
      SegmentationResult r = inference.run(volume, RunOptions.defaults(), s);
      return r.labels().data().hostBuffer().getByte(12345);
    }
  }

  @Benchmark
  public double baselineModelOnly() {
    double sink = 0;
    for (long e = 0; e < evaluations; e++) {
      try (MemoryScope s = scope.child()) {
        sink += m.run(window, s).hostBuffer().getFloat(0);
      }
    }
    return sink;
  }
}
