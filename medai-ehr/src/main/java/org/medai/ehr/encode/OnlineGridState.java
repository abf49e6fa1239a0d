package org.medai.ehr.encode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.medai.ehr.timeline.ClinicalEvent;

/**
 * Encoder state for one live patient, updated event by event in any arrival order (late-recorded
 * results included). {@link #snapshot(Instant)} yields exactly what {@link GridEncoder#encode} gives
 * for the patient's full timeline at that cutoff. Memory: the events that fall on the grid, kept per
 * cell in timeline order. Not thread-safe; confine one state to one thread.
 */
public final class OnlineGridState {
  private record Entry(ClinicalEvent event, double value) {}

  private final GridEncoder encoder;
  private final String patient;
  private final Instant index;
  private final List<List<Entry>> cells;
  private long events;

  OnlineGridState(GridEncoder encoder, String patient, Instant index) {
    this.encoder = encoder;
    this.patient = patient;
    this.index = index;
    int n = encoder.spec().bins() * encoder.spec().variables().size();
    this.cells = new ArrayList<>(Collections.nCopies(n, (List<Entry>) null));
  }

  /** Adds one event of this patient; events before the index or past the grid are ignored. */
  public void add(ClinicalEvent e) {
    if (!e.patient().equals(patient)) {
      throw new EncodeException("MEDAI-ENC-020", "event from " + e.source() + " belongs to another patient than this online state");
    }
    events++;
    int b = encoder.binOf(index, e);
    if (b < 0) return;
    int d = encoder.variables().size();
    for (int v = 0; v < d; v++) {
      Variable var = encoder.variables().get(v);
      if (!var.matches(e)) continue;
      double x = encoder.valueOf(e, var);
      if (Double.isNaN(x)) continue;
      int i = b * d + v;
      List<Entry> list = cells.get(i);
      if (list == null) cells.set(i, list = new ArrayList<>(2));
      Entry entry = new Entry(e, x);
      int pos = Collections.binarySearch(list, entry, (p, q) -> ClinicalEvent.ORDER.compare(p.event, q.event));
      list.add(pos < 0 ? -pos - 1 : pos + 1, entry);
    }
  }

  /** Events added so far. */
  public long events() {
    return events;
  }

  /** The grid as of {@code cutoff}: only events effective and recorded at or before it. */
  public GridSample snapshot(Instant cutoff) {
    int valid = encoder.validBins(index, cutoff);
    int d = encoder.variables().size();
    GridEncoder.Cell[] agg = new GridEncoder.Cell[cells.size()];
    for (int i = 0; i < valid * d; i++) {
      List<Entry> list = cells.get(i);
      if (list == null) continue;
      for (Entry en : list) {
        if (!en.event.availableAt(cutoff)) continue;
        if (agg[i] == null) agg[i] = new GridEncoder.Cell();
        agg[i].add(en.value);
      }
    }
    return encoder.finish(patient, index, cutoff, valid, agg);
  }
}
