package org.medai.ehr.timeline;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.medai.ehr.internal.fhir.FhirTimes;

/**
 * Turns one R4 resource into events. Not thread-safe (it shares a reference resolver with its
 * collector).
 */
final class EventExtractor {
  static final String UCUM = "http://unitsofmeasure.org";
  /** Marks a medication named only by reference; the collector resolves it once Medications are known. */
  static final String UNRESOLVED_MEDICATION = "urn:medai:medication-reference";

  interface Resolver {
    /** {@code Type/id} for a reference string, or {@code null}. */
    String resolve(String reference, String expectedType);
  }

  /** Why a resource gave no events (reason code), or null when it gave some. */
  String lastSkipReason;

  private final Resolver resolver;

  EventExtractor(Resolver resolver) {
    this.resolver = resolver;
  }

  List<ClinicalEvent> extract(Resource r) {
    lastSkipReason = null;
    String source = r.fhirType() + "/" + r.getIdElement().getIdPart();
    List<ClinicalEvent> out = new ArrayList<>();
    if (r instanceof Encounter e) {
        Period p = e.getPeriod();
        Coding type = e.getTypeFirstRep().getCodingFirstRep();
        Coding cls = e.getClass_();
        EventValue v = cls.hasCode() ? new EventValue.Coded(cls.getSystem(), cls.getCode(), cls.getDisplay()) : null;
        add(out, e.getSubject(), at(p.getStartElement()), at(p.getEndElement()), null, "Encounter", type, e.getTypeFirstRep(), v,
            source, source, -1);
    } else if (r instanceof Observation o) {
      observation(o, source, out);
    } else if (r instanceof Condition c) {
        Instant t = start(c.getOnset());
        Instant rec = at(c.getRecordedDateElement());
        add(out, c.getSubject(), t != null ? t : rec, start(c.getAbatement()), rec, "Condition", c.getCode().getCodingFirstRep(),
            c.getCode(), null, ref(c.getEncounter(), "Encounter"), source, -1);
    } else if (r instanceof Procedure p) {
      add(out, p.getSubject(), start(p.getPerformed()), end(p.getPerformed()), null, "Procedure",
          p.getCode().getCodingFirstRep(), p.getCode(), null, ref(p.getEncounter(), "Encounter"), source, -1);
    } else if (r instanceof MedicationRequest m) {
        Instant t = at(m.getAuthoredOnElement());
        medication(out, m.getSubject(), t, null, t, "MedicationRequest", m.getMedication(), ref(m.getEncounter(), "Encounter"), source);
    } else if (r instanceof MedicationAdministration m) {
      medication(out, m.getSubject(), start(m.getEffective()), end(m.getEffective()), null,
          "MedicationAdministration", m.getMedication(), ref(m.getContext(), "Encounter"), source);
    } else if (r instanceof Immunization i) {
      add(out, i.getPatient(), start(i.getOccurrence()), null, at(i.getRecordedElement()), "Immunization",
          i.getVaccineCode().getCodingFirstRep(), i.getVaccineCode(), null, ref(i.getEncounter(), "Encounter"), source, -1);
    } else if (r instanceof DiagnosticReport d) {
        Instant t = start(d.getEffective());
        Instant rec = at(d.getIssuedElement());
        String enc = ref(d.getEncounter(), "Encounter");
        if (!d.hasPresentedForm()) {
          add(out, d.getSubject(), t, end(d.getEffective()), rec, "DiagnosticReport", d.getCode().getCodingFirstRep(), d.getCode(),
              null, enc, source, -1);
        }
        int k = 0;
        for (Attachment a : d.getPresentedForm()) {
          add(out, d.getSubject(), t, end(d.getEffective()), rec, "DiagnosticReport", d.getCode().getCodingFirstRep(), d.getCode(),
              text(a), enc, source, k++);
        }
    } else if (r instanceof AllergyIntolerance a) {
        Instant rec = at(a.getRecordedDateElement());
        Instant t = start(a.getOnset());
        add(out, a.getPatient(), t != null ? t : rec, null, rec, "AllergyIntolerance", a.getCode().getCodingFirstRep(), a.getCode(),
            null, ref(a.getEncounter(), "Encounter"), source, -1);
    } else if (r instanceof DocumentReference d) {
        Instant rec = at(d.getDateElement());
        Period p = d.getContext().getPeriod();
        Instant t = p.hasStart() ? at(p.getStartElement()) : rec;
        String enc = d.getContext().hasEncounter() ? ref(d.getContext().getEncounterFirstRep(), "Encounter") : null;
        int k = 0;
        for (DocumentReference.DocumentReferenceContentComponent c : d.getContent()) {
          add(out, d.getSubject(), t, p.hasEnd() ? at(p.getEndElement()) : null, rec, "DocumentReference",
              d.getType().getCodingFirstRep(), d.getType(), text(c.getAttachment()), enc, source, k++);
        }
        if (d.getContent().isEmpty()) {
          add(out, d.getSubject(), t, null, rec, "DocumentReference", d.getType().getCodingFirstRep(), d.getType(), null, enc, source, -1);
        }
    } else {
      lastSkipReason = "type-without-events";
    }
    return out;
  }

