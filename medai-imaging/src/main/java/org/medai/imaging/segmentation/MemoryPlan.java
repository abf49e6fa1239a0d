package org.medai.imaging.segmentation;

import java.util.Locale;
import org.medai.core.Json;

/**
 * How a sliding-window run will use native memory, computed before it starts from the volume, the
 * window settings, the model's channels and a byte budget. The run honours it: its measured peak
 * (MemoryScope accounting of medai's own buffers; the model runtime's internal workspace is not
 * included) stays within {@link #peakBytes()}. Immutable.
 *
 * @param extent volume size (i, j, k)
 * @param inputChannels channels the model reads
 * @param outputChannels channels the model writes (classes)
 * @param windowsPerAxis number of window positions along i, j, k
 * @param windows total windows
 * @param slabDepth k-planes accumulated at once (equal to extent k when no streaming is needed)
 * @param slabs number of slabs
 * @param windowEvaluations windows run through the model, counting each TTA pass and each window
 *     repeated at a slab border (model invocations = this / batch size, rounded up per slab)
 * @param inputCopyBytes float32 copy of the input (0 when it already is contiguous float32)
 * @param batchBytes window batch in and out, plus TTA buffers
 * @param accumulatorBytes slab accumulators: classes plus the weight sum, float32
 * @param outputBytes label map, plus probabilities when kept
 * @param peakBytes sum of the above: the most native memory the run holds at once
 * @param budgetBytes the budget the plan was made for
 * @param accumulatorDevice where accumulators live ({@code cpu})
 */
public record MemoryPlan(long[] extent, int inputChannels, int outputChannels, long[] windowsPerAxis,
                         long windows, long slabDepth, long slabs, long windowEvaluations, long inputCopyBytes,
                         long batchBytes, long accumulatorBytes, long outputBytes, long peakBytes,
                         long budgetBytes, String accumulatorDevice) {

  public MemoryPlan {
    extent = extent.clone();
    windowsPerAxis = windowsPerAxis.clone();
  }

  @Override
  public long[] extent() {
    return extent.clone();
  }

  @Override
  public long[] windowsPerAxis() {
    return windowsPerAxis.clone();
  }

  public boolean streaming() {
    return slabs > 1;
  }

  public String toJson() {
    return String.format(Locale.ROOT,
        "{\"extent\":[%d,%d,%d],\"inputChannels\":%d,\"outputChannels\":%d,\"windowsPerAxis\":[%d,%d,%d],"
            + "\"windows\":%d,\"slabDepth\":%d,\"slabs\":%d,\"windowEvaluations\":%d,\"inputCopyBytes\":%d,"
            + "\"batchBytes\":%d,\"accumulatorBytes\":%d,\"outputBytes\":%d,\"peakBytes\":%d,\"budgetBytes\":%d,"
            + "\"accumulatorDevice\":%s}",
        extent[0], extent[1], extent[2], inputChannels, outputChannels, windowsPerAxis[0], windowsPerAxis[1],
        windowsPerAxis[2], windows, slabDepth, slabs, windowEvaluations, inputCopyBytes, batchBytes, accumulatorBytes,
        outputBytes, peakBytes, budgetBytes, Json.quote(accumulatorDevice));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "plan: %d windows (%dx%dx%d), %d slab(s) of %d planes, %d window evaluations; peak %.1f MiB of %.1f MiB budget "
            + "(input copy %.1f, batch %.1f, accumulators %.1f, outputs %.1f MiB)",
        windows, windowsPerAxis[0], windowsPerAxis[1], windowsPerAxis[2], slabs, slabDepth, windowEvaluations,
        mib(peakBytes), mib(budgetBytes), mib(inputCopyBytes), mib(batchBytes), mib(accumulatorBytes), mib(outputBytes));
  }

  private static double mib(long b) {
    return b / (1024.0 * 1024.0);
  }
}
