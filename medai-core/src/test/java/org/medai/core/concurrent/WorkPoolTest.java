package org.medai.core.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medai.core.BackendException;

/** Chunking and error contract of {@link WorkPool#parallelFor}. */
class WorkPoolTest {

  private static List<long[]> chunks(int threads, long n, long grain) {
    List<long[]> seen = Collections.synchronizedList(new ArrayList<>());
    try (WorkPool pool = WorkPool.of(threads)) {
      pool.parallelFor(n, grain, (from, to) -> seen.add(new long[] {from, to}));
    }
    List<long[]> sorted = new ArrayList<>(seen);
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    return sorted;
  }

  @Test
  void chunks_coverTheRangeOnce_inPartsThatDifferByAtMostOne() {
    for (int threads : new int[] {2, 3, 4, 8}) {
      for (long n : new long[] {1, 2, 7, 14, 15, 33, 1000, 1_000_003}) {
        for (long grain : new long[] {1, 3, 64}) {
          List<long[]> c = chunks(threads, n, grain);
          long expectParts = Math.min(4L * threads, Math.max(1, n / grain));
          assertEquals(expectParts, c.size(), "parts for n=" + n + " grain=" + grain + " threads=" + threads);
          long next = 0, min = Long.MAX_VALUE, max = 0;
          for (long[] r : c) {
            assertEquals(next, r[0], "contiguous, no overlap");
            next = r[1];
            min = Math.min(min, r[1] - r[0]);
            max = Math.max(max, r[1] - r[0]);
          }
          assertEquals(n, next, "whole range");
          assertTrue(max - min <= 1, "sizes " + min + ".." + max + " for n=" + n);
          if (c.size() > 1) assertTrue(min >= grain, "each chunk at least the grain");
        }
      }
    }
  }

  @Test
  void fourteenEqualItems_onTwoThreads_splitIntoEightChunks() {
    // the resampler's 2 slabs × 7 bands: 7 chunks of 2 would give one thread 8 items, the other 6
    List<long[]> c = chunks(2, 14, 1);
    assertEquals(8, c.size());
  }

  @Test
  void failureInAChunk_isRethrownOnTheCaller() {
    try (WorkPool pool = WorkPool.of(2)) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> pool.parallelFor(100, 1, (from, to) -> {
            if (from == 0) throw new IllegalStateException("chunk failed");
          }));
      // ForkJoinPool rethrows a copy of the same type whose cause (or itself) is the original
      Throwable original = e.getCause() instanceof IllegalStateException c ? c : e;
      assertEquals("chunk failed", original.getMessage());
    }
  }

  @Test
  void closedPool_refusesWork() {
    WorkPool pool = WorkPool.of(2);
    pool.close();
    assertThrows(BackendException.class, () -> pool.parallelFor(100, 1, (from, to) -> { }));
  }
}
