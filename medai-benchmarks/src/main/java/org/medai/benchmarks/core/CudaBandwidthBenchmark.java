package org.medai.benchmarks.core;

import java.util.concurrent.TimeUnit;
import org.medai.core.backend.Backend;
import org.medai.core.backend.Device;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * GPU memory bandwidth of the CUDA kernels against a device-to-device copy in the same run, all
 * data resident on the GPU: {@code baselineCopy} copies 1 GiB ({@code cuMemcpyDtoDAsync}),
 * {@code fillFloat32} writes 1 GiB of float32, {@code convertInt16ToFloat32} reads 256 Mi int16
 * and writes them rescaled as float32. Every method waits for the GPU before returning. Fails at
 * set-up, with the probe's reason, where CUDA is unavailable.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CudaBandwidthBenchmark {
  static final long BYTES = 1L << 30;
  static final long ELEMENTS = BYTES / 4;

  private MemoryScope scope;
  private Backend cuda;
  private Tensor copySrc;
  private Tensor copyDst;
  private Tensor int16;
  private Tensor float32;

  @Setup(Level.Trial)
  public void setUp() {
    cuda = Device.cuda().open();
    scope = MemoryScope.open();
    copySrc = cuda.allocate(DType.UINT8, scope, BYTES);
    copyDst = cuda.allocate(DType.UINT8, scope, BYTES);
    int16 = cuda.allocate(DType.INT16, scope, ELEMENTS);
    float32 = cuda.allocate(DType.FLOAT32, scope, ELEMENTS);
    cuda.fill(copySrc, 7);
    cuda.fill(int16, -1000);
    cuda.fill(float32, 0);
    cuda.synchronize();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    scope.close();
    cuda.close();
  }

  @Benchmark
  public Tensor baselineCopy(ByteCounter c) {
    cuda.copy(copySrc, copyDst);
    cuda.synchronize();
    c.add(2 * BYTES);
    return copyDst;
  }

  @Benchmark
  public Tensor fillFloat32(ByteCounter c) {
    cuda.fill(float32, 1.5);
    cuda.synchronize();
    c.add(4 * ELEMENTS);
    return float32;
  }

  @Benchmark
  public Tensor convertInt16ToFloat32(ByteCounter c) {
    cuda.convert(int16, float32, 0.5f, -1024f);
    cuda.synchronize();
    c.add(6 * ELEMENTS);
    return float32;
  }
}
