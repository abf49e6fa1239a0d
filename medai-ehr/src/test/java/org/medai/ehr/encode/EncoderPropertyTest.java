package org.medai.ehr.encode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medai.ehr.testing.SharedData;
import org.medai.ehr.timeline.ClinicalEvent;
import org.medai.ehr.timeline.EventValue;
import org.medai.ehr.timeline.Fixtures;
import org.medai.ehr.timeline.PatientTimeline;

/** Seeded property tests: no leakage past the cutoff, and online == batch at any cutoff. */
class EncoderPropertyTest {
  static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");
  static final String P = "Patient/p";
  static final String[] CODES = {"2339-0", "8867-4", "8480-6", "9999-9"};
  static final String[] GLUCOSE_UNITS = {"mg/dL", "mmol/L", "[furlong]"};

  static GridSpec spec(Imputation imp) {
    return new GridSpec(Duration.ofMinutes(30), 24, List.of(
        Variable.loinc("glucose", "mg/dL", Aggregation.MEAN, "2339-0"),
        Variable.loinc("hr_last", "/min", Aggregation.LAST, "8867-4"),
        Variable.loinc("hr_min", "/min", Aggregation.MIN, "8867-4"),
        Variable.loinc("sbp_max", "mm[Hg]", Aggregation.MAX, "8480-6"),
        Variable.loinc("sbp_n", null, Aggregation.COUNT, "8480-6")), imp);
  }

  static ImputationStats stats(GridSpec s) {
    return new ImputationStats(1, s.fingerprint(), s.variableNames(), new double[] {110, 80, 70, 120, 0},
        new double[] {20, 10, 10, 15, 1}, new long[] {5, 5, 5, 5, 5}, 3, "test");
  }

  static ClinicalEvent randomEvent(Random r, int id, Instant from, long spanMinutes) {
    Instant t = from.plus(Duration.ofSeconds((long) (r.nextDouble() * spanMinutes * 60)));
    Instant rec = r.nextInt(3) == 0 ? null : t.plus(Duration.ofMinutes(r.nextInt(180)));
    String code = CODES[r.nextInt(CODES.length)];
    String unit = code.equals("2339-0") ? GLUCOSE_UNITS[r.nextInt(3)] : code.equals("8867-4") ? "/min" : "mm[Hg]";
    EventValue v = r.nextInt(10) == 0 ? new EventValue.Text("n/a") : new EventValue.Numeric(Math.round(r.nextDouble() * 2000) / 10.0, unit);
    return new ClinicalEvent(P, t, null, rec, "Observation", "http://loinc.org", code, null, v, null, "Observation/o" + id, -1);
  }

  static List<ClinicalEvent> randomEvents(Random r, int n, int firstId) {
    List<ClinicalEvent> es = new ArrayList<>();
    for (int i = 0; i < n; i++) es.add(randomEvent(r, firstId + i, T0.minus(Duration.ofHours(2)), 16 * 60));
    return es;
  }

  @Test
  void encode_eventsAddedAfterCutoff_everyArrayBitIdentical() {
    Random r = new Random(20250101);
    for (Imputation imp : Imputation.values()) {
      GridEncoder enc = new GridEncoder(spec(imp), stats(spec(imp)));
      SequenceEncoder seq = new SequenceEncoder(spec(imp).variables(), 64, Duration.ofHours(24), stats(spec(imp)));
      for (int iter = 0; iter < 150; iter++) {
        PatientTimeline tl = new PatientTimeline(P, java.time.LocalDate.of(1960, 5, 1), "female", null, randomEvents(r, r.nextInt(60), 0));
        Instant cutoff = T0.plus(Duration.ofMinutes(r.nextInt(14 * 60) - 60));
        GridSample before = enc.encode(tl, T0, cutoff);
        SequenceSample seqBefore = seq.encode(tl, T0, cutoff);
        List<ClinicalEvent> later = new ArrayList<>();
        for (int k = 0; k < 1 + r.nextInt(30); k++) {
          ClinicalEvent e = randomEvent(r, 10_000 + k, T0.minus(Duration.ofHours(2)), 20 * 60);
          if (e.availableAt(cutoff)) {
            // push it past the cutoff: either happened later, or was recorded later
            Instant rec = cutoff.plus(Duration.ofSeconds(1 + r.nextInt(7200)));
            e = r.nextBoolean()
                ? new ClinicalEvent(P, e.time(), null, rec, e.kind(), e.system(), e.code(), null, e.value(), null, e.source(), -1)
                : new ClinicalEvent(P, rec, null, null, e.kind(), e.system(), e.code(), null, e.value(), null, e.source(), -1);
          }
          later.add(e);
        }
        PatientTimeline more = tl.plus(later);
        assertTrue(before.bitEquals(enc.encode(more, T0, cutoff)), "grid changed by later events, iteration " + iter + " " + imp);
        assertTrue(seqBefore.bitEquals(seq.encode(more, T0, cutoff)), "sequence changed by later events, iteration " + iter);
      }
    }
  }

