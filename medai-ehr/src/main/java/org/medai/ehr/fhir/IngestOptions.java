package org.medai.ehr.fhir;

import java.util.Objects;
import java.util.Set;
import org.medai.core.ReadLimits;

/**
 * How to ingest FHIR input. Immutable and thread-safe.
 *
 * @param mode strict (fail on the first bad resource) or lenient (report and skip)
 * @param limits byte budget: {@link ReadLimits#maxElementBytes()} bounds one resource's JSON (one
 *     NDJSON line or one Bundle entry), {@link ReadLimits#maxItems()} the resources per file,
 *     {@link ReadLimits#maxNestingDepth()} the JSON nesting
 * @param resourceTypes resource types handed to the sink; empty means all. Others are counted as
 *     skipped with reason {@code not-selected}
 */
public record IngestOptions(IngestMode mode, ReadLimits limits, Set<String> resourceTypes) {

  public IngestOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(limits, "limits");
    resourceTypes = Set.copyOf(resourceTypes);
  }

  /** Lenient, 64 MiB per resource, ten million resources per file, nesting 64, every type. */
  public static IngestOptions lenient() {
    return new IngestOptions(IngestMode.LENIENT, defaultLimits(), Set.of());
  }

  /** Strict, with the same limits as {@link #lenient()}. */
  public static IngestOptions strict() {
    return new IngestOptions(IngestMode.STRICT, defaultLimits(), Set.of());
  }

  public IngestOptions withMode(IngestMode m) {
    return new IngestOptions(m, limits, resourceTypes);
  }

  public IngestOptions withLimits(ReadLimits l) {
    return new IngestOptions(mode, l, resourceTypes);
  }

  public IngestOptions withResourceTypes(Set<String> types) {
    return new IngestOptions(mode, limits, types);
  }

  boolean selects(String type) {
    return resourceTypes.isEmpty() || resourceTypes.contains(type);
  }

  private static ReadLimits defaultLimits() {
    return new ReadLimits(64L << 20, 1L << 40, 10_000_000, 64);
  }
}
