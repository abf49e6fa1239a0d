package org.medai.ehr.encode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medai.core.Json;
import org.medai.core.MedaiVersion;
import org.medai.ehr.cohort.CohortBuilder;
import org.medai.ehr.cohort.CohortEntry;
import org.medai.ehr.cohort.Label;
import org.medai.ehr.timeline.PatientTimeline;

/**
 * Builds a tensor data set from timelines: samples from the spec's task or cohort, a patient-level
 * split, imputation statistics fitted on the train split only, then grid, sequence, static and label
 * arrays for every sample. {@link Dataset#write} writes {@code .npy} files, {@code samples.jsonl},
 * {@code stats.json} and a {@code manifest.json} holding the task or cohort definition and version,
 * the grid spec, the statistics and the split. Stateless and thread-safe.
 */
public final class DatasetBuilder {
  private DatasetBuilder() {}

  /** One sample: a patient, a grid index, a cutoff, a label (NaN when unlabelled). */
  public record Sample(PatientTimeline timeline, Instant index, Instant cutoff, float label, boolean censored, boolean train) {}

  /** A built data set. */
  public record Dataset(DatasetSpec spec, List<Sample> samples, ImputationStats stats, EhrBatch batch, Map<String, Long> unitProblems) {

    public long trainCount() {
      return samples.stream().filter(Sample::train).count();
    }

    public long positives() {
      return samples.stream().filter(s -> s.label() == 1f).count();
    }

