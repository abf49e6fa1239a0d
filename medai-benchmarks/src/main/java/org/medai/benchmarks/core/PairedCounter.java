package org.medai.benchmarks.core;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * For a benchmark whose every operation runs the measured work and then its baseline (a copy, say),
 * timing each part: bytes and nanoseconds of both, as JMH event counters (totals, not rates).
 * {@link org.medai.benchmarks.BenchmarkReport} turns them into the measured part's effective
 * bandwidth and its ratio to the baseline's bandwidth of the same operations. On a host whose speed
 * drifts over tens of seconds, the two parts of one operation see the same host, where separately
 * run benchmarks may not. One per benchmark thread.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class PairedCounter {
  /** Read by JMH through reflection; public by JMH's rules. */
  public long pairedBytes;
  public long pairedNanos;
  public long pairedBaselineBytes;
  public long pairedBaselineNanos;

  @Setup(Level.Iteration)
  public void reset() {
    pairedBytes = 0;
    pairedNanos = 0;
    pairedBaselineBytes = 0;
    pairedBaselineNanos = 0;
  }

  /** One operation: the measured part's bytes and time, then the baseline's. */
  public void add(long bytes, long nanos, long baselineBytes, long baselineNanos) {
    pairedBytes += bytes;
    pairedNanos += nanos;
    pairedBaselineBytes += baselineBytes;
    pairedBaselineNanos += baselineNanos;
  }
}
