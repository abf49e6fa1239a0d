package org.medai.ehr.cohort;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.medai.ehr.timeline.ClinicalEvent;
import org.medai.ehr.timeline.PatientTimeline;

/**
 * Evaluates a {@link CohortDefinition} on timelines. Stateless and thread-safe; cost is one pass over
 * a timeline per entry event and criterion.
 */
public final class CohortBuilder {
  private final CohortDefinition def;

  public CohortBuilder(CohortDefinition def) {
    this.def = def;
  }

  public CohortDefinition definition() {
    return def;
  }

  /** The patient's cohort entries, in index order. */
  public List<CohortEntry> evaluate(PatientTimeline t) {
    List<CohortEntry> out = new ArrayList<>();
    ConceptSet entrySet = def.conceptSets().get(def.entry().conceptSet());
    if (!def.sexes().isEmpty() && (t.sex() == null || !def.sexes().contains(t.sex()))) return out;
    for (ClinicalEvent e : t.events()) {
      if (def.entry().kind() != null && !def.entry().kind().equals(e.kind())) continue;
      if (!entrySet.matches(e)) continue;
      Instant index = e.time();
      if (admitted(t, index)) {
        Instant exit = "fixed".equals(def.exit().type()) ? index.plus(def.exit().after()) : (e.end() != null ? e.end() : index);
        out.add(new CohortEntry(t.patient(), index, exit, e.source()));
      }
      if (def.entry().firstOnly()) break;
    }
    return out;
  }

  private boolean admitted(PatientTimeline t, Instant index) {
    if (def.minAgeYears() != null || def.maxAgeYears() != null) {
      LocalDate b = t.birthDate();
      if (b == null) return false;
      double age = ChronoUnit.DAYS.between(b, LocalDate.ofInstant(index, ZoneOffset.UTC)) / 365.25;
      if (def.minAgeYears() != null && age < def.minAgeYears()) return false;
      if (def.maxAgeYears() != null && age > def.maxAgeYears()) return false;
    }
    for (CohortDefinition.Criterion c : def.inclusion()) {
      ConceptSet cs = def.conceptSets().get(c.conceptSet());
      Instant from = index.plus(c.start());
      Instant to = index.plus(c.end());
      // events are counted as known at the later of the window end and the index, never later
      Instant knownBy = to.isAfter(index) ? to : index;
      int n = 0;
      for (ClinicalEvent e : t.events()) {
        if (e.time().isBefore(from) || e.time().isAfter(to) || !e.availableAt(knownBy)) continue;
        if (c.kind() != null && !c.kind().equals(e.kind())) continue;
        if (cs.matches(e)) n++;
      }
      if (n < c.min() || (c.max() != null && n > c.max())) return false;
    }
    return true;
  }
}