  private void observation(Observation o, String source, List<ClinicalEvent> out) {
    Instant t = start(o.getEffective());
    Instant end = end(o.getEffective());
    Instant rec = at(o.getIssuedElement());
    String enc = ref(o.getEncounter(), "Encounter");
    EventValue v = value(o.getValue());
    if (v != null || !o.hasComponent()) {
      add(out, o.getSubject(), t, end, rec, "Observation", o.getCode().getCodingFirstRep(), o.getCode(), v, enc, source, -1);
    }
    int k = 0;
    for (Observation.ObservationComponentComponent c : o.getComponent()) {
      add(out, o.getSubject(), t, end, rec, "Observation", c.getCode().getCodingFirstRep(), c.getCode(), value(c.getValue()),
          enc, source, k++);
    }
  }

  static EventValue value(Type v) {
    if (v == null || v.isEmpty()) return null;
    if (v instanceof Quantity q && q.hasValue()) {
      String unit = q.hasCode() && (!q.hasSystem() || UCUM.equals(q.getSystem())) ? q.getCode() : q.getUnit();
      return new EventValue.Numeric(q.getValue().doubleValue(), unit);
    }
    if (v instanceof CodeableConcept cc) {
      Coding c = cc.getCodingFirstRep();
      if (c.hasCode()) return new EventValue.Coded(c.getSystem(), c.getCode(), c.getDisplay());
      return cc.hasText() ? new EventValue.Text(cc.getText()) : null;
    }
    if (v instanceof StringType s) return new EventValue.Text(s.getValue());
    if (v instanceof BooleanType b) return new EventValue.Bool(b.booleanValue());
    if (v instanceof IntegerType i) return new EventValue.Numeric(i.getValue(), null);
    return null;
  }

  private void medication(List<ClinicalEvent> out, Reference subject, Instant t, Instant end, Instant rec, String kind, Type med,
                          String enc, String source) {
    if (med instanceof CodeableConcept cc) {
      add(out, subject, t, end, rec, kind, cc.getCodingFirstRep(), cc, null, enc, source, -1);
    } else if (med instanceof Reference r && r.hasReference()) {
      String target = resolver.resolve(r.getReference(), "Medication");
      Coding placeholder = new Coding(UNRESOLVED_MEDICATION, target == null ? r.getReference() : target, null);
      add(out, subject, t, end, rec, kind, placeholder, null, null, enc, source, -1);
    } else {
      add(out, subject, t, end, rec, kind, new Coding(), null, null, enc, source, -1);
    }
  }

  private void add(List<ClinicalEvent> out, Reference subject, Instant time, Instant end, Instant recorded, String kind, Coding coding,
                   CodeableConcept concept, EventValue value, String encounter, String source, int component) {
    String patient = subject == null || !subject.hasReference() ? null : resolver.resolve(subject.getReference(), "Patient");
    if (patient == null || !patient.startsWith("Patient/")) {
      lastSkipReason = "no-patient-reference";
      return;
    }
    if (time == null) {
      lastSkipReason = "no-time";
      return;
    }
    String system = coding.hasSystem() ? coding.getSystem() : null;
    String code = coding.hasCode() ? coding.getCode() : null;
    String display = coding.hasDisplay() ? coding.getDisplay() : (concept != null && concept.hasText() ? concept.getText() : null);
    if (code == null) {
      code = concept != null && concept.hasText() ? "text:" + concept.getText() : "unknown";
    }
    out.add(new ClinicalEvent(patient, time, end, recorded, kind, system, code, display, value, encounter, source, component));
  }

  private String ref(Reference r, String type) {
    return r == null || !r.hasReference() ? null : resolver.resolve(r.getReference(), type);
  }

  private static EventValue text(Attachment a) {
    if (a == null || !a.hasData()) return null;
    Charset cs = StandardCharsets.UTF_8;
    String ct = a.getContentType();
    if (ct != null) {
      int i = ct.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
      if (i >= 0) {
        try {
          cs = Charset.forName(ct.substring(i + 8).trim());
        } catch (IllegalArgumentException e) {
          cs = StandardCharsets.UTF_8;
        }
      }
    }
    return new EventValue.Text(new String(a.getData(), cs));
  }

  static Instant at(PrimitiveType<?> p) {
    return p == null || !p.hasValue() ? null : FhirTimes.instant(p.getValueAsString());
  }

  static Instant start(Type t) {
    if (t instanceof DateTimeType d) return at(d);
    if (t instanceof InstantType i) return at(i);
    if (t instanceof Period p) return p.hasStart() ? at(p.getStartElement()) : null;
    return null;
  }

  static Instant end(Type t) {
    if (t instanceof Period p) return p.hasEnd() ? at(p.getEndElement()) : null;
    if (t instanceof DateTimeType d) return null;
    return null;
  }
}
