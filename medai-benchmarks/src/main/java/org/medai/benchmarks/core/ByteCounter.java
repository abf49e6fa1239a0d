package org.medai.benchmarks.core;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes a benchmark read and wrote, as a JMH auxiliary counter: in throughput mode JMH reports it as
 * a secondary metric {@code bytes} in bytes per time unit, which {@link org.medai.benchmarks.BenchmarkReport}
 * turns into effective bandwidth. Add it as a parameter of a benchmark method and call
 * {@link #add(long)} once per operation. One per benchmark thread.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCounter {
  /** Read by JMH through reflection; public by JMH's rules. */
  public long bytes;

  @Setup(Level.Iteration)
  public void reset() {
    bytes = 0;
  }

  public void add(long n) {
    bytes += n;
  }
}
