package org.medai.nlp.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DeidentifierTest {

  private static final PatientKey KEY = PatientKey.of("patient-key-0001");
  private static final PatientKey OTHER = PatientKey.of("patient-key-0002");

  @Test
  void generatedNotes_500_recallPerTypeMeetsTargets() {
    PhiDetector det = PhiDetector.defaults();
    SyntheticNotes gen = new SyntheticNotes(20261128L);
    Map<PhiType, int[]> recall = new EnumMap<>(PhiType.class); // gold, covered, covered with the same type
    int detected = 0;
    long detectedChars = 0;
    long detectedCharsInGold = 0;
    int truePositive = 0;
    int notes = 500;
    long chars = 0;
    List<String> misses = new ArrayList<>();
    for (int n = 0; n < notes; n++) {
      SyntheticNotes.Note note = gen.next();
      chars += note.text().length();
      List<PhiSpan> found = det.detect(note.text());
      for (SyntheticNotes.Gold g : note.gold()) {
        int[] r = recall.computeIfAbsent(g.type(), t -> new int[3]);
        r[0]++;
        boolean[] covered = new boolean[g.span().length()];
        boolean sameType = false;
        for (PhiSpan f : found) {
          if (!f.span().overlaps(g.span())) continue;
          sameType |= f.type() == g.type() || (isRecord(f.type()) && isRecord(g.type()));
          for (int k = Math.max(f.span().start(), g.span().start()); k < Math.min(f.span().end(), g.span().end()); k++) {
            covered[k - g.span().start()] = true;
          }
        }
        boolean all = true;
        for (int k = 0; k < covered.length; k++) all &= covered[k] || !Character.isLetterOrDigit(note.text().charAt(g.span().start() + k));
        if (all) r[1]++;
        else if (misses.size() < 40) misses.add(g.type() + " in note " + n + " at " + g.span().start());
        if (all && sameType) r[2]++;
        if (all && !sameType && Boolean.getBoolean("medai.test.showFalsePositives")) {
          for (PhiSpan f : found) if (f.span().overlaps(g.span())) System.out.println("  TYPE " + g.type() + " as " + f.type() + ": " + f.span().of(note.text()));
        }
      }
      for (PhiSpan f : found) {
        detected++;
        for (int k = f.span().start(); k < f.span().end(); k++) {
          detectedChars++;
          for (SyntheticNotes.Gold g : note.gold()) {
            if (g.span().start() <= k && k < g.span().end()) {
              detectedCharsInGold++;
              break;
            }
          }
        }
        boolean tp = false;
        for (SyntheticNotes.Gold g : note.gold()) tp |= g.span().overlaps(f.span());
        if (tp) truePositive++;
        else if (Boolean.getBoolean("medai.test.showFalsePositives")) System.out.println("  FP " + f.type() + ": " + f.span().of(note.text()));
      }
    }
    double precision = truePositive / (double) detected;
    System.out.printf(Locale.ROOT, "De-identification on %d generated notes (%d chars): detected %d spans, span precision %.4f,"
        + " character precision %.4f%n", notes, chars, detected, precision, detectedCharsInGold / (double) detectedChars);
    int recordGold = 0;
    int recordCovered = 0;
    for (var e : recall.entrySet()) {
      int[] r = e.getValue();
      System.out.printf(Locale.ROOT, "  %-8s gold=%5d recall=%.4f sameTypeRecall=%.4f%n", e.getKey(), r[0], r[1] / (double) r[0], r[2] / (double) r[0]);
      if (isRecord(e.getKey())) {
        recordGold += r[0];
        recordCovered += r[1];
      }
    }
    misses.forEach(m -> System.out.println("  miss: " + m));
    assertTrue(recall.keySet().containsAll(List.of(PhiType.values())), "every PHI type injected: " + recall.keySet());
    for (PhiType t : List.of(PhiType.DATE, PhiType.PHONE, PhiType.FAX, PhiType.EMAIL, PhiType.URL, PhiType.SSN)) {
      assertTrue(rate(recall, t) >= 0.99, t + " recall " + rate(recall, t));
    }
    assertTrue(recordCovered / (double) recordGold >= 0.99, "record numbers recall " + recordCovered / (double) recordGold);
    for (PhiType t : List.of(PhiType.NAME, PhiType.ADDRESS, PhiType.ZIP)) {
      assertTrue(rate(recall, t) >= 0.95, t + " recall " + rate(recall, t));
    }
    assertTrue(rate(recall, PhiType.AGE) >= 0.99 && rate(recall, PhiType.IP) >= 0.99, "age/IP recall");
    assertTrue(precision >= 0.8, "precision " + precision);
  }

  private static boolean isRecord(PhiType t) {
    return t == PhiType.MRN || t == PhiType.ACCOUNT || t == PhiType.ID;
  }

  private static double rate(Map<PhiType, int[]> m, PhiType t) {
    int[] r = m.get(t);
    return r[1] / (double) r[0];
  }

  @Test
  void onePatientsDates_afterShift_keepIntervalsAndFormats() {
    String[] formats = {"MM/dd/yyyy", "yyyy-MM-dd", "MMMM d, yyyy", "d MMM yyyy", "M/d/yy", "MMM. d, yyyy", "dd-MMM-yyyy"};
    LocalDate[] dates = {LocalDate.of(2019, 1, 3), LocalDate.of(2019, 2, 28), LocalDate.of(2020, 2, 29), LocalDate.of(2020, 12, 31),
        LocalDate.of(2021, 3, 1), LocalDate.of(1999, 7, 4), LocalDate.of(2024, 1, 15)};
    StringBuilder sb = new StringBuilder("Timeline:\n");
    for (int i = 0; i < dates.length; i++) {
      sb.append("Visit ").append(i).append(" on ").append(dates[i].format(DateTimeFormatter.ofPattern(formats[i], Locale.US))).append(".\n");
    }
    DeidResult r = Deidentifier.defaults().deidentify(sb.toString(), KEY);
    Matcher m = Pattern.compile("Visit (\\d) on (.+)\\.\\n").matcher(r.text());
    int shift = KEY.dateShiftDays();
    assertTrue(shift <= -30 && shift >= -365, "shift " + shift);
    int seen = 0;
    while (m.find()) {
      int i = Integer.parseInt(m.group(1));
      LocalDate back = LocalDate.parse(m.group(2), DateTimeFormatter.ofPattern(formats[i], Locale.US));
      if (formats[i].equals("M/d/yy") && back.getYear() > 2030) back = back.minusYears(100);
      assertEquals(shift, ChronoUnit.DAYS.between(dates[i], back), "date " + i + " shifted by the patient offset");
      for (int j = 0; j < i; j++) {
        LocalDate bj = dates[j].plusDays(shift);
        assertEquals(ChronoUnit.DAYS.between(dates[j], dates[i]), ChronoUnit.DAYS.between(bj, back), "interval " + j + "-" + i);
      }
      seen++;
    }
    assertEquals(dates.length, seen, "every date kept its format: " + r.text().replaceAll("[0-9]", "#"));
  }

  @Test
  void surrogates_sameKeySameOutput_differentKeyDifferentOutput() {
    String note = "Patient: John Okafor, MRN: 12345678. Dr. Lindqvist called John at (617) 555-0199; john.okafor@mail.org. "
        + "SSN 123-45-6789. Lives at 12 Oak Street, Boston, MA 02115. Mr. Okafor returns 03/04/2021.";
    DeidResult a = Deidentifier.defaults().deidentify(note, KEY);
    DeidResult b = Deidentifier.defaults().deidentify(note, KEY);
    DeidResult c = Deidentifier.defaults().deidentify(note, OTHER);
    assertEquals(a.text(), b.text());
    assertNotEquals(a.text(), c.text());
    for (String phi : List.of("Okafor", "Lindqvist", "12345678", "555-0199", "john.okafor", "123-45-6789", "Oak", "Boston", "02115", "03/04/2021")) {
      assertFalse(a.text().contains(phi), "a PHI item survived de-identification (index " + note.indexOf(phi) + ")");
    }
    // The same surname gets the same surrogate everywhere in a patient's note.
    List<String> names = new ArrayList<>();
    for (AuditRecord ar : a.audit()) {
      if (ar.type() == PhiType.NAME) names.add(a.text().substring(ar.surrogateStart(), ar.surrogateStart() + ar.surrogateLength()));
    }
    String surOkafor = names.get(0).split(" ")[1];
    assertTrue(names.get(names.size() - 1).equals(surOkafor), "consistent surname surrogate");
    assertTrue(a.text().contains("MA"), "state kept (Safe Harbor allows it)");
  }

  @Test
  void audit_recordsMatchOutputAndHoldNoText() {
    String note = "Seen by Dr. Haddad on 2021-03-04, phone 617-555-0101, age 93, MRN A1234567.";
    DeidResult r = Deidentifier.defaults().deidentify(note, KEY);
    assertTrue(r.audit().size() >= 5, "audit " + r.audit().size());
    int prevEnd = 0;
    for (AuditRecord a : r.audit()) {
      assertTrue(a.originalStart() >= prevEnd && a.originalEnd() > a.originalStart());
      assertTrue(a.surrogateStart() + a.surrogateLength() <= r.text().length());
      String json = a.toJson();
      assertFalse(json.contains("Haddad") || json.contains("617") || json.contains("2021"), "audit holds no original text");
      prevEnd = a.originalEnd();
    }
    assertTrue(r.text().contains("age 90+"), "age over 89 becomes 90+");
    assertTrue(r.text().matches(".*\\d{3}-\\d{3}-\\d{4}.*"), "phone layout kept");
  }

  @Test
  void agesUnder90_andClinicalNumbers_notReplaced() {
    String note = "67-year-old with BP 120/80, Hgb 13.2, 2.5 mg warfarin, 5/5 strength, 0.9% NS, Type 2 DM.";
    assertEquals(note, Deidentifier.defaults().deidentify(note, KEY).text());
  }

  @Test
  void narrativeXhtml_textNodesOnly_tagsPreserved() {
    String x = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p title=\"keep\">Patient <b>Mary Quigley</b> seen 04/05/2020</p>"
        + "<!-- Mr. Smith --><table><tr><td>Phone</td><td>(617) 555-0142</td></tr></table></div>";
    FhirTextDeid f = new FhirTextDeid(Deidentifier.defaults());
    DeidResult r = f.narrativeXhtml(x, KEY);
    assertEquals(tags(x), tags(r.text()));
    assertFalse(r.text().contains("Quigley") || r.text().contains("04/05/2020") || r.text().contains("555-0142"));
    assertTrue(r.text().contains("<!-- Mr. Smith -->"), "comments untouched");
    for (AuditRecord a : r.audit()) assertTrue(x.charAt(a.originalStart()) != '<');
  }

  @Test
  void attachmentAndObservationNote_deidentified() {
    FhirTextDeid f = new FhirTextDeid(Deidentifier.defaults());
    String text = "Dr. Abernathy saw the patient on 01/02/2019. Call 555-867-5309.";
    String b64 = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    FhirTextDeid.Attachment a = f.attachment(b64, "text/plain; charset=utf-8", KEY);
    String decoded = new String(Base64.getDecoder().decode(a.base64Data()), StandardCharsets.UTF_8);
    assertEquals(a.result().text(), decoded);
    assertFalse(decoded.contains("Abernathy") || decoded.contains("01/02/2019") || decoded.contains("867-5309"));
    assertEquals(decoded, f.observationNote(text, KEY).text());
    DeidException e = org.junit.jupiter.api.Assertions.assertThrows(DeidException.class, () -> f.attachment(b64, "application/pdf", KEY));
    assertEquals("MEDAI-DEID-002", e.code());
  }

  @Test
  void patientKey_shortSecret_rejected_andToStringHidesIt() {
    DeidException e = org.junit.jupiter.api.Assertions.assertThrows(DeidException.class, () -> PatientKey.of("short"));
    assertEquals("MEDAI-DEID-001", e.code());
    assertFalse(KEY.toString().contains("patient-key"));
  }

  private static List<String> tags(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<[^>]*>").matcher(s);
    while (m.find()) out.add(m.group());
    return out;
  }
}
