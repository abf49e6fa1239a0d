package org.medai.ehr.encode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.medai.ehr.timeline.ClinicalEvent;
import org.medai.ehr.timeline.PatientTimeline;

/**
 * Encodes a timeline as (time, variable, value) triplets (Tipirneni and Reddy 2022, STraTS): every
 * matching event available at the cutoff and no older than {@code lookback} before the index, the
 * most recent {@code maxLength} kept, values converted to the variable's unit and z-scored with
 * training statistics when given. Thread-safe once built; cost one pass over the timeline.
 */
public final class SequenceEncoder {
  private final List<Variable> variables;
  private final int maxLength;
  private final Duration lookback;
  private final ImputationStats stats;
  private final Map<String, LongAdder> unitProblems = new ConcurrentHashMap<>();

  /**
   * @param stats training statistics whose variable names equal {@code variables}' (values are
   *     z-scored), or {@code null} for raw values
   */
  public SequenceEncoder(List<Variable> variables, int maxLength, Duration lookback, ImputationStats stats) {
    this.variables = List.copyOf(variables);
    if (maxLength <= 0) throw new EncodeException("MEDAI-ENC-030", "sequence length must be positive, got " + maxLength);
    if (stats != null && !stats.variables().equals(this.variables.stream().map(Variable::name).toList())) {
      throw new EncodeException("MEDAI-ENC-031", "statistics variables " + stats.variables() + " do not match the sequence variables");
    }
    this.maxLength = maxLength;
    this.lookback = lookback;
    this.stats = stats;
  }

  public SequenceSample encode(PatientTimeline timeline, Instant index, Instant cutoff) {
    Instant from = index.minus(lookback);
    List<float[]> triplets = new ArrayList<>();
    for (ClinicalEvent e : timeline.events()) {
      if (!e.availableAt(cutoff) || e.time().isBefore(from)) continue;
      for (int v = 0; v < variables.size(); v++) {
        Variable var = variables.get(v);
        if (!var.matches(e)) continue;
        double x = Values.of(e, var, unitProblems);
        if (Double.isNaN(x)) continue;
        if (stats != null && var.aggregation() != Aggregation.COUNT) x = (x - stats.mean(v)) / stats.std(v);
        float hours = (float) ((e.time().toEpochMilli() - index.toEpochMilli()) / 3_600_000.0);
        triplets.add(new float[] {hours, v, (float) x});
      }
    }
    int n = Math.min(maxLength, triplets.size());
    int skip = triplets.size() - n;
    float[] t = new float[maxLength];
    int[] var = new int[maxLength];
    float[] val = new float[maxLength];
    float[] mask = new float[maxLength];
    for (int i = 0; i < n; i++) {
      float[] tr = triplets.get(skip + i);
      t[i] = tr[0];
      var[i] = (int) tr[1];
      val[i] = tr[2];
      mask[i] = 1;
    }
    return new SequenceSample(timeline.patient(), n, t, var, val, mask);
  }

  public int maxLength() {
    return maxLength;
  }
}
