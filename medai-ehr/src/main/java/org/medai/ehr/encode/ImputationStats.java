package org.medai.ehr.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medai.core.Json;
import org.medai.core.MedaiVersion;

/**
 * Per-variable statistics fitted on a training split only: the empirical mean and standard deviation
 * of the observed (aggregated) grid values, used for mean and forward-fill imputation and for
 * z-scoring sequences. Saved as versioned JSON tied to the {@link GridSpec#fingerprint()} it was
 * fitted for; a newer format version is refused by name. Immutable and thread-safe.
 *
 * @param formatVersion file format version ({@value #FORMAT_VERSION})
 * @param specFingerprint fingerprint of the spec the statistics belong to
 * @param variables variable names, in column order
 * @param means empirical means (0 for variables never observed in training)
 * @param stds population standard deviations (1 where undefined or 0)
 * @param counts observed cells per variable in the training split
 * @param trainingSamples number of training samples fitted on
 * @param library medai version that fitted them
 */
public record ImputationStats(int formatVersion, String specFingerprint, List<String> variables, double[] means,
                             double[] stds, long[] counts, long trainingSamples, String library) {
  public static final int FORMAT_VERSION = 1;

  public ImputationStats {
    variables = List.copyOf(variables);
    if (means.length != variables.size() || stds.length != variables.size() || counts.length != variables.size()) {
      throw new EncodeException("MEDAI-ENC-010", "statistics arrays do not match " + variables.size() + " variables");
    }
    means = means.clone();
    stds = stds.clone();
    counts = counts.clone();
  }

  /** Neutral statistics (mean 0, std 1) for a spec, for use before any fit. */
  public static ImputationStats neutral(GridSpec spec) {
    int d = spec.variables().size();
    double[] ones = new double[d];
    java.util.Arrays.fill(ones, 1);
    return new ImputationStats(FORMAT_VERSION, spec.fingerprint(), spec.variableNames(), new double[d], ones, new long[d], 0,
        MedaiVersion.get());
  }

  /**
   * Fits on training samples only (encode them with {@link GridEncoder} under {@link #neutral} stats
   * first; imputation does not change observed cells, which are all that is read here).
   */
  public static ImputationStats fit(GridSpec spec, List<GridSample> training) {
    int d = spec.variables().size();
    double[] sum = new double[d];
    double[] sumSq = new double[d];
    long[] n = new long[d];
    for (GridSample s : training) {
      if (s.vars() != d) throw new EncodeException("MEDAI-ENC-011", "training sample has " + s.vars() + " variables, spec has " + d);
      for (int t = 0; t < s.validBins(); t++) {
        for (int v = 0; v < d; v++) {
          if (s.mask(t, v) == 0) continue;
          double x = s.value(t, v);
          sum[v] += x;
          sumSq[v] += x * x;
          n[v]++;
        }
      }
    }
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int v = 0; v < d; v++) {
      mean[v] = n[v] == 0 ? 0 : sum[v] / n[v];
      double var = n[v] == 0 ? 0 : Math.max(0, sumSq[v] / n[v] - mean[v] * mean[v]);
      std[v] = var > 0 ? Math.sqrt(var) : 1;
    }
    return new ImputationStats(FORMAT_VERSION, spec.fingerprint(), spec.variableNames(), mean, std, n, training.size(), MedaiVersion.get());
  }

  /** Throws unless these statistics were fitted for {@code spec}. */
  public void checkFor(GridSpec spec) {
    if (!specFingerprint.equals(spec.fingerprint())) {
      throw new EncodeException("MEDAI-ENC-012", "statistics were fitted for grid spec " + specFingerprint + " but the encoder uses "
          + spec.fingerprint() + "; refit them on the training split with this spec");
    }
  }

  public String toJson() {
    StringBuilder sb = new StringBuilder("{\"format\":\"medai-ehr-imputation-stats\",\"formatVersion\":").append(formatVersion)
        .append(",\"specFingerprint\":").append(Json.quote(specFingerprint)).append(",\"library\":").append(Json.quote(library))
        .append(",\"trainingSamples\":").append(trainingSamples).append(",\"variables\":[");
    for (int i = 0; i < variables.size(); i++) {
      sb.append(i > 0 ? "," : "").append("{\"name\":").append(Json.quote(variables.get(i))).append(",\"mean\":").append(means[i])
          .append(",\"std\":").append(stds[i]).append(",\"count\":").append(counts[i]).append('}');
    }
    return sb.append("]}").toString();
  }

  public void save(Path file) throws IOException {
    Files.writeString(file, toJson(), StandardCharsets.UTF_8);
  }

  public static ImputationStats load(Path file) throws IOException {
    return fromJson(new ObjectMapper().readTree(file.toFile()));
  }

  public static ImputationStats fromJson(JsonNode n) {
    if (!"medai-ehr-imputation-stats".equals(n.path("format").asText())) {
      throw new EncodeException("MEDAI-ENC-013", "not a medai imputation statistics file (format field missing)");
    }
    int version = n.path("formatVersion").asInt(-1);
    if (version > FORMAT_VERSION || version < 1) {
      throw new EncodeException("MEDAI-ENC-014", "imputation statistics format version " + version + " is not supported (this medai reads "
          + "up to " + FORMAT_VERSION + "); upgrade medai or refit the statistics");
    }
    List<String> names = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    for (JsonNode v : n.path("variables")) {
      names.add(v.path("name").asText());
      rows.add(new double[] {v.path("mean").asDouble(), v.path("std").asDouble(1), v.path("count").asLong()});
    }
    double[] m = new double[names.size()];
    double[] s = new double[names.size()];
    long[] c = new long[names.size()];
    for (int i = 0; i < names.size(); i++) {
      m[i] = rows.get(i)[0];
      s[i] = rows.get(i)[1];
      c[i] = (long) rows.get(i)[2];
    }
    return new ImputationStats(version, n.path("specFingerprint").asText(), names, m, s, c, n.path("trainingSamples").asLong(),
        n.path("library").asText());
  }

  public double mean(int v) {
    return means[v];
  }

  public double std(int v) {
    return stds[v];
  }
}
