package org.medai.benchmarks.ehr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.medai.ehr.cohort.Label;
import org.medai.ehr.cohort.PredictionTask;
import org.medai.ehr.encode.DatasetSpec;
import org.medai.ehr.encode.GridEncoder;
import org.medai.ehr.encode.ImputationStats;
import org.medai.ehr.encode.OnlineGridState;
import org.medai.ehr.encode.SequenceEncoder;
import org.medai.ehr.fhir.IngestedResource;
import org.medai.ehr.fhir.ResourceLocation;
import org.medai.ehr.fhir.SyntheticFhir;
import org.medai.ehr.timeline.ClinicalEvent;
import org.medai.ehr.timeline.PatientTimeline;
import org.medai.ehr.timeline.TimelineCollector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Tensorization in samples (labelled stays) per second for the mortality-48h grid (48 x 1 h, four
 * variables, unit conversion, forward fill, GRU-D deltas) and STraTS sequences; baseline: one plain
 * pass over the same events summing numeric values (the floor of any encoder). Also the online state:
 * events added one by one plus a snapshot at the cutoff.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TensorizeBenchmark {
  static final int SAMPLES = 256;

  record Sample(PatientTimeline timeline, Instant index, Instant cutoff) {}

  List<Sample> samples;
  GridEncoder grid;
  SequenceEncoder seq;

  @Setup(Level.Trial)
  public void setUp() {
    TimelineCollector c = new TimelineCollector();
    SyntheticFhir.forEachResource(400, 3, r -> c.accept(new IngestedResource(r, ResourceLocation.ndjsonLine("bench", 0),
        "urn:uuid:" + r.getIdElement().getIdPart())));
    Map<String, PatientTimeline> tls = c.build();
    samples = new ArrayList<>();
    for (PatientTimeline t : tls.values()) {
      for (Label l : PredictionTask.MORTALITY_48H.labels(t)) {
        if (samples.size() < SAMPLES) samples.add(new Sample(t, l.window().index(), l.window().cutoff()));
      }
    }
    if (samples.size() < SAMPLES) throw new IllegalStateException("only " + samples.size() + " samples; generate more patients");
    DatasetSpec spec = DatasetSpec.fromJson("""
        {"task": "mortality-48h", "grid": {"binHours": 1, "bins": 48, "imputation": "forward-fill", "variables": [
          {"name": "hr", "system": "http://loinc.org", "codes": ["8867-4"], "unit": "/min", "aggregation": "mean"},
          {"name": "sbp", "system": "http://loinc.org", "codes": ["8480-6"], "unit": "mm[Hg]", "aggregation": "max"},
          {"name": "glucose", "system": "http://loinc.org", "codes": ["2345-7", "15074-8"], "unit": "mg/dL", "aggregation": "mean"},
          {"name": "creatinine", "system": "http://loinc.org", "codes": ["2160-0"], "unit": "mg/dL", "aggregation": "last"}]}}
        """);
    ImputationStats stats = ImputationStats.neutral(spec.grid());
    grid = new GridEncoder(spec.grid(), stats);
    seq = new SequenceEncoder(spec.grid().variables(), 256, java.time.Duration.ZERO, stats);
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public double baselineEventPass() {
    double s = 0;
    for (Sample x : samples) {
      for (ClinicalEvent e : x.timeline().events()) {
        if (e.availableAt(x.cutoff()) && !e.time().isBefore(x.index())) {
          double v = e.numeric();
          if (!Double.isNaN(v)) s += v;
        }
      }
    }
    return s;
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public float gridEncode() {
    float s = 0;
    for (Sample x : samples) s += grid.encode(x.timeline(), x.index(), x.cutoff()).values()[0];
    return s;
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public float sequenceEncode() {
    float s = 0;
    for (Sample x : samples) s += seq.encode(x.timeline(), x.index(), x.cutoff()).values()[0];
    return s;
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public float onlineAddAllThenSnapshot() {
    float s = 0;
    for (Sample x : samples) {
      OnlineGridState st = grid.online(x.timeline().patient(), x.index());
      for (ClinicalEvent e : x.timeline().events()) st.add(e);
      s += st.snapshot(x.cutoff()).values()[0];
    }
    return s;
  }
}
