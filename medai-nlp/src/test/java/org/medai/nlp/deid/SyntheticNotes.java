package org.medai.nlp.deid;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.medai.nlp.text.Span;

/**
 * Seeded generator of synthetic clinical notes with PHI injected at known spans. Every name,
 * number and place is invented; the pools below are the test's own and deliberately include names
 * and places that are not in medai's shipped dictionaries.
 */
final class SyntheticNotes {

  record Gold(PhiType type, Span span) {}

  record Note(String text, List<Gold> gold) {}

  // Half from common US names (likely in the shipped lists), half rarer ones (not in them).
  private static final String[] FIRST = {"John", "Mary", "Robert", "Linda", "Michael", "Susan", "David", "Karen", "James", "Nancy",
      "Carlos", "Priya", "Kevin", "Angela", "Brian", "Bartholomew", "Ines", "Tobias", "Leilani", "Desmond", "Marisol",
      "Anneliese", "Ezekiel", "Oluwaseun", "Siobhan", "Thaddeus", "Ingrid", "Rafferty", "Yolanda", "Cormac"};
  private static final String[] LAST = {"Smith", "Johnson", "Garcia", "Nguyen", "Patel", "Martinez", "Anderson", "Thompson",
      "Robinson", "Kowalski", "Okafor", "Lindqvist", "Abernathy", "Vanterpool", "Kowalczyk", "Delacroix", "Haddad",
      "Fitzwilliam", "Ostrowski", "Achterberg", "Quigley", "Mbeki", "Castellanos", "Harrington", "Yamamoto"};
  private static final String[] STREET_NAMES = {"Main", "Oak", "Pine", "Maple", "Washington", "Lakeview", "Birchwood", "Quarry",
      "Old Mill", "Harbor", "Sunrise", "Glen Echo", "Tamarack", "Kingfisher", "Bramble"};
  private static final String[] SUFFIXES = {"Street", "St", "Avenue", "Ave", "Road", "Rd.", "Lane", "Blvd", "Drive", "Court", "Way", "Terrace"};
  private static final String[] CITIES = {"Boston", "Springfield", "Dorchester", "Lowell", "Fall River", "Chicopee", "New Bedford",
      "Marblehead", "Worcester", "Pittsfield", "Haverhill", "Framingham", "Amherst", "Gloucester", "Brockton"};
  private static final String[] STATES = {"MA", "NY", "CT", "RI", "NH", "VT", "ME", "NJ", "PA", "OH"};
  private static final String[] DOMAINS = {"gmail.com", "yahoo.com", "example.net", "mail.org", "hospital.org", "clinic.us"};
  private static final String[] DATE_FORMATS = {"MM/dd/yyyy", "M/d/yyyy", "M/d/yy", "yyyy-MM-dd", "MMMM d, yyyy", "MMM d, yyyy",
      "MMM. d, yyyy", "d MMMM yyyy", "dd-MMM-yyyy", "MM-dd-yyyy", "MMMM yyyy", "MMMM d", "MMMM dth, yyyy", "dd/MM/yyyy"};

  private static final String[] FILLER = {
      "Patient presents with substernal chest pain radiating to the left arm for 2 days. ",
      "Vitals: BP 142/88, HR 96, RR 18, T 37.8 C, SpO2 94% on RA. ",
      "Labs: WBC 12.4, Hgb 10.2, Plt 231, Na 134, K 3.9, Cr 1.3, troponin 0.04. ",
      "Started metoprolol 25 mg p.o. b.i.d. and aspirin 81 mg daily. ",
      "Chest x-ray showed a small left pleural effusion without pneumothorax. ",
      "ECG with sinus tachycardia, no ST elevation. ",
      "Past medical history of type 2 diabetes, hypertension and hyperlipidemia. ",
      "Denies fever, chills, nausea or vomiting. ",
      "Exam notable for 2+ pitting edema bilaterally and crackles at the bases. ",
      "Plan to continue Lasix 40 mg IV and repeat BMP in the morning. ",
      "Follow up in 2 weeks with cardiology. Return if symptoms worsen. ",
      "CT abdomen/pelvis with contrast: no acute findings. ",
      "Positive Murphy's sign; RUQ ultrasound ordered. ",
      "A1c 8.2% (goal < 7%). Increase metformin to 1000 mg twice daily. ",
      "She walked 300 feet with a rolling walker. PT and OT consulted. ",
      "History of Parkinson's disease and Bell's palsy in 2 prior years. ",
      "Foley catheter removed; voiding without difficulty. ",
      "Glasgow Coma Scale 15. Pupils equal, round and reactive. ",
      "Dose: 0.9% NS at 75 mL/hr for 12 hours, then reassess. ",
      "Reports 3/10 pain, improved from 8/10 after ketorolac. ",
      "The 67-year-old has a 40 pack-year smoking history. ",
      "Hepatitis B surface antigen negative; HIV 1/2 antibody negative. ",
      "ICD-10 I50.9 and E11.9 documented for billing. ",
      "Strength 5/5 in all extremities; sensation intact. ",
      "Coumadin clinic managed by the Anticoagulation Service at Mass General. ",
      "Gram stain with gram-positive cocci in clusters; Kerley B lines on film. ",
      "Wells score 4; Hodgkin lymphoma in remission; Graves disease on methimazole. ",
      "Tylenol #3 PRN, Zofran 4 mg ODT q8h, Keflex 500 mg QID for 7 days. ",
      "NYHA class III, EF 35%. Cushing syndrome ruled out. Down syndrome noted. ",
      "NDC 0002-1433-80 lot verified by pharmacy at 14:30. ",
      "Symptoms for 3-4 days, worse at night. Smoked 1-2 packs per day. ",
      "Apgar 8 and 9. Hashimoto thyroiditis on levothyroxine 88 mcg. ",
      "Transferred from Washington Hospital Center per Parkland formula protocol. ",
  };

