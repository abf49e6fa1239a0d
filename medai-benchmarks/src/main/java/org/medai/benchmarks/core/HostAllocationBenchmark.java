package org.medai.benchmarks.core;

import java.util.concurrent.TimeUnit;
import org.medai.core.backend.Backend;
import org.medai.core.backend.Device;
import org.medai.core.memory.MemoryScope;
import org.medai.core.memory.NativeBuffer;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
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
 * What a fresh host buffer costs: {@code allocateAndWrite} allocates 256 MiB, writes every float32
 * of it once with the CPU backend and frees it, as a transform that allocates its output or
 * scratch per call does; {@code baselineWrite} writes the same 256 MiB into a buffer whose pages
 * are already in place, in the same run. Their ratio is the price of the first write's page faults.
 * {@code hugePages=auto} lets {@link NativeBuffer} map large buffers on transparent huge pages
 * where the platform offers them ({@link NativeBuffer#hostAllocator()} is printed per fork);
 * {@code off} runs the fork with {@code medai.hugePages=false}, i.e. malloc.
 */
@State(Scope.Benchmark)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HostAllocationBenchmark {
  static final long BYTES = 256L << 20;

  @Param({"auto", "off"})
  public String hugePages;

  private MemoryScope scope;
  private Backend cpu;
  private Tensor touched;

  @Setup(Level.Trial)
  public void setUp() {
    // before the first allocation: the allocator reads the property once per JVM (each fork is one)
    if ("off".equals(hugePages)) System.setProperty("medai.hugePages", "false");
    scope = MemoryScope.open();
    cpu = Device.cpu(1).open();
    touched = cpu.allocate(DType.FLOAT32, scope, BYTES / 4);
    cpu.fill(touched, 0);
    System.out.println("host allocator: " + NativeBuffer.hostAllocator());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cpu.close();
    scope.close();
  }

  @Benchmark
  public void allocateAndWrite(ByteCounter c) {
    try (MemoryScope call = scope.child()) {
      cpu.fill(cpu.allocate(DType.FLOAT32, call, BYTES / 4), 1);
    }
    c.add(BYTES);
  }

  @Benchmark
  public Tensor baselineWrite(ByteCounter c) {
    cpu.fill(touched, 1);
    c.add(BYTES);
    return touched;
  }
}
