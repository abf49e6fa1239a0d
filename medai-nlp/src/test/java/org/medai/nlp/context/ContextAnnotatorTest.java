package org.medai.nlp.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medai.nlp.text.Span;

class ContextAnnotatorTest {

  private record Item(int line, Set<ContextCategory> labels, String target, String sentence) {}

  private static List<Item> labelled() throws Exception {
    return read("/org/medai/nlp/context/context-labelled.tsv");
  }

  private static List<Item> read(String resource) throws Exception {
    List<Item> items = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        ContextAnnotatorTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] c = line.split("\t");
        Set<ContextCategory> labels = EnumSet.noneOf(ContextCategory.class);
        if (!c[0].equals("none")) {
          for (String l : c[0].split(",")) labels.add(ContextCategory.valueOf(l.toUpperCase(Locale.ROOT)));
        }
        items.add(new Item(no, labels, c[1], c[2]));
      }
    }
    return items;
  }

  private static Span find(String sentence, String target) {
    int at = sentence.indexOf(target);
    if (at < 0) at = sentence.toLowerCase(Locale.ROOT).indexOf(target.toLowerCase(Locale.ROOT));
    if (at < 0) throw new AssertionError("target missing from labelled sentence");
    return new Span(at, at + target.length());
  }

  @Test
  void labelledSet_everyCategory_precisionAndRecallAtLeast090() throws Exception {
    List<Item> items = labelled();
    assertTrue(items.size() >= 200, "labelled set has " + items.size() + " sentences");
    evaluate("ConText labelled set", items, 0.9, 15);
  }

  /** Sentences written after the lexicon was first frozen; its held-out figures are in the resource header. */
  @Test
  void secondSet_everyCategory_precisionAndRecallAtLeast070() throws Exception {
    evaluate("ConText second set (first measured held out)", read("/org/medai/nlp/context/context-heldout.tsv"), 0.7, 7);
  }

  private static void evaluate(String title, List<Item> items, double floor, int minGold) {
    ContextAnnotator a = ContextAnnotator.defaults();
    Map<ContextCategory, int[]> counts = new EnumMap<>(ContextCategory.class);
    for (ContextCategory c : ContextCategory.values()) counts.put(c, new int[3]);
    List<String> wrong = new ArrayList<>();
    int exact = 0;
    for (Item it : items) {
      ConceptContext ctx = a.annotate(it.sentence(), find(it.sentence(), it.target()));
      boolean allRight = true;
      for (ContextCategory c : ContextCategory.values()) {
        boolean gold = it.labels().contains(c);
        boolean pred = ctx.has(c);
        int[] k = counts.get(c);
        if (gold && pred) k[0]++;
        else if (pred) k[1]++;
        else if (gold) k[2]++;
        allRight &= gold == pred;
      }
      if (allRight) exact++;
      else wrong.add("line " + it.line() + " expected " + it.labels() + " got " + ctx);
    }
    System.out.printf(Locale.ROOT, "%s: %d sentences, %d fully correct (%.3f)%n", title,
        items.size(), exact, exact / (double) items.size());
    for (ContextCategory c : ContextCategory.values()) {
      int[] k = counts.get(c);
      double p = k[0] / (double) Math.max(1, k[0] + k[1]);
      double rc = k[0] / (double) Math.max(1, k[0] + k[2]);
      System.out.printf(Locale.ROOT, "  %-12s gold=%3d tp=%3d fp=%2d fn=%2d precision=%.3f recall=%.3f%n",
          c, k[0] + k[2], k[0], k[1], k[2], p, rc);
    }
    for (ContextCategory c : ContextCategory.values()) {
      int[] k = counts.get(c);
      double p = k[0] / (double) Math.max(1, k[0] + k[1]);
      double rc = k[0] / (double) Math.max(1, k[0] + k[2]);
      assertTrue(k[0] + k[2] >= minGold, c + " has too few labelled examples");
      assertTrue(p >= floor && rc >= floor, c + " precision " + p + " recall " + rc + "; misses: " + wrong);
    }
    wrong.forEach(w -> System.out.println("  miss: " + w));
  }

  @Test
  void pseudoTrigger_noIncrease_doesNotNegate() {
    String s = "No increase in the pleural effusion.";
    assertEquals(ConceptContext.DEFAULT.negated(), ContextAnnotator.defaults().annotate(s, find(s, "pleural effusion")).negated());
  }

  @Test
  void forwardScope_beyondWindow_notNegated() {
    ContextAnnotator narrow = ContextAnnotator.of(ContextLexicon.defaults(), 2, 2);
    String s = "No acute distress noted today and pneumonia seen.";
    assertEquals(false, narrow.annotate(s, find(s, "pneumonia")).negated());
    String t = "No pneumonia.";
    assertEquals(true, narrow.annotate(t, find(t, "pneumonia")).negated());
  }
}
