package org.medai.nlp.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

  /** A snippet and the sentences a careful reader marks in it (labelled by hand). */
  private record Case(String text, List<String> expected) {
    Case(String text, String... expected) {
      this(text, List.of(expected));
    }
  }

  private static final List<Case> CASES = List.of(
      new Case("Seen by Dr. Smith today. She is stable.", "Seen by Dr. Smith today.", "She is stable."),
      new Case("Pt has h/o CHF. Takes lasix 40 mg p.o. b.i.d. for edema.",
          "Pt has h/o CHF.", "Takes lasix 40 mg p.o. b.i.d. for edema."),
      new Case("Metoprolol 25 mg p.o. q.d. Follow up in 2 weeks.", "Metoprolol 25 mg p.o. q.d.", "Follow up in 2 weeks."),
      new Case("Give 0.9% NS at 100 mL/hr. Recheck K 3.5 in am.", "Give 0.9% NS at 100 mL/hr.", "Recheck K 3.5 in am."),
      new Case("Warfarin 2.5 mg daily. INR 2.3.", "Warfarin 2.5 mg daily.", "INR 2.3."),
      new Case("Risk factors, e.g. smoking, were discussed. Approx. 20 pack-years.",
          "Risk factors, e.g. smoking, were discussed.", "Approx. 20 pack-years."),
      new Case("Pneumonia vs. atelectasis. Repeat film.", "Pneumonia vs. atelectasis.", "Repeat film."),
      new Case("Temp was 38.5. HR 110.", "Temp was 38.5.", "HR 110."),
      new Case("Does he have pain? Yes! Severe.", "Does he have pain?", "Yes!", "Severe."),
      new Case("Findings: ? pneumonia in the RLL.", "Findings: ? pneumonia in the RLL."),
      new Case("Plan:\n1. Start aspirin.\n2. Check lipids.\n3. Follow up with J. Brown in clinic.",
          "Plan:", "1. Start aspirin.", "2. Check lipids.", "3. Follow up with J. Brown in clinic."),
      new Case("Medications:\n- aspirin 81 mg daily\n- atorvastatin 40 mg qhs\n* lisinopril 10 mg",
          "Medications:", "- aspirin 81 mg daily", "- atorvastatin 40 mg qhs", "* lisinopril 10 mg"),
      new Case("BP: 120/80\nHR: 72\nRR: 16\nTemp: 98.6 F\nSpO2: 97% on RA",
          "BP: 120/80", "HR: 72", "RR: 16", "Temp: 98.6 F", "SpO2: 97% on RA"),
      new Case("HISTORY OF PRESENT ILLNESS\nThe patient is a 67 year old man with chest pain.",
          "HISTORY OF PRESENT ILLNESS", "The patient is a 67 year old man with chest pain."),
      new Case("Physical Exam\nGeneral: alert, oriented\nLungs: clear to auscultation",
          "Physical Exam", "General: alert, oriented", "Lungs: clear to auscultation"),
      new Case("The patient reports intermittent chest pain that started three days ago and\n"
          + "radiates to the left arm. No dyspnea.",
          "The patient reports intermittent chest pain that started three days ago and\nradiates to the left arm.",
          "No dyspnea."),
      new Case("He was started on heparin drip with a goal PTT of 60 to 80 seconds and\n"
          + "Cardiology was consulted for further management.",
          "He was started on heparin drip with a goal PTT of 60 to 80 seconds and\nCardiology was consulted for further management."),
      new Case("Assessment and Plan\n\nChest pain, likely musculoskeletal. Will treat with NSAIDs.",
          "Assessment and Plan", "Chest pain, likely musculoskeletal.", "Will treat with NSAIDs."),
      new Case("Vitals: BP 132/84, HR 88, T 37.1 C, RR 18, SpO2 95% RA. Exam unremarkable.",
          "Vitals: BP 132/84, HR 88, T 37.1 C, RR 18, SpO2 95% RA.", "Exam unremarkable."),
      new Case("Mr. Jones was seen in the E.D. He was discharged.", "Mr. Jones was seen in the E.D.", "He was discharged."),
      new Case("Labs notable for Na 131. K 4.1. Cr 1.2 (baseline 0.9).",
          "Labs notable for Na 131.", "K 4.1.", "Cr 1.2 (baseline 0.9)."),
      new Case("She said \"I feel better.\" Discharged home.", "She said \"I feel better.\"", "Discharged home."),
      new Case("Albuterol 2 puffs q.i.d. p.r.n. wheezing. Return if worse.",
          "Albuterol 2 puffs q.i.d. p.r.n. wheezing.", "Return if worse."),
      new Case("   Leading spaces.   Trailing spaces.   ", "Leading spaces.", "Trailing spaces."),
      new Case("Allergies: NKDA\r\nSocial: lives alone, no tobacco.\r\nFamily: mother with DM.",
          "Allergies: NKDA", "Social: lives alone, no tobacco.", "Family: mother with DM."),
      new Case("IMPRESSION\n1. No acute cardiopulmonary process.\n2. Stable cardiomegaly.",
          "IMPRESSION", "1. No acute cardiopulmonary process.", "2. Stable cardiomegaly."),
      new Case("Discussed with pt. Will follow up.", "Discussed with pt.", "Will follow up."),
      new Case("Dose is 1.5 mg/kg i.v. over 30 min. Monitor closely.",
          "Dose is 1.5 mg/kg i.v. over 30 min.", "Monitor closely."),
      new Case("No. of lesions: 3. Largest 2.1 cm.", "No. of lesions: 3.", "Largest 2.1 cm."),
      new Case("", new String[0]));

  @Test
  void labelledSnippets_clinicalWriting_boundariesAsLabelled() {
    SentenceSplitter s = SentenceSplitter.clinical();
    int expectedBoundaries = 0;
    int correct = 0;
    List<String> failures = new ArrayList<>();
    for (Case c : CASES) {
      List<String> got = new ArrayList<>();
      for (Sentence sent : s.split(c.text())) got.add(sent.text(c.text()));
      expectedBoundaries += c.expected().size();
      for (String e : c.expected()) if (got.contains(e)) correct++;
      if (!got.equals(c.expected())) failures.add("expected " + c.expected() + " got " + got);
    }
    System.out.printf(Locale.ROOT, "Sentence splitting: %d snippets, %d/%d labelled sentences exact%n",
        CASES.size(), correct, expectedBoundaries);
    assertEquals(List.of(), failures);
  }

  @Test
  void split_anyText_spansOrderedTrimmedAndInsideText() {
    String note = "A. B.\n\n- c\nD: e.  F?  g";
    List<Sentence> ss = SentenceSplitter.clinical().split(note);
    int prev = 0;
    for (int i = 0; i < ss.size(); i++) {
      Sentence x = ss.get(i);
      assertEquals(i, x.index());
      assertTrue(x.start() >= prev && x.end() <= note.length() && x.end() > x.start());
      assertTrue(!Character.isWhitespace(note.charAt(x.start())) && !Character.isWhitespace(note.charAt(x.end() - 1)));
      prev = x.end();
    }
  }
}
