package org.medai.nlp.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionDetectorTest {

  private static final String HP = """
      CHIEF COMPLAINT: Chest pain.

      HISTORY OF PRESENT ILLNESS
      67 yo man with 2 days of substernal chest pain.

      Past Medical History:
      - Hypertension
      - Type 2 diabetes

      Medications:
      1. Metoprolol 25 mg p.o. b.i.d.
      Allergies: NKDA
      Family Hx: Father with MI at 55.
      Social History: Former smoker.
      ROS: Negative except as in HPI.
      PHYSICAL EXAMINATION
      BP: 150/90
      HR: 88
      Labs:
      Troponin 0.02.
      Assessment & Plan:
      Chest pain, rule out ACS.
      """;

  private static final String PROGRESS = """
      S: Feels better. No fever overnight.
      Subjective: tolerating diet.
      Objective:
      Vitals: T 37.0, HR 80
      A/P: Pneumonia, improving. Continue ceftriaxone.
      """;

  private static final String DISCHARGE = """
      Reason for Admission: syncope
      Brief Hospital Course: Admitted to telemetry. CC: dizziness. HPI: fainted at home.
      DISCHARGE MEDICATIONS:
      Aspirin 81 mg daily
      DISCHARGE CONDITION:
      Stable.
      Follow-up: PCP in 1 week.
      """;

  private static final String RADIOLOGY = """
      ## Imaging
      CT chest with contrast.
      **Findings:** No pulmonary embolism.
      IMPRESSION:
      No acute process.
      """;

  private static List<String> names(String note) {
    List<String> out = new ArrayList<>();
    for (Section s : SectionDetector.defaults().detect(note)) out.add(s.name());
    return out;
  }

  @Test
  void historyAndPhysical_headerForms_labelledSections() {
    assertEquals(List.of("chief_complaint", "history_of_present_illness", "past_medical_history", "medications",
        "allergies", "family_history", "social_history", "review_of_systems", "physical_exam", "labs",
        "assessment_and_plan"), names(HP));
  }

  @Test
  void progressNote_soapHeaders_labelledSections() {
    assertEquals(List.of("history_of_present_illness", "physical_exam", "vital_signs", "assessment_and_plan"),
        names(PROGRESS.replace("S: Feels", "Feels")));
  }

  @Test
  void dischargeSummary_inlineAndUnknownAllCaps_labelledSections() {
    assertEquals(List.of("chief_complaint", "hospital_course", "chief_complaint", "history_of_present_illness",
        "medications", "other", "plan"), names(DISCHARGE));
  }

  @Test
  void radiologyReport_markdownHeaders_labelledSections() {
    assertEquals(List.of("imaging", "imaging", "assessment"), names(RADIOLOGY));
  }

  @Test
  void sections_spans_coverHeaderToNextHeader() {
    List<Section> s = SectionDetector.defaults().detect(HP);
    for (int i = 0; i < s.size(); i++) {
      Section x = s.get(i);
      assertTrue(x.span().contains(x.header()));
      if (i + 1 < s.size()) assertTrue(x.span().end() <= s.get(i + 1).span().start());
    }
    Section hpi = s.get(1);
    assertEquals("HISTORY OF PRESENT ILLNESS", hpi.header().of(HP));
    assertTrue(hpi.body().of(HP).strip().startsWith("67 yo"));
    assertEquals("history_of_present_illness",
        SectionDetector.sectionAt(s, HP.indexOf("substernal")).orElseThrow().name());
  }

  @Test
  void customLexicon_callerForms_override() {
    SectionLexicon custom = SectionLexicon.parse(new StringReader("oncology_history\tonc hx\n"), "test");
    SectionDetector d = new SectionDetector(SectionLexicon.defaults().plus(custom));
    List<Section> s = d.detect("Onc Hx: breast cancer 2015.\nPlan: surveillance.");
    assertEquals("oncology_history", s.get(0).name());
    assertEquals("plan", s.get(1).name());
    assertEquals("assessment_and_plan", SectionLexicon.defaults().lookup("ASSESSMENT/PLAN").orElse("?"));
    assertEquals("assessment_and_plan", SectionLexicon.defaults().lookup("Assessment & Plan").orElse("?"));
    assertEquals("history and physical", SectionLexicon.normalize("History & Physical"));
  }
}
