package org.medai.ehr.cohort;

import java.time.Instant;
import java.util.Objects;

/**
 * The time frame of one label: features come from {@code [observationStart, cutoff]} (only events
 * available at the cutoff), the outcome is looked for in {@code (cutoff + gap, horizonEnd]}. A label
 * is censored when follow-up ends before {@code horizonEnd} without the outcome. Immutable.
 *
 * @param index the anchoring time (admission or discharge)
 * @param observationStart first instant features may come from
 * @param cutoff last instant features may come from
 * @param predictionStart {@code cutoff + gap}
 * @param horizonEnd end of the prediction horizon
 * @param censoredAt end of follow-up when before {@code horizonEnd}, else {@code null}
 */
public record LabelWindow(Instant index, Instant observationStart, Instant cutoff, Instant predictionStart, Instant horizonEnd,
                          Instant censoredAt) {
  public LabelWindow {
    Objects.requireNonNull(index);
    Objects.requireNonNull(cutoff);
    if (observationStart.isAfter(cutoff) || predictionStart.isBefore(cutoff) || horizonEnd.isBefore(predictionStart)) {
      throw new CohortException("MEDAI-COHORT-010", "label window is out of order: observation start <= cutoff <= prediction start <= horizon end");
    }
  }
}
