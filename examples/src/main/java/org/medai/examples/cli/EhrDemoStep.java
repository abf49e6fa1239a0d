package org.medai.examples.cli;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medai.ehr.cohort.Label;
import org.medai.ehr.cohort.PredictionTask;
import org.medai.ehr.encode.DatasetBuilder;
import org.medai.ehr.encode.DatasetSpec;
import org.medai.ehr.encode.GridEncoder;
import org.medai.ehr.encode.GridSample;
import org.medai.ehr.encode.OnlineGridState;
import org.medai.ehr.fhir.FhirIngestor;
import org.medai.ehr.fhir.IngestOptions;
import org.medai.ehr.fhir.IngestSummary;
import org.medai.ehr.fhir.SyntheticFhir;
import org.medai.ehr.timeline.ClinicalEvent;
import org.medai.ehr.timeline.PatientTimeline;
import org.medai.ehr.timeline.TimelineCollector;
import org.medai.ehr.timeline.TimelineExport;

/**
 * EHR: generates a synthetic FHIR Bundle (inpatient stays with vitals, labs in mixed units, notes,
 * deaths), streams it into timelines, builds the in-hospital mortality (48 h) data set with GRU-D
 * grid and STraTS sequence tensors, and checks that the online encoder matches the batch encoder.
 */
final class EhrDemoStep implements DemoStep {

  static final String SPEC = """
      {"task": "mortality-48h",
       "grid": {"binHours": 1, "bins": 48, "imputation": "forward-fill", "variables": [
         {"name": "heart_rate", "system": "http://loinc.org", "codes": ["8867-4"], "unit": "/min", "aggregation": "mean"},
         {"name": "sbp", "system": "http://loinc.org", "codes": ["8480-6"], "unit": "mm[Hg]", "aggregation": "max"},
         {"name": "glucose", "system": "http://loinc.org", "codes": ["2345-7", "15074-8"], "unit": "mg/dL", "aggregation": "mean"},
         {"name": "creatinine", "system": "http://loinc.org", "codes": ["2160-0"], "unit": "mg/dL", "aggregation": "last"}]},
       "sequence": {"maxLength": 256, "lookbackHours": 0},
       "trainFraction": 0.7}
      """;

  @Override
  public String name() {
    return "ehr";
  }

  @Override
  public Map<String, Object> run(Path outDir) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    Path dir = Files.createDirectories(outDir.resolve("ehr"));
    Path bundle = dir.resolve("synthetic-bundle.json");
    try (BufferedWriter w = Files.newBufferedWriter(bundle, StandardCharsets.UTF_8)) {
      SyntheticFhir.writeBundle(w, 40, 42);
    }
    r.put("bundleBytes", Files.size(bundle));
    TimelineCollector c = new TimelineCollector();
    long t0 = System.nanoTime();
    IngestSummary s = FhirIngestor.create(IngestOptions.strict()).ingest(bundle, c);
    r.put("resourcesRead", s.read());
    r.put("resourcesSkipped", s.skipped());
    r.put("ingestResourcesPerSecond", Math.round(s.read() / ((System.nanoTime() - t0) / 1e9)));
    Map<String, PatientTimeline> tls = c.build();
    long events;
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("timeline.jsonl"), StandardCharsets.UTF_8)) {
      events = TimelineExport.writeJsonLines(tls.values(), w);
    }
    r.put("patients", tls.size());
    r.put("events", events);
    DatasetBuilder.Dataset d = DatasetBuilder.build(tls, DatasetSpec.fromJson(SPEC));
    d.write(dir.resolve("mortality-48h"), s.toJson());
    r.put("mortalitySamples", d.samples().size());
    r.put("mortalityPositives", d.positives());
    r.put("trainSamples", d.trainCount());
    r.put("unitConversionFailures", d.unitProblems().values().stream().mapToLong(Long::longValue).sum());
    // online == batch for every labelled stay, at ten cutoffs across its 48 h window
    GridEncoder enc = new GridEncoder(d.spec().grid(), d.stats());
    boolean same = true;
    int checks = 0;
    for (PatientTimeline t : tls.values()) {
      List<Label> labels = PredictionTask.MORTALITY_48H.labels(t);
      for (Label l : labels) {
        OnlineGridState online = enc.online(t.patient(), l.window().index());
        for (ClinicalEvent e : t.events()) online.add(e);
        for (int k = 0; k <= 10; k++) {
          Instant cut = l.window().index().plus(Duration.ofMinutes(k * 48 * 60 / 10));
          GridSample b = enc.encode(t, l.window().index(), cut);
          same &= b.bitEquals(online.snapshot(cut));
          checks++;
        }
      }
    }
    r.put("onlineEqualsBatchChecks", checks);
    r.put("onlineEqualsBatch", same);
    r.put("out", dir.toString());
    return r;
  }
}
