package org.medai.imaging.segmentation;

import org.medai.core.tensor.Volume;

/**
 * Output of a sliding-window run: the label map on the input's geometry, optionally the class
 * scores, the plan it followed, and measurements. The volumes belong to the scope the caller passed.
 *
 * @param labels UINT8 (or UINT16 beyond 255 classes) label map, same geometry as the input
 * @param probabilities class scores (C channels, float32) or null when not kept
 * @param plan the memory plan the run followed
 * @param measuredPeakBytes native bytes the run held at its peak (MemoryScope accounting)
 * @param timings where the time went
 */
public record SegmentationResult(Volume labels, Volume probabilities, MemoryPlan plan, long measuredPeakBytes,
                                 Timings timings) {

  /**
   * Nanoseconds per stage.
   *
   * @param extractNs copying windows out of the volume (and TTA flips)
   * @param modelNs inside the model runtime
   * @param blendNs weighting and accumulating window outputs
   * @param finalizeNs normalising, activation and argmax
   */
  public record Timings(long extractNs, long modelNs, long blendNs, long finalizeNs) {
    public long orchestrationNs() {
      return extractNs + blendNs + finalizeNs;
    }

    public String toJson() {
      return String.format(java.util.Locale.ROOT,
          "{\"extractMs\":%.3f,\"modelMs\":%.3f,\"blendMs\":%.3f,\"finalizeMs\":%.3f}",
          extractNs / 1e6, modelNs / 1e6, blendNs / 1e6, finalizeNs / 1e6);
    }
  }
}
