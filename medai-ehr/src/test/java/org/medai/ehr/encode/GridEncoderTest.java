package org.medai.ehr.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.ehr.timeline.ClinicalEvent;
import org.medai.ehr.timeline.EventValue;
import org.medai.ehr.timeline.PatientTimeline;

/** GRU-D mask, delta and imputation against examples worked by hand from the paper's definitions. */
class GridEncoderTest {
  static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
  static final String P = "Patient/p";
  private static int seq;

  static ClinicalEvent obs(String code, double value, String unit, Instant time, Instant recorded) {
    return new ClinicalEvent(P, time, null, recorded, "Observation", "http://loinc.org", code, null,
        new EventValue.Numeric(value, unit), null, "Observation/o" + (seq++), -1);
  }

  static Instant at(int h, int m) {
    return T0.plus(Duration.ofHours(h).plusMinutes(m));
  }

  static GridSpec spec(Imputation imp) {
    return new GridSpec(Duration.ofHours(1), 5, List.of(
        Variable.loinc("glucose", "mg/dL", Aggregation.MEAN, "2339-0"),
        Variable.loinc("hr", "/min", Aggregation.LAST, "8867-4")), imp);
  }

  static ImputationStats stats(GridSpec s) {
    return new ImputationStats(1, s.fingerprint(), s.variableNames(), new double[] {100, 75}, new double[] {1, 1}, new long[] {1, 1}, 1, "test");
  }

  static PatientTimeline handTimeline() {
    return new PatientTimeline(P, null, null, null, List.of(
        obs("2339-0", 90, "mg/dL", at(0, 10), null),
        obs("2339-0", 5.0, "mmol/L", at(0, 40), null),
        obs("2339-0", 120, "mg/dL", at(3, 30), null),
        obs("8867-4", 80, "/min", at(1, 15), null),
        obs("8867-4", 90, "/min", at(1, 45), null),
        obs("8867-4", 70, "/min", at(4, 0), at(6, 0))));
  }

  /** Column d of a [T, D] array. */
  static float[] col(float[] a, int d, int vars) {
    float[] c = new float[a.length / vars];
    for (int t = 0; t < c.length; t++) c[t] = a[t * vars + d];
    return c;
  }

  @Test
  void deltas_paperFigureExample_matchesPublishedDeltas() {
    // Che et al. 2018, Fig. 2 / eq. 2: s = 0, 0.1, 0.6, 1.6, 2.2, 2.5, 3.1 with m = 1 1 0 1 0 1 1
    double[] s = {0, 0.1, 0.6, 1.6, 2.2, 2.5, 3.1};
    float[] m = {1, 1, 0, 1, 0, 1, 1};
    assertArrayEquals(new float[] {0f, 0.1f, 0.5f, 1.5f, 0.6f, 0.9f, 0.6f}, GruD.deltas(s, m, 1, 7), 1e-6f);
  }

  @Test
  void encode_handExampleForwardFill_maskDeltaAndValuesAsWorkedByHand() {
    GridSpec s = spec(Imputation.FORWARD_FILL);
    GridSample g = new GridEncoder(s, stats(s)).encode(handTimeline(), T0, at(4, 59));
    float g0 = (float) ((90 + 5.0 * 180.156 / 10) / 2);
    assertEquals(5, g.validBins());
    assertArrayEquals(new float[] {1, 0, 0, 1, 0}, col(g.mask(), 0, 2));
    assertArrayEquals(new float[] {0, 1, 2, 3, 1}, col(g.delta(), 0, 2));
    assertArrayEquals(new float[] {g0, g0, g0, 120, 120}, col(g.values(), 0, 2), 1e-5f);
    // the 04:00 heart rate was recorded at 06:00, after the cutoff: not available
    assertArrayEquals(new float[] {0, 1, 0, 0, 0}, col(g.mask(), 1, 2));
    assertArrayEquals(new float[] {0, 1, 1, 2, 3}, col(g.delta(), 1, 2));
    assertArrayEquals(new float[] {75, 90, 90, 90, 90}, col(g.values(), 1, 2));
    assertArrayEquals(new float[] {1, 1, 1, 1, 1}, g.timeMask());
  }

  @Test
  void encode_handExampleMeanImputation_unobservedCellsHoldTrainingMean() {
    GridSpec s = spec(Imputation.MEAN);
    GridSample g = new GridEncoder(s, stats(s)).encode(handTimeline(), T0, at(4, 59));
    float g0 = (float) ((90 + 5.0 * 180.156 / 10) / 2);
    assertArrayEquals(new float[] {g0, 100, 100, 120, 100}, col(g.values(), 0, 2), 1e-5f);
    assertArrayEquals(new float[] {75, 90, 75, 75, 75}, col(g.values(), 1, 2));
  }

  @Test
  void encode_cutoffInsideGrid_laterBinsArePaddingAndLateResultAppearsOnceRecorded() {
    GridSpec s = spec(Imputation.FORWARD_FILL);
    GridEncoder enc = new GridEncoder(s, stats(s));
    GridSample early = enc.encode(handTimeline(), T0, at(2, 30));
    assertEquals(3, early.validBins());
    assertArrayEquals(new float[] {1, 1, 1, 0, 0}, early.timeMask());
    assertArrayEquals(new float[] {0, 0, 0, 0}, java.util.Arrays.copyOfRange(early.values(), 6, 10));
    assertArrayEquals(new float[] {0, 0, 0, 0}, java.util.Arrays.copyOfRange(early.delta(), 6, 10));
    GridSample late = enc.encode(handTimeline(), T0, at(6, 0));
    assertArrayEquals(new float[] {0, 1, 0, 0, 1}, col(late.mask(), 1, 2));
    assertEquals(70f, late.value(4, 1));
  }

  @Test
  void fit_trainingSamples_meansOfObservedCellsAndVersionedRoundTrip(@TempDir Path dir) throws IOException {
    GridSpec s = spec(Imputation.FORWARD_FILL);
    GridEncoder enc = new GridEncoder(s, ImputationStats.neutral(s));
    List<GridSample> train = new ArrayList<>();
    train.add(enc.encode(handTimeline(), T0, at(4, 59)));
    ImputationStats st = ImputationStats.fit(s, train);
    float g0 = (float) ((90 + 5.0 * 180.156 / 10) / 2);
    assertEquals((g0 + 120.0) / 2, st.mean(0), 1e-4);
    assertEquals(90, st.mean(1), 0);
    Path f = dir.resolve("stats.json");
    st.save(f);
    ImputationStats back = ImputationStats.load(f);
    assertArrayEquals(st.means(), back.means());
    assertEquals(s.fingerprint(), back.specFingerprint());
    Files.writeString(f, st.toJson().replace("\"formatVersion\":1", "\"formatVersion\":2"));
    EncodeException e = assertThrows(EncodeException.class, () -> ImputationStats.load(f));
    assertEquals("MEDAI-ENC-014", e.code());
    GridSpec other = spec(Imputation.MEAN);
    assertThrows(EncodeException.class, () -> new GridEncoder(other, st));
  }
}
