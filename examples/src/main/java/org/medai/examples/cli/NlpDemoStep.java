package org.medai.examples.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medai.nlp.context.AnnotatedConcept;
import org.medai.nlp.context.NoteAnalysis;
import org.medai.nlp.context.NoteAnalyzer;
import org.medai.nlp.deid.AuditRecord;
import org.medai.nlp.deid.DeidResult;
import org.medai.nlp.deid.Deidentifier;
import org.medai.nlp.deid.PatientKey;
import org.medai.nlp.text.Terminology;

/**
 * Clinical text: analyses a synthetic H&amp;P note (sentences, sections, demo ICD-10-CM concepts
 * with negation, uncertainty, history and family context) and de-identifies it, checking that no
 * injected identifier survives and that the note's two dates keep their interval.
 */
final class NlpDemoStep implements DemoStep {

  /** Synthetic note; every name, number and place in it is invented. */
  static final String NOTE = """
      Patient Name: Okafor, Ines     MRN: 00482913     DOB: 03/14/1931
      Date of service: March 2, 2024

      CHIEF COMPLAINT: Shortness of breath.

      HISTORY OF PRESENT ILLNESS
      Ms. Okafor is a 93-year-old woman with h/o CHF and atrial fibrillation who presents with 3 days of
      worsening dyspnea and cough. She denies chest pain, fever or chills. Possible pneumonia per outside
      CXR dated 02/28/2024. Her daughter Marisol (cell 617-555-0143) reports no syncope.

      Past Medical History:
      - Hypertension
      - Type 2 diabetes
      Family History: Mother with breast cancer. No family history of stroke.
      Social History: Lives at 42 Tamarack Lane, Amherst, MA 01002. Former smoker.

      Medications:
      1. Furosemide 40 mg p.o. b.i.d.
      2. Apixaban 5 mg p.o. q.d.

      PHYSICAL EXAM
      BP: 148/92
      HR: 104
      SpO2: 89% on RA
      Lungs: crackles at the bases; no wheezing.

      Assessment & Plan:
      Acute on chronic heart failure; rule out pneumonia. Return if chest pain develops.
      Seen with Dr. Lindqvist. Contact: ines.okafor@example.net
      """;

  private static final List<String> INJECTED = List.of("Okafor", "Ines", "00482913", "03/14/1931", "March 2, 2024",
      "02/28/2024", "Marisol", "617-555-0143", "42 Tamarack", "Amherst", "01002", "Lindqvist", "ines.okafor@example.net", "93-year");

  @Override
  public String name() {
    return "nlp";
  }

  @Override
  public Map<String, Object> run(Path outDir) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    Files.writeString(outDir.resolve("nlp-note.txt"), NOTE, StandardCharsets.UTF_8);
    NoteAnalysis a = NoteAnalyzer.of(Terminology.demo()).analyze(NOTE);
    Files.writeString(outDir.resolve("nlp-analysis.json"), a.toJson(NOTE), StandardCharsets.UTF_8);
    r.put("sentences", a.sentences().size());
    r.put("sections", a.sections().size());
    r.put("concepts", a.concepts().size());
    long negated = a.concepts().stream().map(AnnotatedConcept::context).filter(c -> c.negated()).count();
    long possible = a.concepts().stream().map(AnnotatedConcept::context).filter(c -> c.possible()).count();
    long family = a.concepts().stream().filter(c -> c.context().experiencer() == org.medai.nlp.context.Experiencer.FAMILY).count();
    r.put("negatedConcepts", negated);
    r.put("possibleConcepts", possible);
    r.put("familyConcepts", family);

    PatientKey key = PatientKey.of("demo-patient-key-7f3a");
    DeidResult d = Deidentifier.defaults().deidentify(NOTE, key);
    Files.writeString(outDir.resolve("nlp-note-deid.txt"), d.text(), StandardCharsets.UTF_8);
    StringBuilder audit = new StringBuilder("[");
    for (AuditRecord ar : d.audit()) audit.append(audit.length() > 1 ? "," : "").append(ar.toJson());
    Files.writeString(outDir.resolve("nlp-deid-audit.json"), audit.append(']').toString(), StandardCharsets.UTF_8);
    r.put("phiReplaced", d.audit().size());
    long leaked = INJECTED.stream().filter(d.text()::contains).count();
    r.put("injectedIdentifiers", INJECTED.size());
    r.put("identifiersLeft", leaked);
    r.put("dateShiftDays", key.dateShiftDays());
    r.put("sameKeySameText", Deidentifier.defaults().deidentify(NOTE, key).text().equals(d.text()));
    return r;
  }
}