  private final Random rnd;
  private final StringBuilder sb = new StringBuilder();
  private final List<Gold> gold = new ArrayList<>();

  SyntheticNotes(long seed) {
    rnd = new Random(seed);
  }

  private String pick(String[] a) {
    return a[rnd.nextInt(a.length)];
  }

  private void text(String s) {
    sb.append(s);
  }

  private void phi(PhiType type, String value) {
    gold.add(new Gold(type, new Span(sb.length(), sb.length() + value.length())));
    sb.append(value);
  }

  private String digits(int n) {
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < n; i++) d.append((char) ('0' + rnd.nextInt(10)));
    return d.toString();
  }

  private String phone() {
    String a = (2 + rnd.nextInt(8)) + digits(2);
    String b = (2 + rnd.nextInt(8)) + digits(2);
    String c = digits(4);
    return switch (rnd.nextInt(7)) {
      case 0 -> "(" + a + ") " + b + "-" + c;
      case 1 -> a + "-" + b + "-" + c;
      case 2 -> a + "." + b + "." + c;
      case 3 -> a + " " + b + " " + c;
      case 4 -> "+1 " + a + " " + b + " " + c;
      case 5 -> "1-" + a + "-" + b + "-" + c;
      default -> a + "-" + b + "-" + c + " ext. " + digits(3);
    };
  }

  private void date() {
    LocalDate d = LocalDate.of(1940, 1, 1).plusDays(rnd.nextInt(365 * 84));
    String f = pick(DATE_FORMATS);
    String s;
    if (f.equals("MMMM dth, yyyy")) {
      int day = d.getDayOfMonth();
      String suf = (day >= 11 && day <= 13) ? "th" : switch (day % 10) { case 1 -> "st"; case 2 -> "nd"; case 3 -> "rd"; default -> "th"; };
      s = d.format(DateTimeFormatter.ofPattern("MMMM d", Locale.US)) + suf + ", " + d.getYear();
    } else {
      s = d.format(DateTimeFormatter.ofPattern(f, Locale.US));
      if (f.startsWith("dd-MMM")) s = s.toUpperCase(Locale.ROOT);
      if (f.equals("dd/MM/yyyy") && d.getDayOfMonth() <= 12) s = d.format(DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.US));
    }
    phi(PhiType.DATE, s);
  }

  private String first() {
    return pick(FIRST);
  }

  private String last() {
    return pick(LAST);
  }

  private void name(String prefix, String value, String suffix) {
    text(prefix);
    phi(PhiType.NAME, value);
    text(suffix);
  }

  private void address() {
    switch (rnd.nextInt(4)) {
      case 0 -> {
        text("Address: ");
        phi(PhiType.ADDRESS, (1 + rnd.nextInt(9999)) + " " + pick(STREET_NAMES) + " " + pick(SUFFIXES));
        text(", ");
        phi(PhiType.ADDRESS, pick(CITIES));
        text(", " + pick(STATES) + " ");
        phi(PhiType.ZIP, digits(5));
        text(". ");
      }
      case 1 -> {
        text("Lives at ");
        phi(PhiType.ADDRESS, (1 + rnd.nextInt(999)) + " " + pick(new String[] {"N", "S", "E", "W"}) + " " + pick(STREET_NAMES) + " "
            + pick(SUFFIXES) + ", Apt " + (1 + rnd.nextInt(40)) + pick(new String[] {"", "B", "C"}));
        text(" with her daughter. ");
      }
      case 2 -> {
        text("Mailing address ");
        phi(PhiType.ADDRESS, "PO Box " + (10 + rnd.nextInt(9000)));
        text(", ");
        phi(PhiType.ADDRESS, pick(CITIES));
        text(", " + pick(STATES) + " ");
        phi(PhiType.ZIP, digits(5) + (rnd.nextBoolean() ? "-" + digits(4) : ""));
        text(". ");
      }
      default -> {
        text("She lives in ");
        phi(PhiType.ADDRESS, pick(CITIES));
        text(" and walks to the pharmacy. ");
      }
    }
  }

  Note next() {
    sb.setLength(0);
    gold.clear();
    String pf = first();
    String pl = last();
    switch (rnd.nextInt(3)) {
      case 0 -> name("Patient Name: ", pl.toUpperCase(Locale.ROOT) + ", " + pf.toUpperCase(Locale.ROOT), "\n");
      case 1 -> name("Patient: ", pf + " " + pl, "\n");
      default -> name("Name: ", pl + ", " + pf, "\n");
    }
    text("DOB: ");
    date();
    text("   MRN: ");
    phi(PhiType.MRN, rnd.nextBoolean() ? digits(8) : "A" + digits(7));
    text("\n");
    int segments = 6 + rnd.nextInt(6);
    for (int i = 0; i < segments; i++) {
      text(pick(FILLER));
      switch (rnd.nextInt(18)) {
        case 0 -> name("Seen with Dr. ", last(), " today. ");
        case 1 -> { name("Mr. ", last(), " was admitted on "); date(); text(". "); }
        case 2 -> { text("Discussed with his wife, "); phi(PhiType.NAME, first()); text(", at "); phi(PhiType.PHONE, phone()); text(". "); }
        case 3 -> { text("Fax records to "); phi(PhiType.FAX, phone()); text(". Call "); phi(PhiType.PHONE, phone()); text(" with questions. "); }
        case 4 -> { text("Email: "); phi(PhiType.EMAIL, (pf.charAt(0) + pl).toLowerCase(Locale.ROOT) + digits(2) + "@" + pick(DOMAINS));
          text(". Portal: "); phi(PhiType.URL, pick(new String[] {"https://portal.", "http://www.", "www."}) + pick(new String[] {"mychart", "healthlink", "carepoint"})
              + ".org/p/" + digits(5)); text(" "); }
        case 5 -> { text("SSN: "); phi(PhiType.SSN, rnd.nextBoolean() ? digits(3) + "-" + digits(2) + "-" + digits(4) : digits(3) + " " + digits(2) + " " + digits(4)); text(". "); }
        case 6 -> { text(pick(new String[] {"Account #: ", "Acct ", "Encounter number: "})); phi(PhiType.ACCOUNT, digits(4 + rnd.nextInt(5)) + (rnd.nextBoolean() ? "-" + digits(3) : ""));
          text(". "); }
        case 7 -> { text(pick(new String[] {"Member ID: ", "Policy number: ", "Health plan ID "})); phi(PhiType.ID, pick(new String[] {"XQZ", "MBR", "P-"}) + digits(9)); text(". "); }
        case 8 -> address();
        case 9 -> { text("The patient is a "); phi(PhiType.AGE, Integer.toString(90 + rnd.nextInt(15)));
          text(pick(new String[] {"-year-old woman", " year old man", " yo F", " y/o male"})); text(" from a nursing home. "); }
        case 10 -> { text("Follow-up visit on "); date(); text(" with "); phi(PhiType.NAME, first() + " " + last()); text(", NP. "); }
        case 11 -> { text("Logged in from "); phi(PhiType.IP, (1 + rnd.nextInt(223)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256)); text(". "); }
        case 12 -> { name("Electronically signed by: ", first() + " " + last(), ", MD on "); date(); text("\n"); }
        case 13 -> { text("Surgery was in "); date(); text(", with "); name("Dr. ", first() + " " + last(), ". "); }
        case 14 -> { phi(PhiType.NAME, pick(new String[] {"John", "Mary", "Linda", "David", "Susan"}) + " " + pick(new String[] {"Garcia", "Nguyen", "Patel", "Johnson"}));
          text(" reports feeling better. "); }
        case 15 -> { text("Son "); phi(PhiType.NAME, first() + " " + last()); text(" can be reached at "); phi(PhiType.PHONE, phone());
          text(" or "); phi(PhiType.EMAIL, first().toLowerCase(Locale.ROOT) + "." + last().toLowerCase(Locale.ROOT) + "@" + pick(DOMAINS)); text(". "); }
        case 16 -> { phi(PhiType.NAME, first() + " " + last()); text(" arrived by ambulance. "); }
        default -> { text("Ms. "); phi(PhiType.NAME, pl); text(" last saw her PCP on "); date(); text(". "); }
      }
    }
    return new Note(sb.toString(), List.copyOf(gold));
  }
}
