package org.medai.imaging.segmentation;

import java.util.concurrent.atomic.AtomicBoolean;
import org.medai.core.InvalidArgumentException;

/**
 * Per-run settings of sliding-window inference.
 *
 * @param budgetBytes native memory the run may hold at once (see {@link MemoryPlan})
 * @param keepProbabilities also return the blended, activated class scores (C × D × H × W float32)
 * @param progress told after each window batch; may be null
 * @param cancel set it to true from any thread to stop the run at the next batch; may be null
 */
public record RunOptions(long budgetBytes, boolean keepProbabilities, ProgressListener progress, AtomicBoolean cancel) {

  public RunOptions {
    if (budgetBytes <= 0) throw new InvalidArgumentException("MEDAI-SEG-010", "budgetBytes must be > 0; got " + budgetBytes);
  }

  /** 4 GiB budget, labels only, no progress, not cancellable. */
  public static RunOptions defaults() {
    return new RunOptions(4L << 30, false, null, null);
  }

  public RunOptions withBudget(long bytes) {
    return new RunOptions(bytes, keepProbabilities, progress, cancel);
  }

  public RunOptions withProbabilities(boolean keep) {
    return new RunOptions(budgetBytes, keep, progress, cancel);
  }

  public RunOptions withProgress(ProgressListener p) {
    return new RunOptions(budgetBytes, keepProbabilities, p, cancel);
  }

  public RunOptions withCancel(AtomicBoolean c) {
    return new RunOptions(budgetBytes, keepProbabilities, progress, c);
  }

  /** Parses sizes such as {@code 512m}, {@code 4g}, {@code 1048576}. */
  public static long parseBytes(String s) {
    String v = s.trim().toLowerCase(java.util.Locale.ROOT);
    long mul = 1;
    if (v.endsWith("k")) mul = 1L << 10;
    else if (v.endsWith("m")) mul = 1L << 20;
    else if (v.endsWith("g")) mul = 1L << 30;
    if (mul > 1) v = v.substring(0, v.length() - 1);
    try {
      double d = Double.parseDouble(v) * mul;
      if (!(d > 0) || d > Long.MAX_VALUE) throw new NumberFormatException(s);
      return (long) d;
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("MEDAI-SEG-011", "size must look like 512m, 4g or a byte count; got " + s);
    }
  }
}
