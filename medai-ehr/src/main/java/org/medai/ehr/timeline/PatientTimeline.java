package org.medai.ehr.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every event of one patient in {@link ClinicalEvent#ORDER}, with demographics. Immutable and
 * thread-safe.
 *
 * @param patient {@code Patient/<id>}
 * @param birthDate date of birth, or {@code null}
 * @param sex administrative gender code ({@code male}, {@code female}, {@code other}, {@code unknown}), or {@code null}
 * @param deceased time of death, or {@code null}
 * @param events the events, sorted
 */
public record PatientTimeline(String patient, LocalDate birthDate, String sex, Instant deceased, List<ClinicalEvent> events) {

  public PatientTimeline {
    Objects.requireNonNull(patient, "patient");
    List<ClinicalEvent> sorted = new ArrayList<>(events);
    sorted.sort(ClinicalEvent.ORDER);
    for (ClinicalEvent e : sorted) {
      if (!e.patient().equals(patient)) {
        throw new IllegalArgumentException("event from " + e.source() + " belongs to another patient than this timeline");
      }
    }
    events = List.copyOf(sorted);
  }

  /** The events a model may see at {@code cutoff} ({@link ClinicalEvent#availableAt}), in order. */
  public List<ClinicalEvent> availableAt(Instant cutoff) {
    List<ClinicalEvent> out = new ArrayList<>();
    for (ClinicalEvent e : events) if (e.availableAt(cutoff)) out.add(e);
    return out;
  }

  /** This timeline with more events (for tests and live updates); the result is re-sorted. */
  public PatientTimeline plus(List<ClinicalEvent> more) {
    List<ClinicalEvent> all = new ArrayList<>(events);
    all.addAll(more);
    return new PatientTimeline(patient, birthDate, sex, deceased, all);
  }

  /** The patient id without the {@code Patient/} prefix. */
  public String patientId() {
    return patient.startsWith("Patient/") ? patient.substring(8) : patient;
  }
}
