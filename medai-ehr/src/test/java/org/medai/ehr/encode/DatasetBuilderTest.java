package org.medai.ehr.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medai.ehr.fhir.SyntheticFhir;
import org.medai.ehr.timeline.ClinicalEvent;
import org.medai.ehr.timeline.EventValue;
import org.medai.ehr.timeline.PatientTimeline;
import org.medai.ehr.timeline.TimelineCollector;

class DatasetBuilderTest {
  static final String SPEC = """
      {"task": "mortality-48h", "grid": {"binHours": 2, "bins": 24, "imputation": "mean", "variables": [
        {"name": "hr", "system": "http://loinc.org", "codes": ["8867-4"], "unit": "/min", "aggregation": "mean"},
        {"name": "glucose", "system": "http://loinc.org", "codes": ["2345-7", "15074-8"], "unit": "mg/dL", "aggregation": "mean"}]},
       "sequence": {"maxLength": 32}, "trainFraction": 0.6}
      """;

  static Map<String, PatientTimeline> timelines() {
    TimelineCollector c = new TimelineCollector();
    SyntheticFhir.forEachResource(30, 17, r -> c.accept(new org.medai.ehr.fhir.IngestedResource(r,
        org.medai.ehr.fhir.ResourceLocation.ndjsonLine("synthetic", 0), "urn:uuid:" + r.getIdElement().getIdPart())));
    return c.build();
  }

  @Test
  void build_testSplitValuesChanged_statisticsUnchangedBecauseFittedOnTrainOnly() {
    DatasetSpec spec = DatasetSpec.fromJson(SPEC);
    Map<String, PatientTimeline> tls = timelines();
    DatasetBuilder.Dataset d = DatasetBuilder.build(tls, spec);
    assertTrue(d.trainCount() > 0 && d.trainCount() < d.samples().size(), "both splits are populated");
    Map<String, PatientTimeline> changed = new TreeMap<>();
    for (PatientTimeline t : tls.values()) {
      if (DatasetBuilder.isTrain(t.patient(), spec.splitSeed(), spec.trainFraction())) {
        changed.put(t.patient(), t);
        continue;
      }
      List<ClinicalEvent> es = new ArrayList<>();
      for (ClinicalEvent e : t.events()) {
        es.add(e.value() instanceof EventValue.Numeric n
            ? new ClinicalEvent(e.patient(), e.time(), e.end(), e.recorded(), e.kind(), e.system(), e.code(), e.display(),
                new EventValue.Numeric(n.value() * 10, n.unit()), e.encounter(), e.source(), e.component())
            : e);
      }
      changed.put(t.patient(), new PatientTimeline(t.patient(), t.birthDate(), t.sex(), t.deceased(), es));
    }
    DatasetBuilder.Dataset d2 = DatasetBuilder.build(changed, spec);
    assertArrayEquals(d.stats().means(), d2.stats().means());
    assertArrayEquals(d.stats().stds(), d2.stats().stds());
  }

  @Test
  void build_statistics_equalMeanOfObservedTrainCellsComputedIndependently() {
    DatasetSpec spec = DatasetSpec.fromJson(SPEC);
    DatasetBuilder.Dataset d = DatasetBuilder.build(timelines(), spec);
    float[] values = d.batch().floats("grid_values");
    float[] mask = d.batch().floats("grid_mask");
    int t = 24;
    double sum = 0;
    int n = 0;
    for (int i = 0; i < d.samples().size(); i++) {
      if (!d.samples().get(i).train()) continue;
      for (int b = 0; b < t; b++) {
        int k = (i * t + b) * 2;
        if (mask[k] == 1) {
          sum += values[k];
          n++;
        }
      }
    }
    assertEquals(n, d.stats().counts()[0]);
    assertEquals(sum / n, d.stats().mean(0), 1e-3);
  }

  @Test
  void manifest_task_carriesDefinitionVersionSplitAndStats() throws Exception {
    DatasetSpec spec = DatasetSpec.fromJson(SPEC);
    DatasetBuilder.Dataset d = DatasetBuilder.build(timelines(), spec);
    JsonNode m = new ObjectMapper().readTree(d.manifest(null));
    assertEquals("mortality-48h", m.path("definition").path("name").asText());
    assertEquals("1", m.path("definition").path("version").asText());
    assertEquals(spec.grid().fingerprint(), m.path("stats").path("specFingerprint").asText());
    assertEquals(d.trainCount(), m.path("split").path("train").asLong());
    assertEquals(d.samples().size(), m.path("arrays").path("labels").path(0).asInt());
    assertEquals(Duration.ofHours(2).toMillis(), m.path("grid").path("binMillis").asLong());
  }
}
