package org.medai.ehr.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.medai.core.Json;
import org.medai.ehr.fhir.IngestedResource;
import org.medai.ehr.internal.fhir.FhirTimes;

/**
 * A sink for {@link org.medai.ehr.fhir.FhirIngestor} that turns each resource into
 * {@link ClinicalEvent}s as it streams past and keeps only the events (not the resources), then
 * {@link #build() builds} one {@link PatientTimeline} per patient.
 *
 * <p>Resource types with events: Patient (birth, death), Encounter, Observation (one event per
 * component), Condition, Procedure, MedicationRequest, MedicationAdministration (medication
 * references resolved against Medication resources seen anywhere in the input), Immunization,
 * DiagnosticReport and DocumentReference (one event per attachment, note text decoded),
 * AllergyIntolerance. Other types are counted, not silently dropped.
 *
 * <p>Not thread-safe. Memory: the events, plus a map from Bundle {@code fullUrl} to {@code Type/id}
 * for Patients, Encounters and Medications.
 */
public final class TimelineCollector implements Consumer<IngestedResource> {
  /** Code system of the events the collector makes itself (birth, death). */
  public static final String MEDAI_SYSTEM = "urn:medai:event";

  private final Map<String, String> fullUrls = new HashMap<>();
  private final Map<String, Coding> medications = new HashMap<>();
  private final Map<String, Demo> demo = new HashMap<>();
  private final Map<String, List<ClinicalEvent>> events = new HashMap<>();
  private final Map<String, Long> eventsByKind = new TreeMap<>();
  private final Map<String, Long> resourcesWithoutEvents = new TreeMap<>();
  private final EventExtractor extractor = new EventExtractor(this::resolve);

  private record Demo(LocalDate birth, String sex, Instant deceased) {}

  @Override
  public void accept(IngestedResource ir) {
    Resource r = ir.resource();
    String self = r.fhirType() + "/" + r.getIdElement().getIdPart();
    if (ir.fullUrl() != null && (r instanceof Patient || r instanceof Medication || "Encounter".equals(r.fhirType()))) {
      fullUrls.put(ir.fullUrl(), self);
    }
    if (r instanceof Medication m) {
      medications.put(self, m.getCode().getCodingFirstRep());
      count(resourcesWithoutEvents, "Medication:referenced-by-medication-events");
      return;
    }
    if (r instanceof Patient p) {
      patient(p, self);
      return;
    }
    List<ClinicalEvent> es = extractor.extract(r);
    if (es.isEmpty()) {
      count(resourcesWithoutEvents, r.fhirType() + ":" + (extractor.lastSkipReason == null ? "empty" : extractor.lastSkipReason));
      return;
    }
    for (ClinicalEvent e : es) add(e);
  }

  private void patient(Patient p, String self) {
    Instant deceased = p.getDeceased() instanceof DateTimeType d ? EventExtractor.at(d) : null;
    LocalDate birth = p.hasBirthDateElement() ? FhirTimes.date(p.getBirthDateElement().getValueAsString()) : null;
    String sex = p.hasGender() ? p.getGender().toCode() : null;
    demo.put(self, new Demo(birth, sex, deceased));
    if (birth != null) {
      add(new ClinicalEvent(self, FhirTimes.instant(p.getBirthDateElement().getValueAsString()), null, null, "Patient",
          MEDAI_SYSTEM, "birth", "Birth", sex == null ? null : new EventValue.Coded("http://hl7.org/fhir/administrative-gender", sex, null),
          null, self, -1));
    }
    if (deceased != null) {
      add(new ClinicalEvent(self, deceased, null, null, "Patient", MEDAI_SYSTEM, "death", "Death", null, null, self, -1));
    }
    if (birth == null && deceased == null) count(resourcesWithoutEvents, "Patient:no-birth-date");
  }

  private void add(ClinicalEvent e) {
    events.computeIfAbsent(e.patient(), k -> new ArrayList<>()).add(e);
    count(eventsByKind, e.kind());
  }

  private static void count(Map<String, Long> m, String k) {
    m.merge(k, 1L, Long::sum);
  }

  /** Resolves {@code urn:uuid:}, relative, absolute and versioned references to {@code Type/id}. */
  String resolve(String reference, String expectedType) {
    if (reference == null || reference.isEmpty() || reference.indexOf('?') >= 0 || reference.startsWith("#")) return null;
    if (reference.startsWith("urn:")) {
      String known = fullUrls.get(reference);
      if (known != null) return known;
      // Unresolved urn:uuid (target later in the stream or elsewhere): Synthea and most exporters use the uuid as the id.
      return reference.startsWith("urn:uuid:") ? expectedType + "/" + reference.substring(9) : null;
    }
    String[] seg = reference.split("/");
    int n = seg.length;
    if (n >= 4 && "_history".equals(seg[n - 2])) n -= 2;
    if (n < 2) return null;
    return seg[n - 2] + "/" + seg[n - 1];
  }

  /** Events made so far, per kind (resource type). */
  public Map<String, Long> eventsByKind() {
    return Collections.unmodifiableMap(eventsByKind);
  }

  /** Resources that gave no event, as {@code Type:reason} (e.g. {@code Claim:type-without-events}). */
  public Map<String, Long> resourcesWithoutEvents() {
    return Collections.unmodifiableMap(resourcesWithoutEvents);
  }

  /** One timeline per patient, keyed and ordered by {@code Patient/<id>}. */
  public Map<String, PatientTimeline> build() {
    Map<String, PatientTimeline> out = new TreeMap<>();
    for (var e : events.entrySet()) {
      List<ClinicalEvent> list = new ArrayList<>(e.getValue().size());
      for (ClinicalEvent ev : e.getValue()) list.add(resolveMedication(ev));
      Demo d = demo.getOrDefault(e.getKey(), new Demo(null, null, null));
      out.put(e.getKey(), new PatientTimeline(e.getKey(), d.birth(), d.sex(), d.deceased(), list));
    }
    for (var d : demo.entrySet()) {
      out.computeIfAbsent(d.getKey(), k -> new PatientTimeline(k, d.getValue().birth(), d.getValue().sex(), d.getValue().deceased(), List.of()));
    }
    return out;
  }

  private ClinicalEvent resolveMedication(ClinicalEvent ev) {
    if (!EventExtractor.UNRESOLVED_MEDICATION.equals(ev.system())) return ev;
    String ref = resolve(ev.code(), "Medication");
    Coding c = ref == null ? null : medications.get(ref);
    if (c == null || !c.hasCode()) return ev;
    return ev.withCode(c.getSystem(), c.getCode(), c.getDisplay());
  }

  /** Counts as JSON, for CLI summaries. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\"eventsByKind\":{");
    boolean first = true;
    for (var e : eventsByKind.entrySet()) {
      sb.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':').append(e.getValue());
      first = false;
    }
    sb.append("},\"resourcesWithoutEvents\":{");
    first = true;
    for (var e : resourcesWithoutEvents.entrySet()) {
      sb.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':').append(e.getValue());
      first = false;
    }
    return sb.append("}}").toString();
  }
}