  @Test
  void online_shuffledArrivalAtRandomCutoffs_equalsBatch() {
    Random r = new Random(7);
    for (Imputation imp : Imputation.values()) {
      GridEncoder enc = new GridEncoder(spec(imp), stats(spec(imp)));
      for (int iter = 0; iter < 100; iter++) {
        List<ClinicalEvent> events = randomEvents(r, r.nextInt(80), 0);
        PatientTimeline tl = new PatientTimeline(P, null, null, null, events);
        List<ClinicalEvent> arrival = new ArrayList<>(events);
        Collections.shuffle(arrival, r);
        OnlineGridState state = enc.online(P, T0);
        arrival.forEach(state::add);
        for (int k = 0; k < 5; k++) {
          Instant cutoff = T0.plus(Duration.ofMinutes(r.nextInt(16 * 60) - 90));
          assertTrue(enc.encode(tl, T0, cutoff).bitEquals(state.snapshot(cutoff)), "online != batch, iteration " + iter);
        }
      }
    }
  }

  @Test
  void online_eventsArrivingWhenRecorded_snapshotEqualsBatchAtEveryArrival() {
    Random r = new Random(11);
    GridEncoder enc = new GridEncoder(spec(Imputation.FORWARD_FILL), stats(spec(Imputation.FORWARD_FILL)));
    for (int iter = 0; iter < 30; iter++) {
      List<ClinicalEvent> events = randomEvents(r, 40, 0);
      PatientTimeline tl = new PatientTimeline(P, null, null, null, events);
      List<ClinicalEvent> arrival = new ArrayList<>(events);
      arrival.sort(Comparator.comparing(ClinicalEvent::knownAt));
      OnlineGridState state = enc.online(P, T0);
      for (int i = 0; i < arrival.size(); i++) {
        ClinicalEvent e = arrival.get(i);
        state.add(e);
        // the clock reaches e.knownAt() once every event known at that instant has arrived
        if (i + 1 < arrival.size() && arrival.get(i + 1).knownAt().equals(e.knownAt())) continue;
        assertTrue(enc.encode(tl, T0, e.knownAt()).bitEquals(state.snapshot(e.knownAt())), "live snapshot differs, iteration " + iter);
      }
    }
  }

  @Test
  void online_syntheaTimelines_equalsBatchAtRandomCutoffs() {
    Map<String, PatientTimeline> tls = Fixtures.timelines(SharedData.ndjson());
    GridSpec s = new GridSpec(Duration.ofDays(30), 48, List.of(
        Variable.loinc("bmi", "kg/m2", Aggregation.MEAN, "39156-5"),
        Variable.loinc("weight", "[lb_av]", Aggregation.LAST, "29463-7"),
        Variable.loinc("sbp", "mm[Hg]", Aggregation.MAX, "8480-6"),
        Variable.loinc("glucose", "mmol/L", Aggregation.MEAN, "2339-0", "2345-7")), Imputation.FORWARD_FILL);
    GridEncoder enc = new GridEncoder(s, ImputationStats.neutral(s));
    Random r = new Random(3);
    for (PatientTimeline tl : tls.values()) {
      if (tl.events().isEmpty()) continue;
      Instant last = tl.events().get(tl.events().size() - 1).time();
      Instant index = last.minus(Duration.ofDays(30L * 48));
      List<ClinicalEvent> arrival = new ArrayList<>(tl.events());
      Collections.shuffle(arrival, r);
      OnlineGridState state = enc.online(tl.patient(), index);
      arrival.forEach(state::add);
      for (int k = 0; k < 10; k++) {
        Instant cutoff = index.plus(Duration.ofHours(r.nextInt(24 * 30 * 49)));
        GridSample b = enc.encode(tl, index, cutoff);
        assertTrue(b.bitEquals(state.snapshot(cutoff)));
      }
    }
  }
}
