package org.medai.ehr.timeline;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One timestamped fact about one patient, taken from one FHIR resource (or one component of an
 * Observation, or one attachment of a document). Immutable and thread-safe.
 *
 * @param patient {@code Patient/<id>}
 * @param time when it happened: the effective time, or the start of the effective period (UTC)
 * @param end end of the effective period, or {@code null}
 * @param recorded when the fact became known (Observation/DiagnosticReport {@code issued},
 *     {@code recordedDate}, DocumentReference {@code date}), or {@code null} when the source does not
 *     say; then {@link #knownAt()} is {@code time}
 * @param kind the FHIR resource type it came from (e.g. {@code Observation})
 * @param system code system URI (e.g. {@code http://loinc.org}), or {@code null}
 * @param code the code, never {@code null} ({@code text:<text>} when the source only had text)
 * @param display the code's display, or {@code null}
 * @param value the value, or {@code null} for events that only say something happened
 * @param encounter {@code Encounter/<id>}, or {@code null}
 * @param source {@code <Type>/<id>} of the resource it came from
 * @param component index of the Observation component or document attachment, or -1
 */
public record ClinicalEvent(String patient, Instant time, Instant end, Instant recorded, String kind, String system,
                            String code, String display, EventValue value, String encounter, String source,
                            int component) {

  /** Time order; ties broken by source id and component so the order is total and reproducible. */
  public static final Comparator<ClinicalEvent> ORDER = Comparator.comparing(ClinicalEvent::time)
      .thenComparing(ClinicalEvent::source)
      .thenComparingInt(ClinicalEvent::component)
      .thenComparing(ClinicalEvent::code);

  public ClinicalEvent {
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(source, "source");
  }

  /** When the event was known: {@code recorded}, or {@code time} when no recorded time was given. */
  public Instant knownAt() {
    return recorded == null ? time : recorded;
  }

  /**
   * True when a model with data up to {@code cutoff} may use this event: it happened at or before the
   * cutoff and was recorded at or before it (the leakage guard every encoder applies).
   */
  public boolean availableAt(Instant cutoff) {
    return !time.isAfter(cutoff) && !knownAt().isAfter(cutoff);
  }

  /** The numeric value, or NaN when the value is not numeric. */
  public double numeric() {
    return value instanceof EventValue.Numeric n ? n.value() : Double.NaN;
  }

  /** The unit of a numeric value, or {@code null}. */
  public String unit() {
    return value instanceof EventValue.Numeric n ? n.unit() : null;
  }

  ClinicalEvent withCode(String newSystem, String newCode, String newDisplay) {
    return new ClinicalEvent(patient, time, end, recorded, kind, newSystem, newCode, newDisplay, value, encounter, source, component);
  }
}
