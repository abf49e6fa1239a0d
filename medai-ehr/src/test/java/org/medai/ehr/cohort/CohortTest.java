package org.medai.ehr.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medai.ehr.testing.SharedData;
import org.medai.ehr.timeline.ClinicalEvent;
import org.medai.ehr.timeline.EventValue;
import org.medai.ehr.timeline.Fixtures;
import org.medai.ehr.timeline.PatientTimeline;

class CohortTest {
  static final String P = "Patient/p";
  static final Instant D0 = Instant.parse("2020-06-01T08:00:00Z");
  static final String ACT = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  private static int seq;

  static ClinicalEvent stay(Instant start, Instant end, String cls) {
    return new ClinicalEvent(P, start, end, null, "Encounter", "http://snomed.info/sct", "183452005", null,
        new EventValue.Coded(ACT, cls, null), null, "Encounter/e" + (seq++), -1);
  }

  static ClinicalEvent condition(Instant t, String system, String code) {
    return new ClinicalEvent(P, t, null, null, "Condition", system, code, null, null, null, "Condition/c" + (seq++), -1);
  }

  static Instant day(double d) {
    return D0.plus(Duration.ofMinutes(Math.round(d * 1440)));
  }

  static final String DEF = """
      {"name": "inpatient-diabetics", "version": "3",
       "conceptSets": {
         "inpatient": {"items": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "codes": ["IMP"]}]},
         "diabetes": {"items": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "prefixes": ["E11"]},
                                {"system": "http://snomed.info/sct", "codes": ["44054006"]}]}},
       "entry": {"kind": "Encounter", "conceptSet": "inpatient"},
       "inclusion": [{"name": "diabetes in prior year", "conceptSet": "diabetes", "window": {"startDays": -365, "endDays": 0}, "min": 1}],
       "age": {"min": 18},
       "sex": ["female"],
       "exit": {"type": "event-end"}}
      """;

  @Test
  void evaluate_definitionWithPrefixWindowAgeAndSex_admitsOnlyQualifyingStays() {
    CohortDefinition def = CohortDefinition.fromJson(DEF);
    List<ClinicalEvent> es = new ArrayList<>();
    es.add(condition(day(-400), "http://hl7.org/fhir/sid/icd-10-cm", "E11.9")); // too early for stay 1
    es.add(stay(day(0), day(3), "IMP"));
    es.add(condition(day(10), "http://hl7.org/fhir/sid/icd-10-cm", "E11.65")); // prefix E11 matches
    es.add(stay(day(20), day(22), "IMP"));
    es.add(stay(day(30), day(30.1), "AMB")); // not inpatient
    es.add(condition(day(25), "http://snomed.info/sct", "38341003"));
    PatientTimeline t = new PatientTimeline(P, LocalDate.of(1970, 1, 1), "female", null, es);
    List<CohortEntry> entries = new CohortBuilder(def).evaluate(t);
    assertEquals(1, entries.size());
    assertEquals(day(20), entries.get(0).index());
    assertEquals(day(22), entries.get(0).exit());
    assertTrue(new CohortBuilder(def).evaluate(new PatientTimeline(P, LocalDate.of(1970, 1, 1), "male", null, es)).isEmpty());
    assertTrue(new CohortBuilder(def).evaluate(new PatientTimeline(P, LocalDate.of(2010, 1, 1), "female", null, es)).isEmpty());
    assertEquals("3", def.version());
  }

  @Test
  void fromJson_undefinedConceptSet_rejectedWithCode() {
    CohortException e = assertThrows(CohortException.class,
        () -> CohortDefinition.fromJson("{\"conceptSets\":{},\"entry\":{\"conceptSet\":\"x\"}}"));
    assertEquals("MEDAI-COHORT-001", e.code());
  }

  @Test
  void tasks_handMadeStays_labelsAsDefined() {
    List<ClinicalEvent> es = new ArrayList<>();
    es.add(stay(day(0), day(10), "IMP"));   // LOS 10 d > 7; readmitted at day 25 (15 d after discharge)
    es.add(stay(day(25), day(26.5), "IMP")); // LOS 1.5 d; death at day 26.6 (within 24 h of discharge)
    PatientTimeline t = new PatientTimeline(P, LocalDate.of(1950, 1, 1), "male", day(26.6), es);

    List<Label> los = PredictionTask.LOS_GT_7D.labels(t);
    assertEquals(List.of(1, 0), los.stream().map(Label::value).toList());
    assertEquals(day(1), los.get(0).window().cutoff());

    List<Label> mort = PredictionTask.MORTALITY_48H.labels(t);
    assertEquals(1, mort.size(), "stay 1 is 10 d (eligible), stay 2 is 1.5 d (< 48 h, excluded)");
    assertEquals(0, mort.get(0).value());

    List<Label> readm = PredictionTask.READMISSION_30D.labels(t);
    assertEquals(2, readm.size());
    assertEquals(1, readm.get(0).value());
    assertEquals(0, readm.get(1).value());
    assertTrue(readm.get(1).censored(), "death 0.1 d after discharge ends follow-up");
    assertFalse(readm.get(0).censored());
  }

  @Test
  void tasks_deathAfter48hInStay_mortalityLabelOne() {
    List<ClinicalEvent> es = List.of(stay(day(0), day(5), "IMP"));
    PatientTimeline t = new PatientTimeline(P, LocalDate.of(1950, 1, 1), "male", day(4.5), es);
    List<Label> mort = PredictionTask.MORTALITY_48H.labels(t);
    assertEquals(1, mort.get(0).value());
    assertTrue(PredictionTask.READMISSION_30D.labels(t).isEmpty(), "stay ending in death is excluded from readmission");
  }

  @Test
  void tasks_syntheaTimelines_everyLabelWindowRespectsItsStay() {
    Map<String, PatientTimeline> tls = Fixtures.timelines(SharedData.ndjson());
    for (PatientTimeline t : tls.values()) {
      for (PredictionTask task : PredictionTask.values()) {
        for (Label l : task.labels(t)) {
          assertFalse(l.window().cutoff().isBefore(l.window().index()) && task != PredictionTask.READMISSION_30D);
          assertTrue(l.value() == 0 || l.value() == 1);
        }
      }
    }
  }
}
