package org.medai.ehr.fhir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medai.core.Json;

/**
 * What an ingestion run saw: resources read (parsed), kept (handed to the sink) and skipped, per
 * resource type and per reason, plus the first {@value #MAX_LISTED_PROBLEMS} problems in detail.
 * Nothing is dropped silently: {@code read + unparsed == kept + skipped} where {@code unparsed}
 * counts lines or entries that never became a resource. Immutable and thread-safe.
 *
 * @param files files read
 * @param readByType resources parsed, per type
 * @param keptByType resources handed to the sink, per type
 * @param skippedByReason skipped resources or lines, per reason code
 * @param problems the first problems in detail (every one is counted in {@code skippedByReason})
 * @param bytes input bytes read
 */
public record IngestSummary(int files, Map<String, Long> readByType, Map<String, Long> keptByType,
                            Map<String, Long> skippedByReason, List<IngestProblem> problems, long bytes) {

  /** At most this many problems are listed; all are counted. */
  public static final int MAX_LISTED_PROBLEMS = 1000;

  public IngestSummary {
    readByType = Collections.unmodifiableMap(new TreeMap<>(readByType));
    keptByType = Collections.unmodifiableMap(new TreeMap<>(keptByType));
    skippedByReason = Collections.unmodifiableMap(new TreeMap<>(skippedByReason));
    problems = List.copyOf(problems);
  }

  public long read() {
    return readByType.values().stream().mapToLong(Long::longValue).sum();
  }

  public long kept() {
    return keptByType.values().stream().mapToLong(Long::longValue).sum();
  }

  public long skipped() {
    return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The summary as one JSON object (counts and problem locations only, no patient data). */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\"files\":").append(files).append(",\"bytes\":").append(bytes)
        .append(",\"read\":").append(read()).append(",\"kept\":").append(kept())
        .append(",\"skipped\":").append(skipped());
    sb.append(",\"readByType\":");
    map(sb, readByType);
    sb.append(",\"keptByType\":");
    map(sb, keptByType);
    sb.append(",\"skippedByReason\":");
    map(sb, skippedByReason);
    sb.append(",\"problems\":[");
    for (int i = 0; i < problems.size(); i++) {
      IngestProblem p = problems.get(i);
      if (i > 0) sb.append(',');
      sb.append("{\"file\":").append(Json.quote(p.where().file()))
          .append(",\"line\":").append(p.where().line())
          .append(",\"entry\":").append(p.where().entryIndex())
          .append(",\"resourceType\":").append(Json.quote(p.resourceType()))
          .append(",\"resourceId\":").append(Json.quote(p.resourceId()))
          .append(",\"reason\":").append(Json.quote(p.reason()))
          .append(",\"detail\":").append(Json.quote(p.detail())).append('}');
    }
    return sb.append("]}").toString();
  }

  private static void map(StringBuilder sb, Map<String, Long> m) {
    sb.append('{');
    boolean first = true;
    for (var e : m.entrySet()) {
      if (!first) sb.append(',');
      first = false;
      sb.append(Json.quote(e.getKey())).append(':').append(e.getValue());
    }
    sb.append('}');
  }

  /** Mutable accumulator used while a run is in progress; not thread-safe. */
  static final class Builder {
    int files;
    long bytes;
    final Map<String, Long> read = new TreeMap<>();
    final Map<String, Long> kept = new TreeMap<>();
    final Map<String, Long> skipped = new TreeMap<>();
    final List<IngestProblem> problems = new ArrayList<>();

    void read(String type) {
      read.merge(type, 1L, Long::sum);
    }

    void kept(String type) {
      kept.merge(type, 1L, Long::sum);
    }

    void skipped(String reason) {
      skipped.merge(reason, 1L, Long::sum);
    }

    void problem(IngestProblem p) {
      skipped(p.reason());
      if (problems.size() < MAX_LISTED_PROBLEMS) problems.add(p);
    }

    IngestSummary build() {
      return new IngestSummary(files, read, kept, skipped, problems, bytes);
    }
  }
}
