package org.medai.ehr.fhir;

import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Random;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.medai.ehr.internal.fhir.R4;

/**
 * Generates small synthetic FHIR R4 data (no real patients): each patient gets inpatient stays with
 * hourly vitals (heart rate, blood pressure as components), glucose in mg/dL or mmol/L and
 * creatinine, a note, and sometimes a death. Deterministic for a seed. For demos, benchmarks and
 * tests that must run without external data. Stateless and thread-safe.
 */
public final class SyntheticFhir {
  private static final String LOINC = "http://loinc.org";
  private static final String UCUM = "http://unitsofmeasure.org";
  private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

  private SyntheticFhir() {}

  /** Writes a {@code collection} Bundle with {@code patients} patients to {@code out}. */
  public static void writeBundle(Writer out, int patients, long seed) throws IOException {
    IParser p = R4.context().newJsonParser();
    out.write("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
    boolean[] first = {true};
    forEachResource(patients, seed, r -> {
      try {
        out.write(first[0] ? "\n" : ",\n");
        first[0] = false;
        out.write("{\"fullUrl\":\"urn:uuid:" + r.getIdElement().getIdPart() + "\",\"resource\":" + p.encodeResourceToString(r) + "}");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    out.write("\n]}\n");
  }

  /** Writes the same resources as NDJSON lines (all types in one stream). */
  public static void writeNdjson(Writer out, int patients, long seed) throws IOException {
    IParser p = R4.context().newJsonParser();
    try {
      forEachResource(patients, seed, r -> {
        try {
          out.write(p.encodeResourceToString(r));
          out.write('\n');
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Calls {@code sink} with every generated resource, patient by patient. */
  public static void forEachResource(int patients, long seed, java.util.function.Consumer<Resource> sink) {
    Random r = new Random(seed);
    for (int i = 0; i < patients; i++) {
      String pid = id("p", seed, i);
      Patient pt = new Patient();
      pt.setId(pid);
      pt.setGender(r.nextBoolean() ? Enumerations.AdministrativeGender.FEMALE : Enumerations.AdministrativeGender.MALE);
      pt.getBirthDateElement().setValueAsString(LocalDate.of(1930 + r.nextInt(70), 1 + r.nextInt(12), 1 + r.nextInt(28)).toString());
      int stays = 1 + r.nextInt(3);
      Instant t = BASE.plus(Duration.ofHours(r.nextInt(24 * 200)));
      Instant death = null;
      java.util.List<Resource> later = new java.util.ArrayList<>();
      for (int s = 0; s < stays && death == null; s++) {
        String eid = id("e", seed, i * 10 + s);
        double losDays = 0.5 + r.nextExponential() * 4;
        Instant end = t.plus(Duration.ofMinutes(Math.round(losDays * 1440)));
        double risk = r.nextDouble();
        if (risk < 0.12 && losDays > 2) death = end.minus(Duration.ofHours(1));
        Encounter e = new Encounter();
        e.setId(eid);
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        e.addType(new CodeableConcept(new Coding("http://snomed.info/sct", "183452005", "Emergency hospital admission")));
        e.setSubject(new Reference("urn:uuid:" + pid));
        e.setPeriod(new Period().setStart(Date.from(t)).setEnd(Date.from(end)));
        later.add(e);
        int hours = (int) Math.min(24 * 14, Duration.between(t, end).toHours());
        double hr = 70 + r.nextGaussian() * 10 + (death != null ? 15 : 0);
        double glucose = 100 + r.nextGaussian() * 20;
        for (int h = 0; h < hours; h += 1 + r.nextInt(4)) {
          Instant at = t.plus(Duration.ofHours(h)).plus(Duration.ofMinutes(r.nextInt(60)));
          hr += r.nextGaussian() * 3 + (death != null ? 0.3 : 0);
          later.add(vital(id("o", seed, later.size() + i * 100_000), pid, eid, at, "8867-4", "Heart rate", hr, "/min"));
          if (r.nextInt(3) == 0) later.add(bloodPressure(id("o", seed, later.size() + i * 100_000), pid, eid, at,
              120 + r.nextGaussian() * 15, 75 + r.nextGaussian() * 8));
          if (r.nextInt(6) == 0) {
            glucose += r.nextGaussian() * 10;
            boolean molar = r.nextBoolean();
            later.add(lab(id("o", seed, later.size() + i * 100_000), pid, eid, at, molar ? "15074-8" : "2345-7",
                "Glucose", molar ? glucose / 18.0156 : glucose, molar ? "mmol/L" : "mg/dL", at.plus(Duration.ofMinutes(45))));
          }
          if (r.nextInt(12) == 0) {
            later.add(lab(id("o", seed, later.size() + i * 100_000), pid, eid, at, "2160-0", "Creatinine",
                0.6 + r.nextExponential() * 0.5, "mg/dL", at.plus(Duration.ofHours(2))));
          }
        }
        DocumentReference d = new DocumentReference();
        d.setId(id("d", seed, i * 10 + s));
        d.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        d.setType(new CodeableConcept(new Coding(LOINC, "34117-2", "History and physical note")));
        d.setSubject(new Reference("urn:uuid:" + pid));
        d.setDate(Date.from(t.plus(Duration.ofHours(2))));
        d.getContext().addEncounter(new Reference("urn:uuid:" + eid));
        d.getContext().setPeriod(new Period().setStart(Date.from(t)));
        d.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
            .setData(("Synthetic admission note " + s + ": patient admitted for observation.").getBytes(StandardCharsets.UTF_8)));
        later.add(d);
        t = end.plus(Duration.ofDays(3 + r.nextInt(60)));
      }
      if (death != null) pt.setDeceased(new DateTimeType(Date.from(death)));
      sink.accept(pt);
      later.forEach(sink);
    }
  }

  private static String id(String prefix, long seed, long i) {
    return new java.util.UUID(seed * 1_000_003L + prefix.charAt(0), i).toString();
  }

  private static Observation vital(String id, String pid, String eid, Instant at, String code, String display, double v, String unit) {
    Observation o = base(id, pid, eid, at, code, display, "vital-signs");
    o.setValue(new Quantity().setValue(BigDecimal.valueOf(Math.round(v * 10) / 10.0)).setUnit(unit).setSystem(UCUM).setCode(unit));
    return o;
  }

  private static Observation lab(String id, String pid, String eid, Instant at, String code, String display, double v, String unit,
                                 Instant issued) {
    Observation o = base(id, pid, eid, at, code, display, "laboratory");
    o.setIssued(Date.from(issued));
    o.setValue(new Quantity().setValue(BigDecimal.valueOf(Math.round(v * 100) / 100.0)).setUnit(unit).setSystem(UCUM).setCode(unit));
    return o;
  }

  private static Observation bloodPressure(String id, String pid, String eid, Instant at, double sys, double dia) {
    Observation o = base(id, pid, eid, at, "85354-9", "Blood pressure panel", "vital-signs");
    o.addComponent().setCode(new CodeableConcept(new Coding(LOINC, "8480-6", "Systolic blood pressure")))
        .setValue(new Quantity().setValue(BigDecimal.valueOf(Math.round(sys))).setUnit("mm[Hg]").setSystem(UCUM).setCode("mm[Hg]"));
    o.addComponent().setCode(new CodeableConcept(new Coding(LOINC, "8462-4", "Diastolic blood pressure")))
        .setValue(new Quantity().setValue(BigDecimal.valueOf(Math.round(dia))).setUnit("mm[Hg]").setSystem(UCUM).setCode("mm[Hg]"));
    return o;
  }

  private static Observation base(String id, String pid, String eid, Instant at, String code, String display, String category) {
    Observation o = new Observation();
    o.setId(id);
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", category, null)));
    o.setCode(new CodeableConcept(new Coding(LOINC, code, display)));
    o.setSubject(new Reference("urn:uuid:" + pid));
    o.setEncounter(new Reference("urn:uuid:" + eid));
    o.setEffective(new DateTimeType(Date.from(at)));
    return o;
  }
}
