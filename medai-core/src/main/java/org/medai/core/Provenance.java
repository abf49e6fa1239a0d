package org.medai.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What made a result: the medai version, the backend and device it ran on, the operation and its
 * parameters, and optionally a hash of the input. Attach it to encoder outputs, model runs and
 * written files so a result can be reproduced. Immutable and thread-safe.
 *
 * @param library medai version that produced the result
 * @param operation name of the operation, e.g. {@code resample} or {@code tokenize}
 * @param backend backend name ({@code cpu}, {@code cuda})
 * @param device device description (CPU threads, GPU name)
 * @param parameters the operation's settings, sorted by key
 * @param inputHash a hash of the input (hex), or empty when not computed; never raw patient data
 */
public record Provenance(String library, String operation, String backend, String device,
                         Map<String, String> parameters, String inputHash) {

  public Provenance {
    parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    inputHash = inputHash == null ? "" : inputHash;
  }

  public static Provenance of(String operation, String backend, String device) {
    return new Provenance(MedaiVersion.get(), operation, backend, device, Map.of(), "");
  }

  public Provenance withParameter(String key, Object value) {
    Map<String, String> p = new LinkedHashMap<>(parameters);
    p.put(key, String.valueOf(value));
    return new Provenance(library, operation, backend, device, p, inputHash);
  }

  public Provenance withInputHash(String hex) {
    return new Provenance(library, operation, backend, device, parameters, hex);
  }

  /** A compact JSON object, for manifests and file headers. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{");
    field(sb, "library", library).append(',');
    field(sb, "operation", operation).append(',');
    field(sb, "backend", backend).append(',');
    field(sb, "device", device).append(",\"parameters\":{");
    boolean first = true;
    for (var e : parameters.entrySet()) {
      if (!first) sb.append(',');
      field(sb, e.getKey(), e.getValue());
      first = false;
    }
    sb.append("},");
    field(sb, "inputHash", inputHash);
    return sb.append('}').toString();
  }

  private static StringBuilder field(StringBuilder sb, String k, String v) {
    return sb.append(Json.quote(k)).append(':').append(Json.quote(v));
  }
}