    /** Writes arrays, samples, statistics and the manifest into {@code dir} (created). */
    public void write(Path dir, String sourceSummaryJson) throws IOException {
      Files.createDirectories(dir);
      batch.writeNpy(dir);
      stats.save(dir.resolve("stats.json"));
      try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("samples.jsonl"), StandardCharsets.UTF_8)) {
        for (Sample s : samples) {
          w.write("{\"patient\":" + Json.quote(s.timeline().patient()) + ",\"index\":" + Json.quote(s.index().toString()) + ",\"cutoff\":"
              + Json.quote(s.cutoff().toString()) + ",\"split\":" + Json.quote(s.train() ? "train" : "test") + ",\"label\":"
              + (Float.isNaN(s.label()) ? "null" : Integer.toString((int) s.label())) + ",\"censored\":" + s.censored() + "}\n");
        }
      }
      Files.writeString(dir.resolve("manifest.json"), manifest(sourceSummaryJson), StandardCharsets.UTF_8);
    }

    public String manifest(String sourceSummaryJson) {
      StringBuilder sb = new StringBuilder("{\"format\":\"medai-ehr-dataset\",\"formatVersion\":1,\"library\":")
          .append(Json.quote(MedaiVersion.get()));
      if (spec.task() != null) {
        sb.append(",\"definition\":{\"kind\":\"task\",\"name\":").append(Json.quote(spec.task().taskName())).append(",\"version\":")
            .append(Json.quote(spec.task().version())).append(",\"json\":").append(spec.task().toJson()).append('}');
      } else {
        sb.append(",\"definition\":{\"kind\":\"cohort\",\"name\":").append(Json.quote(spec.cohort().name())).append(",\"version\":")
            .append(Json.quote(spec.cohort().version())).append(",\"json\":").append(spec.cohort().json()).append('}');
      }
      sb.append(",\"grid\":").append(spec.grid().toJson()).append(",\"gridFingerprint\":").append(Json.quote(spec.grid().fingerprint()))
          .append(",\"sequence\":{\"maxLength\":").append(spec.sequenceLength()).append(",\"lookbackHours\":")
          .append(spec.lookback().toMillis() / 3_600_000.0).append('}')
          .append(",\"split\":{\"unit\":\"patient\",\"trainFraction\":").append(spec.trainFraction()).append(",\"seed\":")
          .append(Json.quote(spec.splitSeed())).append(",\"train\":").append(trainCount()).append(",\"test\":")
          .append(samples.size() - trainCount()).append('}')
          .append(",\"stats\":").append(stats.toJson())
          .append(",\"samples\":").append(samples.size()).append(",\"positives\":").append(positives())
          .append(",\"leakageGuard\":\"events effective and recorded at or before each sample's cutoff\"")
          .append(",\"variables\":[");
      List<String> names = spec.grid().variableNames();
      for (int i = 0; i < names.size(); i++) sb.append(i > 0 ? "," : "").append(Json.quote(names.get(i)));
      sb.append("],\"staticFeatures\":[");
      for (int i = 0; i < StaticFeatures.NAMES.size(); i++) sb.append(i > 0 ? "," : "").append(Json.quote(StaticFeatures.NAMES.get(i)));
      sb.append("],\"arrays\":{");
      boolean first = true;
      for (var e : batch.shapes().entrySet()) {
        sb.append(first ? "" : ",").append(Json.quote(e.getKey())).append(":").append(java.util.Arrays.toString(e.getValue()).replace(" ", ""));
        first = false;
      }
      sb.append("},\"unitProblems\":{");
      first = true;
      for (var e : unitProblems.entrySet()) {
        sb.append(first ? "" : ",").append(Json.quote(e.getKey())).append(":").append(e.getValue());
        first = false;
      }
      sb.append('}');
      if (sourceSummaryJson != null) sb.append(",\"source\":").append(sourceSummaryJson);
      return sb.append('}').toString();
    }
  }

  /** True when {@code patient} falls in the train split: a hash of seed and id, uniform in [0, 1). */
  public static boolean isTrain(String patient, String seed, double trainFraction) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest((seed + "\u0000" + patient).getBytes(StandardCharsets.UTF_8));
      long v = ByteBuffer.wrap(h, 0, 8).getLong() >>> 11;
      return v / (double) (1L << 53) < trainFraction;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Dataset build(Map<String, PatientTimeline> timelines, DatasetSpec spec) {
    List<Sample> samples = new ArrayList<>();
    long gridMillis = spec.grid().binWidth().toMillis() * spec.grid().bins();
    CohortBuilder cohort = spec.cohort() == null ? null : new CohortBuilder(spec.cohort());
    for (PatientTimeline t : timelines.values()) {
      boolean train = isTrain(t.patient(), spec.splitSeed(), spec.trainFraction());
      if (spec.task() != null) {
        for (Label l : spec.task().labels(t)) {
          samples.add(new Sample(t, l.window().observationStart(), l.window().cutoff(), l.value(), l.censored(), train));
        }
      } else {
        for (CohortEntry e : cohort.evaluate(t)) {
          samples.add(new Sample(t, e.index(), e.index().plusMillis(gridMillis - 1), Float.NaN, false, train));
        }
      }
    }
    GridEncoder neutral = new GridEncoder(spec.grid(), ImputationStats.neutral(spec.grid()));
    List<GridSample> trainGrids = new ArrayList<>();
    for (Sample s : samples) if (s.train()) trainGrids.add(neutral.encode(s.timeline(), s.index(), s.cutoff()));
    ImputationStats stats = ImputationStats.fit(spec.grid(), trainGrids);
    GridEncoder enc = new GridEncoder(spec.grid(), stats);
    SequenceEncoder seq = new SequenceEncoder(spec.grid().variables(), spec.sequenceLength(), spec.lookback(), stats);
    List<GridSample> grids = new ArrayList<>();
    List<SequenceSample> seqs = new ArrayList<>();
    List<float[]> statics = new ArrayList<>();
    float[] labels = new float[samples.size()];
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      grids.add(enc.encode(s.timeline(), s.index(), s.cutoff()));
      seqs.add(seq.encode(s.timeline(), s.index(), s.cutoff()));
      statics.add(StaticFeatures.encode(s.timeline(), s.index()));
      labels[i] = s.label();
    }
    EhrBatch batch = EhrBatch.of(grids, seqs, statics, spec.task() == null ? null : labels);
    return new Dataset(spec, List.copyOf(samples), stats, batch, enc.unitProblems());
  }
}
