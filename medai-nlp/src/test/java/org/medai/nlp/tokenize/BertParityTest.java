package org.medai.nlp.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * bert-base-uncased parity with DJL's native HuggingFace tokenizer (the Rust reference) on every
 * Synthea note and a generated edge-case corpus, with and without truncation and stride.
 */
class BertParityTest {
  static Path json;
  static List<String> notes;
  static List<String> edge;
  static Tokenizer tokenizer;

  @BeforeAll
  static void load() throws Exception {
    Path shared = ParityCorpus.sharedData();
    assumeTrue(shared != null && Files.isRegularFile(shared.resolve("nlp/bert-base-uncased.tokenizer.json")),
        "shared data (nlp/bert-base-uncased.tokenizer.json) not found; set -Dmedai.shared.data");
    json = shared.resolve("nlp/bert-base-uncased.tokenizer.json");
    String why = DjlReference.unavailableReason(json);
    assumeTrue(why == null, why);
    notes = ParityCorpus.syntheaNotes(shared);
    edge = ParityCorpus.edgeCases(notes, 1600, 7);
    tokenizer = Tokenizer.fromFile(json);
  }

  private static void report(String what, int n, List<String> bad) {
    System.out.println("[parity] " + what + ": " + (n - bad.size()) + "/" + n + " identical");
    assertTrue(bad.isEmpty(), what + ": " + bad.size() + " of " + n + " differ; first: "
        + bad.subList(0, Math.min(5, bad.size())));
  }

  @Test
  void encode_syntheaNotes_identicalToDjl() throws Exception {
    assertTrue(notes.size() >= 500, "expected every Synthea note, got " + notes.size());
    try (HuggingFaceTokenizer ref = DjlReference.open(json, null, null)) {
      report("bert notes", notes.size(), DjlReference.compareAll(tokenizer, ref, notes, false));
    }
  }

  @Test
  void encode_edgeCaseCorpus_identicalToDjl() throws Exception {
    try (HuggingFaceTokenizer ref = DjlReference.open(json, null, null)) {
      report("bert edge cases", edge.size(), DjlReference.compareAll(tokenizer, ref, edge, true));
    }
  }

  @Test
  void encode_randomUnicodeText_identicalToDjl() throws Exception {
    List<String> texts = ParityCorpus.randomUnicode(600, 13, true);
    try (HuggingFaceTokenizer ref = DjlReference.open(json, null, null)) {
      report("bert random unicode", texts.size(), DjlReference.compareAll(tokenizer, ref, texts, true));
    }
  }

  @Test
  void encode_truncationWithStride_identicalWindowsToDjl() throws Exception {
    List<String> all = new ArrayList<>(notes);
    all.addAll(edge.subList(0, 700));
    int[][] settings = {{128, 32}, {512, 128}, {16, 0}};
    for (int[] s : settings) {
      Tokenizer t = tokenizer.withTruncation(Truncation.of(s[0], s[1]));
      try (HuggingFaceTokenizer ref = DjlReference.open(json, s[0], s[1])) {
        List<String> texts = s[0] == 16 ? edge.subList(0, 400) : s[0] == 512 ? notes : all;
        report("bert truncation " + s[0] + "/" + s[1], texts.size(), DjlReference.compareAll(t, ref, texts, false));
      }
    }
  }

  @Test
  void encode_longNote_producesOverflowWindowsSharingStride() {
    String longNote = String.join("\n", notes.subList(0, 20));
    Encoding e = tokenizer.withTruncation(Truncation.of(64, 16)).encode(longNote);
    assertTrue(e.overflowing().size() > 3);
    Encoding w0 = e;
    Encoding w1 = e.overflowing().get(0);
    // the last 16 text tokens of window 0 open window 1 (after [CLS])
    for (int i = 0; i < 16; i++) assertEquals(w0.id(64 - 1 - 16 + i), w1.id(1 + i));
  }

  @Test
  void decode_syntheaNotes_identicalToDjl() throws Exception {
    try (HuggingFaceTokenizer ref = DjlReference.open(json, null, null)) {
      int n = 0;
      for (String t : notes.subList(0, 100)) {
        Encoding e = tokenizer.encode(t);
        assertEquals(ref.decode(e.idsAsLong(), true), tokenizer.decode(e.ids(), true), "decode of note " + n);
        assertEquals(ref.decode(e.idsAsLong(), false), tokenizer.decode(e.ids(), false), "decode of note " + n);
        n++;
      }
    }
  }
}
