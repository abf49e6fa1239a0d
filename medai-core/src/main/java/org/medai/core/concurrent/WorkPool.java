package org.medai.core.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.medai.core.BackendException;
import org.medai.core.InvalidArgumentException;

/**
 * A CPU thread pool of a size the caller chooses, for data-parallel loops. Threads start on first
 * use, never at construction or class load. Thread-safe; close it to stop the threads (a pool of
 * one thread runs work on the calling thread and starts none).
 */
public final class WorkPool implements AutoCloseable {

  /** Body of a parallel loop over the half-open range {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(long from, long to);
  }

  private final int threads;
  private volatile ForkJoinPool pool;
  private volatile boolean closed;

  private WorkPool(int threads) {
    if (threads < 1) {
      throw new InvalidArgumentException("MEDAI-ARG-010", "thread count must be at least 1, got " + threads);
    }
    this.threads = threads;
  }

  public static WorkPool of(int threads) {
    return new WorkPool(threads);
  }

  /** A pool sized to the available processors. */
  public static WorkPool ofAvailableProcessors() {
    return new WorkPool(Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into contiguous chunks of at least {@code grain}
   * elements (at most four per thread, sizes differing by at most one), and waits. Exceptions from
   * a chunk are rethrown on the caller's thread.
   */
  public void parallelFor(long n, long grain, RangeBody body) {
    if (n <= 0) return;
    int parts = (int) Math.min(threads * 4L, Math.max(1, n / Math.max(1, grain)));
    if (threads == 1 || parts <= 1) {
      body.run(0, n);
      return;
    }
    ForkJoinPool p = pool();
    List<Future<?>> futures = new ArrayList<>(parts);
    // exactly `parts` chunks whose sizes differ by at most one (the first n % parts are one longer):
    // a fixed chunk of ceil(n / parts) can leave a count that threads cannot share evenly (14 equal
    // items in 7 chunks of 2 gave 2 threads 8 and 6)
    long base = n / parts, longer = n % parts;
    for (int i = 0; i < parts; i++) {
      long f = i * base + Math.min(i, longer);
      long t = f + base + (i < longer ? 1 : 0);
      futures.add(p.submit(() -> body.run(f, t)));
    }
    RuntimeException first = null;
    for (Future<?> fu : futures) {
      try {
        fu.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BackendException("MEDAI-CPU-001", "interrupted while waiting for parallel work", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (first == null) {
          first = c instanceof RuntimeException re ? re
              : new BackendException("MEDAI-CPU-002", "parallel work failed: " + c, c);
        }
      }
    }
    if (first != null) throw first;
  }

  private ForkJoinPool pool() {
    ForkJoinPool p = pool;
    if (p == null) {
      synchronized (this) {
        if (closed) throw new BackendException("MEDAI-CPU-003", "work pool is closed");
        p = pool;
        if (p == null) {
          p = new ForkJoinPool(threads);
          pool = p;
        }
      }
    }
    return p;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (pool != null) pool.shutdown();
  }
}
