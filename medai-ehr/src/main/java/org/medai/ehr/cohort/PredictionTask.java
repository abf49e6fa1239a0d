package org.medai.ehr.cohort;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.medai.core.Json;
import org.medai.ehr.timeline.ClinicalEvent;
import org.medai.ehr.timeline.EventValue;
import org.medai.ehr.timeline.PatientTimeline;

/**
 * A built-in, versioned prediction task over inpatient stays (Encounters of class {@code IMP} with a
 * period end). Stateless and thread-safe.
 *
 * <ul>
 *   <li>{@code mortality-48h}: index = admission, features up to admission + 48 h; stays of 48 h or less
 *       and patients dead by the cutoff are excluded; outcome: death after the cutoff and no later than
 *       24 h after discharge (death is often recorded just after the stay ends).</li>
 *   <li>{@code readmission-30d}: index = cutoff = discharge; stays ending in death are excluded;
 *       outcome: another inpatient admission within 30 days; censored when the record or the patient's
 *       life ends earlier without one.</li>
 *   <li>{@code los-gt-7d}: index = admission, features up to admission + 24 h; stays ending by then are
 *       excluded; outcome: length of stay over 7 days.</li>
 * </ul>
 */
public enum PredictionTask {
  MORTALITY_48H("mortality-48h", "1"),
  READMISSION_30D("readmission-30d", "1"),
  LOS_GT_7D("los-gt-7d", "1");

  public static final String INPATIENT_CLASS = "IMP";

  private final String taskName;
  private final String version;

  PredictionTask(String taskName, String version) {
    this.taskName = taskName;
    this.version = version;
  }

  public String taskName() {
    return taskName;
  }

  public String version() {
    return version;
  }

  public static PredictionTask byName(String name) {
    for (PredictionTask t : values()) if (t.taskName.equals(name)) return t;
    throw new CohortException("MEDAI-COHORT-011", "unknown task '" + name + "'; use mortality-48h, readmission-30d or los-gt-7d");
  }

  /** The definition as JSON, for manifests. */
  public String toJson() {
    return "{\"task\":" + Json.quote(taskName) + ",\"version\":" + Json.quote(version) + ",\"inpatientClass\":\"IMP\"}";
  }

  /** Inpatient stays (Encounter events of class IMP with an end), in time order. */
  static List<ClinicalEvent> stays(PatientTimeline t) {
    List<ClinicalEvent> s = new ArrayList<>();
    for (ClinicalEvent e : t.events()) {
      if (e.kind().equals("Encounter") && e.end() != null && e.value() instanceof EventValue.Coded c
          && INPATIENT_CLASS.equals(c.code())) {
        s.add(e);
      }
    }
    return s;
  }

  public List<Label> labels(PatientTimeline t) {
    List<Label> out = new ArrayList<>();
    List<ClinicalEvent> stays = stays(t);
    Instant death = t.deceased();
    Instant recordEnd = t.events().isEmpty() ? null : t.events().get(t.events().size() - 1).time();
    for (int i = 0; i < stays.size(); i++) {
      ClinicalEvent s = stays.get(i);
      Instant adm = s.time();
      Instant dis = s.end();
      switch (this) {
        case MORTALITY_48H -> {
          Instant cutoff = adm.plus(Duration.ofHours(48));
          if (!dis.isAfter(cutoff) || (death != null && !death.isAfter(cutoff))) continue;
          Instant end = dis.plus(Duration.ofHours(24));
          int y = death != null && death.isAfter(cutoff) && !death.isAfter(end) ? 1 : 0;
          out.add(new Label(t.patient(), taskName, version, new LabelWindow(adm, adm, cutoff, cutoff, end, null), s.source(), y, false));
        }
        case READMISSION_30D -> {
          if (death != null && !death.isAfter(dis)) continue;
          Instant end = dis.plus(Duration.ofDays(30));
          int y = 0;
          for (int j = i + 1; j < stays.size(); j++) {
            Instant next = stays.get(j).time();
            if (next.isAfter(dis) && !next.isAfter(end)) {
              y = 1;
              break;
            }
          }
          Instant followUpEnd = death != null && death.isBefore(end) ? death : (recordEnd != null && recordEnd.isBefore(end) ? recordEnd : null);
          boolean censored = y == 0 && followUpEnd != null;
          out.add(new Label(t.patient(), taskName, version, new LabelWindow(dis, adm, dis, dis, end, censored ? followUpEnd : null),
              s.source(), y, censored));
        }
        case LOS_GT_7D -> {
          Instant cutoff = adm.plus(Duration.ofHours(24));
          if (!dis.isAfter(cutoff)) continue;
          int y = Duration.between(adm, dis).compareTo(Duration.ofDays(7)) > 0 ? 1 : 0;
          out.add(new Label(t.patient(), taskName, version, new LabelWindow(adm, adm, cutoff, cutoff, dis, null), s.source(), y, false));
        }
      }
    }
    return out;
  }
}
