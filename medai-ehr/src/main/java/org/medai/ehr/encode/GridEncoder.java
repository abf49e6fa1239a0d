package org.medai.ehr.encode;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.medai.ehr.timeline.ClinicalEvent;
import org.medai.ehr.timeline.PatientTimeline;

/**
 * Encodes a patient's timeline onto a {@link GridSpec} grid at a cutoff: per-bin aggregation, a mask
 * of observed cells, imputation ({@link Imputation}) with training-split {@link ImputationStats}, and
 * GRU-D deltas ({@link GruD}). Only events {@link ClinicalEvent#availableAt available at the cutoff}
 * (effective and recorded at or before it) are used, so adding any later event leaves every array
 * bit-identical. {@link #online} gives an event-by-event state that yields the same arrays.
 *
 * <p>Thread-safe once built (the unit-problem counters are concurrent). Cost: one pass over the
 * timeline plus O(T * D).
 */
public final class GridEncoder {
  private final GridSpec spec;
  private final ImputationStats stats;
  private final Map<String, LongAdder> unitProblems = new ConcurrentHashMap<>();
  private final long binMillis;
  private final double[] timestamps;

  public GridEncoder(GridSpec spec, ImputationStats stats) {
    stats.checkFor(spec);
    this.spec = spec;
    this.stats = stats;
    this.binMillis = spec.binWidth().toMillis();
    this.timestamps = new double[spec.bins()];
    for (int t = 0; t < spec.bins(); t++) timestamps[t] = t * spec.binHours();
  }

  public GridSpec spec() {
    return spec;
  }

  public ImputationStats stats() {
    return stats;
  }

  /** Events whose unit could not be converted, per reason (e.g. {@code unknown-unit:[furlong]}); they were not used. */
  public Map<String, Long> unitProblems() {
    Map<String, Long> m = new TreeMap<>();
    unitProblems.forEach((k, v) -> m.put(k, v.sum()));
    return Collections.unmodifiableMap(m);
  }

  /** Number of bins that start at or before {@code cutoff}. */
  int validBins(Instant index, Instant cutoff) {
    long dt = cutoff.toEpochMilli() - index.toEpochMilli();
    if (dt < 0) return 0;
    return (int) Math.min(spec.bins(), dt / binMillis + 1);
  }

  /** Bin of an event, or -1 when it is before the index or past the grid. */
  int binOf(Instant index, ClinicalEvent e) {
    long dt = e.time().toEpochMilli() - index.toEpochMilli();
    if (dt < 0) return -1;
    long b = dt / binMillis;
    return b >= spec.bins() ? -1 : (int) b;
  }

  double valueOf(ClinicalEvent e, Variable v) {
    return Values.of(e, v, unitProblems);
  }

  /** Encodes {@code timeline} with bin 0 starting at {@code index}, using what was available at {@code cutoff}. */
  public GridSample encode(PatientTimeline timeline, Instant index, Instant cutoff) {
    int d = spec.variables().size();
    int valid = validBins(index, cutoff);
    Cell[] cells = new Cell[spec.bins() * d];
    for (ClinicalEvent e : timeline.events()) {
      if (!e.availableAt(cutoff)) continue;
      int b = binOf(index, e);
      if (b < 0 || b >= valid) continue;
      for (int v = 0; v < d; v++) {
        Variable var = spec.variables().get(v);
        if (!var.matches(e)) continue;
        double x = valueOf(e, var);
        if (Double.isNaN(x)) continue;
        int i = b * d + v;
        if (cells[i] == null) cells[i] = new Cell();
        cells[i].add(x);
      }
    }
    return finish(timeline.patient(), index, cutoff, valid, cells);
  }

  /** An online state for one live patient: add events as they arrive, take the grid at any cutoff. */
  public OnlineGridState online(String patient, Instant index) {
    return new OnlineGridState(this, patient, index);
  }

  /** Streaming aggregate of one cell, fed in timeline order. */
  static final class Cell {
    double sum;
    int n;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double last;

    void add(double x) {
      sum += x;
      n++;
      min = Math.min(min, x);
      max = Math.max(max, x);
      last = x;
    }

    double get(Aggregation a) {
      return switch (a) {
        case MEAN -> sum / n;
        case LAST -> last;
        case MIN -> min;
        case MAX -> max;
        case COUNT -> n;
      };
    }
  }

  /** Aggregates, imputes and computes deltas: the one place both batch and online encoding finish in. */
  GridSample finish(String patient, Instant index, Instant cutoff, int valid, Cell[] cells) {
    int d = spec.variables().size();
    int bins = spec.bins();
    float[] values = new float[bins * d];
    float[] mask = new float[bins * d];
    float[] timeMask = new float[bins];
    for (int v = 0; v < d; v++) {
      Variable var = spec.variables().get(v);
      boolean count = var.aggregation() == Aggregation.COUNT;
      float mean = (float) stats.mean(v);
      float carry = mean;
      for (int t = 0; t < valid; t++) {
        int i = t * d + v;
        Cell c = cells[i];
        if (c != null) {
          float x = (float) c.get(var.aggregation());
          values[i] = x;
          mask[i] = 1;
          carry = x;
        } else if (!count) {
          values[i] = switch (spec.imputation()) {
            case ZERO -> 0f;
            case MEAN -> mean;
            case FORWARD_FILL -> carry;
          };
        }
      }
    }
    for (int t = 0; t < valid; t++) timeMask[t] = 1;
    float[] delta = GruD.deltas(timestamps, mask, d, valid);
    return new GridSample(patient, index, cutoff, bins, d, valid, values, mask, delta, timeMask);
  }

  List<Variable> variables() {
    return spec.variables();
  }
}
