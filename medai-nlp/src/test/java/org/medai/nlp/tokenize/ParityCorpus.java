package org.medai.nlp.tokenize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.medai.nlp.internal.tokenize.JsonReader;

/** Test texts: every Synthea clinical note in shared data plus a generated edge-case corpus. */
final class ParityCorpus {
  private ParityCorpus() {}

  static Path sharedData() {
    String p = System.getProperty("medai.shared.data");
    return p == null ? null : Path.of(p);
  }

  /** All DocumentReference notes of the Synthea bundles and NDJSON export, in file order. */
  static List<String> syntheaNotes(Path shared) throws IOException {
    List<String> notes = new ArrayList<>();
    Path bundles = shared.resolve("fhir/synthea/bundles");
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(bundles, "*.json")) {
      ds.forEach(files::add);
    }
    files.sort(null);
    for (Path f : files) {
      Map<?, ?> bundle = (Map<?, ?>) JsonReader.parse(Files.readString(f));
      for (Object e : (List<?>) bundle.get("entry")) {
        Object r = ((Map<?, ?>) e).get("resource");
        addNotes((Map<?, ?>) r, notes);
      }
    }
    for (String line : Files.readAllLines(shared.resolve("fhir/synthea/ndjson/DocumentReference.ndjson"))) {
      if (!line.isBlank()) addNotes((Map<?, ?>) JsonReader.parse(line), notes);
    }
    return notes;
  }

  private static void addNotes(Map<?, ?> r, List<String> notes) {
    if (!"DocumentReference".equals(r.get("resourceType"))) return;
    for (Object c : (List<?>) r.get("content")) {
      Map<?, ?> att = (Map<?, ?>) ((Map<?, ?>) c).get("attachment");
      if (att.get("data") instanceof String b64) {
        notes.add(new String(Base64.getMimeDecoder().decode(b64), StandardCharsets.UTF_8));
      }
    }
  }

  private static final String[] SNIPPETS = {
    "Café", "naïve", "résumé", "Ångström", "Müller", "niño", "façade", "İstanbul", "straße", "ΣΊΣΥΦΟΣ",
    "e\u0301", "a\u0308\u0323", "n\u0303", "\u0301start", "Z\u0335\u0321a\u0336lgo", "ﬁ ligature", "Ⅻ", "①②",
    "中文病历", "日本語のテキスト", "한국어 진료 기록", "患者主诉头痛", "\uD840\uDC0B\uD840\uDC0F", "豈更",
    "😀", "👍🏽", "👨\u200D👩\u200D👧", "🇺🇸", "❤️", "🩺💊", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "🧪x2", "🫠 melting", "x-ray 🩻", "\uD83E\uDEF8",
    "\u0000", "\u0001", "\u0007", "\u007F", "\u0085", "\u0008", "\u001B[0m", "\uFFFD",
    "\u200B", "\u200C", "\u200D", "\uFEFF", "\u2060", "\u00AD",
    "\u00A0", "\u202F", "\u3000", "\u2003", "\t", "\r\n", "\n\n", "\u2028", "\u000B", "\u000C",
    "[CLS]", "[SEP]", "[MASK]", "[UNK]", "[PAD]", "[cls]", "x[SEP]y",
    "BP: 120/80", "q.d.", "b.i.d.", "p.o.", "h/o", "5mg/kg", "3.5%", "$12.50", "O'Brien", "don't",
    "it's", "we're", "they've", "I'm", "we'll", "he'd", "'S", "--", "...", "—", "–", "“quoted”",
    "«guillemets»", "¿Qué?", "¡Hola!", "Ωmega", "µg", "°C", "±2", "×3", "½", "x²", "naïve-bayes",
    "مرحبا", "שלום", "नमस्ते", "ภาษาไทย", "Tiếng Việt", "Ελληνικά", "Русский текст", "ＦＵＬＬＷＩＤＴＨ",
    "ǅ", "ﬀ", "K", "Å", "ẞ", "ῼ", "ǈ", "   ", " ", "", "a  b", "x\u00A0\u00A0y",
  };

  private static final String WORDS = "patient presents with acute chest pain shortness of breath denies "
      + "fever chills history of hypertension diabetes mellitus type two hyperlipidemia medications "
      + "include metformin lisinopril atorvastatin aspirin allergies none known exam unremarkable "
      + "assessment plan follow up cardiology echocardiogram troponin negative";

  /**
   * Random texts over code points the JDK's Unicode tables define (so both implementations agree
   * on their properties), mixed with ASCII words and whitespace; no unpaired surrogates.
   */
  static List<String> randomUnicode(int count, long seed) {
    return randomUnicode(count, seed, false);
  }

  /**
   * As {@link #randomUnicode(int, long)}; with {@code scriptsOfClinicalText} the non-ASCII code
   * points come from Latin, combining diacritics, Greek, Cyrillic, general punctuation, CJK
   * symbols, CJK ideographs, Hangul and emoji blocks only. (HF's BERT normaliser classifies marks
   * and punctuation with the old tables of the unicode_categories crate, so marks and punctuation
   * added to other scripts since Unicode 8 are treated differently; see docs/nlp-tokenize.md.)
   */
  static List<String> randomUnicode(int count, long seed, boolean scriptsOfClinicalText) {
    int[][] blocks = {{0x80, 0x250}, {0x300, 0x370}, {0x370, 0x400}, {0x400, 0x500}, {0x2000, 0x2070},
        {0x3000, 0x3040}, {0x4E00, 0xA000}, {0xAC00, 0xD7A4}, {0x1F300, 0x1F650}};
    Random rnd = new Random(seed);
    List<String> out = new ArrayList<>();
    while (out.size() < count) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + rnd.nextInt(80);
      for (int i = 0; i < len; i++) {
        int kind = rnd.nextInt(8);
        int c;
        if (kind < 3) c = 'a' + rnd.nextInt(26);
        else if (kind == 3) c = " \t\n.,-'".charAt(rnd.nextInt(7));
        else if (kind == 4) c = 0x80 + rnd.nextInt(0x780);          // Latin, Greek, Cyrillic, marks
        else if (kind == 5) c = rnd.nextInt(0xD800);                 // anywhere in the lower BMP
        else if (kind == 6) c = 0xE000 + rnd.nextInt(0x2000);        // upper BMP
        else c = 0x10000 + rnd.nextInt(0x20000);                     // supplementary planes
        if (scriptsOfClinicalText && kind > 3) {
          int[] b = blocks[rnd.nextInt(blocks.length)];
          c = b[0] + rnd.nextInt(b[1] - b[0]);
        }
        if (!Character.isDefined(c) || Character.getType(c) == Character.SURROGATE) continue;
        sb.appendCodePoint(c);
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** A deterministic corpus of {@code count} edge-case texts built from notes and snippets. */
  static List<String> edgeCases(List<String> notes, int count, long seed) {
    Random rnd = new Random(seed);
    String[] words = WORDS.split(" ");
    List<String> out = new ArrayList<>();
    for (String s : SNIPPETS) out.add(s);
    while (out.size() < count) {
      StringBuilder sb = new StringBuilder();
      int kind = rnd.nextInt(10);
      if (kind == 0 && !notes.isEmpty()) {
        // a very long note: several notes joined, with snippets inserted
        int k = 3 + rnd.nextInt(5);
        for (int i = 0; i < k; i++) {
          sb.append(notes.get(rnd.nextInt(notes.size())));
          sb.append(SNIPPETS[rnd.nextInt(SNIPPETS.length)]);
        }
      } else if (kind == 1) {
        // words longer than 100 characters
        int len = 95 + rnd.nextInt(40);
        for (int i = 0; i < len; i++) sb.append((char) ('a' + rnd.nextInt(26)));
        sb.append(rnd.nextBoolean() ? " " : "-").append(words[rnd.nextInt(words.length)]);
        if (rnd.nextBoolean()) sb.insert(0, "é");
      } else if (kind == 2 && !notes.isEmpty()) {
        // a slice of a real note with random snippets spliced in
        String n = notes.get(rnd.nextInt(notes.size()));
        int a = rnd.nextInt(Math.max(1, n.length()));
        int b = Math.min(n.length(), a + rnd.nextInt(400));
        String slice = n.substring(a, b);
        int at = rnd.nextInt(slice.length() + 1);
        sb.append(slice, 0, at).append(SNIPPETS[rnd.nextInt(SNIPPETS.length)]).append(slice.substring(at));
      } else {
        int k = 1 + rnd.nextInt(25);
        for (int i = 0; i < k; i++) {
          int r = rnd.nextInt(4);
          if (r == 0) sb.append(SNIPPETS[rnd.nextInt(SNIPPETS.length)]);
          else sb.append(words[rnd.nextInt(words.length)]);
          int sep = rnd.nextInt(8);
          sb.append(sep < 5 ? " " : sep == 5 ? "" : sep == 6 ? ", " : ".\n");
        }
        if (rnd.nextInt(3) == 0) sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
      }
      out.add(sb.toString());
    }
    return out;
  }
}
