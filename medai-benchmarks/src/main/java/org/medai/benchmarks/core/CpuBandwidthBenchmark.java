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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Host memory bandwidth of the CPU backend's element-wise kernels against a plain copy measured in
 * the same run: {@code baselineCopy} copies a 256 MiB off-heap buffer (256 MiB read + 256 MiB
 * written) with the same thread count; {@code fillFloat32} writes 256 MiB of float32;
 * {@code convertInt16ToFloat32} reads 64 Mi int16 (128 MiB) and writes them rescaled as float32
 * (256 MiB), the DICOM modality rescale. Each reports bytes read + written as the {@code bytes}
 * counter, so the report shows effective bandwidth and its ratio to the copy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CpuBandwidthBenchmark {
  static final long BYTES = 256L << 20;
  static final long ELEMENTS = BYTES / 4;

  @Param({"1", "2"})
  public int threads;

  private MemoryScope scope;
  private Backend cpu;
  private Tensor copySrc;
  private Tensor copyDst;
  private Tensor int16;
  private Tensor float32;

  @Setup(Level.Trial)
  public void setUp() {
    scope = MemoryScope.open();
    cpu = Device.cpu(threads).open();
    copySrc = cpu.allocate(DType.UINT8, scope, BYTES);
    copyDst = cpu.allocate(DType.UINT8, scope, BYTES);
    int16 = cpu.allocate(DType.INT16, scope, ELEMENTS);
    float32 = cpu.allocate(DType.FLOAT32, scope, ELEMENTS);
    // Touch every page so that first-use page faults stay out of the measurement.
    cpu.fill(copySrc, 7);
    cpu.fill(copyDst, 0);
    for (long i = 0; i < ELEMENTS; i++) int16.hostBuffer().putShort(2 * i, (short) ((i * 2654435761L) >>> 20));
    cpu.fill(float32, 0);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    scope.close();
    cpu.close();
  }

  @Benchmark
  public Tensor baselineCopy(ByteCounter c) {
    cpu.copy(copySrc, copyDst);
    c.add(2 * BYTES);
    return copyDst;
  }

  @Benchmark
  public Tensor fillFloat32(ByteCounter c) {
    cpu.fill(float32, 1.5);
    c.add(4 * ELEMENTS);
    return float32;
  }

  @Benchmark
  public Tensor convertInt16ToFloat32(ByteCounter c) {
    cpu.convert(int16, float32, 0.5f, -1024f);
    c.add(6 * ELEMENTS);
    return float32;
  }
}
