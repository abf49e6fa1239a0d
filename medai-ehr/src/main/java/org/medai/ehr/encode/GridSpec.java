package org.medai.ehr.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.medai.core.Json;

/**
 * A regular time grid: {@code bins} bins of {@code binWidth} starting at a sample's index time, one
 * column per {@link Variable}. Bin {@code b} covers {@code [index + b*w, index + (b+1)*w)}; events
 * before the index are not binned. Immutable and thread-safe.
 *
 * @param binWidth width of one bin (positive, whole milliseconds)
 * @param bins number of bins T
 * @param variables the D variables, in column order
 * @param imputation what unobserved cells hold
 */
public record GridSpec(Duration binWidth, int bins, List<Variable> variables, Imputation imputation) {

  public GridSpec {
    if (binWidth.isNegative() || binWidth.isZero() || bins <= 0 || bins > 1_000_000) {
      throw new EncodeException("MEDAI-ENC-002", "grid needs a positive bin width and 1..1e6 bins; got " + binWidth + " x " + bins);
    }
    variables = List.copyOf(variables);
    if (variables.isEmpty()) throw new EncodeException("MEDAI-ENC-003", "grid spec lists no variables; add at least one");
    Set<String> names = new LinkedHashSet<>();
    for (Variable v : variables) {
      if (!names.add(v.name())) throw new EncodeException("MEDAI-ENC-004", "variable name " + v.name() + " appears twice; names must be unique");
    }
  }

  public double binHours() {
    return binWidth.toMillis() / 3_600_000.0;
  }

  public List<String> variableNames() {
    return variables.stream().map(Variable::name).toList();
  }

  /** Canonical JSON (the format {@link #fromJson} reads). */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\"binMillis\":").append(binWidth.toMillis()).append(",\"bins\":").append(bins)
        .append(",\"imputation\":").append(Json.quote(imputation.name().toLowerCase(Locale.ROOT).replace('_', '-')))
        .append(",\"variables\":[");
    for (int i = 0; i < variables.size(); i++) {
      Variable v = variables.get(i);
      if (i > 0) sb.append(',');
      sb.append("{\"name\":").append(Json.quote(v.name())).append(",\"system\":").append(Json.quote(v.system()))
          .append(",\"codes\":[");
      List<String> codes = v.codes().stream().sorted().toList();
      for (int c = 0; c < codes.size(); c++) sb.append(c > 0 ? "," : "").append(Json.quote(codes.get(c)));
      sb.append("],\"unit\":").append(Json.quote(v.unit())).append(",\"aggregation\":")
          .append(Json.quote(v.aggregation().name().toLowerCase(Locale.ROOT))).append('}');
    }
    return sb.append("]}").toString();
  }

  /** SHA-256 of {@link #toJson()}, first 16 hex digits: ties statistics files to the spec they were fitted for. */
  public String fingerprint() {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(toJson().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a spec: {@code {"binHours": 1, "bins": 48, "imputation": "forward-fill", "variables": [{"name":
   * "hr", "system": "http://loinc.org", "codes": ["8867-4"], "unit": "/min", "aggregation": "mean"}]}}
   * ({@code binMillis} may replace {@code binHours}).
   */
  public static GridSpec fromJson(JsonNode n) {
    Duration w;
    if (n.has("binMillis")) w = Duration.ofMillis(n.path("binMillis").asLong());
    else w = Duration.ofMillis(Math.round(n.path("binHours").asDouble(1) * 3_600_000));
    List<Variable> vars = new ArrayList<>();
    for (JsonNode v : n.path("variables")) {
      Set<String> codes = new LinkedHashSet<>();
      for (JsonNode c : v.path("codes")) codes.add(c.asText());
      vars.add(new Variable(v.path("name").asText(), v.hasNonNull("system") ? v.path("system").asText() : null, codes,
          v.hasNonNull("unit") ? v.path("unit").asText() : null, enumOf(Aggregation.class, v.path("aggregation").asText("mean"))));
    }
    return new GridSpec(w, n.path("bins").asInt(0), vars, enumOf(Imputation.class, n.path("imputation").asText("forward-fill")));
  }

  public static GridSpec fromJson(String json) {
    try {
      return fromJson(new ObjectMapper().readTree(json));
    } catch (IOException e) {
      throw new EncodeException("MEDAI-ENC-005", "grid spec is not valid JSON: " + e.getClass().getSimpleName());
    }
  }

  static <E extends Enum<E>> E enumOf(Class<E> type, String s) {
    try {
      return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new EncodeException("MEDAI-ENC-006", "'" + s + "' is not a " + type.getSimpleName() + "; use one of "
          + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }
  }
}
