package org.medai.nlp.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.concurrent.WorkPool;
import org.medai.nlp.internal.tokenize.JsonReader;

/** API behaviour: vocab.txt loading and casing warnings, padding, batches, threads, errors. */
class TokenizerTest {
  @TempDir static Path tmp;
  static Path json;
  static Tokenizer bert;
  static List<String> notes;

  @BeforeAll
  static void load() throws Exception {
    Path shared = ParityCorpus.sharedData();
    assumeTrue(shared != null && Files.isRegularFile(shared.resolve("nlp/bert-base-uncased.tokenizer.json")),
        "shared data (nlp/bert-base-uncased.tokenizer.json) not found; set -Dmedai.shared.data");
    json = shared.resolve("nlp/bert-base-uncased.tokenizer.json");
    bert = Tokenizer.fromFile(json);
    notes = ParityCorpus.syntheaNotes(shared);
  }

  /** Writes the tokenizer.json vocabulary as a vocab.txt, one token per line in id order. */
  static Path vocabTxt() throws Exception {
    Map<?, ?> model = (Map<?, ?>) ((Map<?, ?>) JsonReader.parse(Files.readString(json))).get("model");
    Map<?, ?> vocab = (Map<?, ?>) model.get("vocab");
    String[] byId = new String[vocab.size()];
    for (Map.Entry<?, ?> e : vocab.entrySet()) byId[(int) (long) (Long) e.getValue()] = (String) e.getKey();
    Path p = tmp.resolve("vocab.txt");
    Files.writeString(p, String.join("\n", byId) + "\n");
    return p;
  }

  @Test
  void fromVocabTxt_uncasedVocabLowercased_encodesLikeTokenizerJson() throws Exception {
    Tokenizer v = Tokenizer.fromVocabTxt(vocabTxt(), true);
    assertTrue(v.warnings().isEmpty(), v.warnings().toString());
    List<String> texts = new ArrayList<>(notes.subList(0, 100));
    texts.addAll(ParityCorpus.edgeCases(notes, 300, 3));
    for (int i = 0; i < texts.size(); i++) {
      Encoding a = bert.encode(texts.get(i));
      Encoding b = v.encode(texts.get(i));
      assertArrayEquals(a.ids(), b.ids(), "ids of text " + i);
      assertArrayEquals(a.offsetsUtf16(), b.offsetsUtf16(), "offsets of text " + i);
    }
  }

  @Test
  void fromVocabTxt_uncasedVocabNotLowercased_warns() throws Exception {
    Tokenizer v = Tokenizer.fromVocabTxt(vocabTxt(), false);
    assertEquals(1, v.warnings().size());
    assertTrue(v.warnings().get(0).contains("looks uncased"));
  }

  @Test
  void fromVocabTxt_casedVocabLowercased_warnsAboutBioClinicalBertTrap() throws Exception {
    List<String> lines = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
    String[] words = {"Patient", "patient", "Chest", "chest", "Pain", "pain", "MRI", "CT", "the", "##s", "Dr", "BP"};
    lines.addAll(List.of(words));
    Path p = tmp.resolve("cased-vocab.txt");
    Files.write(p, lines);
    Tokenizer lower = Tokenizer.fromVocabTxt(p, true);
    assertEquals(1, lower.warnings().size());
    assertTrue(lower.warnings().get(0).contains("Bio_ClinicalBERT"));
    Tokenizer cased = Tokenizer.fromVocabTxt(p, false);
    assertTrue(cased.warnings().isEmpty());
    // Cased: "Patient" is its own entry; lower-cased it becomes "patient".
    assertEquals(List.of("[CLS]", "Patient", "[SEP]"), List.of(cased.encode("Patient").tokens()));
    assertEquals(List.of("[CLS]", "patient", "[SEP]"), List.of(lower.encode("Patient").tokens()));
  }

  @Test
  void encode_offsets_indexTheOriginalJavaString() {
    String text = "Pt 😀 has Café-au-lait spots; 中文 x\u00A0y.";
    Encoding e = bert.encode(text);
    int[] spec = e.specialTokensMask();
    for (int i = 0; i < e.length(); i++) {
      if (spec[i] == 1) continue;
      String piece = text.substring(e.startUtf16(i), e.endUtf16(i));
      assertEquals(text.codePointCount(0, e.startUtf16(i)), e.startCodePoint(i));
      assertEquals(text.codePointCount(0, e.endUtf16(i)), e.endCodePoint(i));
      String tok = e.token(i).replace("##", "");
      if (!tok.equals("[UNK]")) {
        String norm = java.text.Normalizer.normalize(piece.toLowerCase(java.util.Locale.ROOT), java.text.Normalizer.Form.NFD)
            .replaceAll("\\p{Mn}", "");
        assertEquals(tok, norm, "token " + i);
      }
    }
  }

  @Test
  void withPadding_fixedLength_identicalToDjl() throws Exception {
    Tokenizer t = bert.withTruncation(Truncation.of(64, 8)).withPadding(Padding.fixed(64, 0, "[PAD]"));
    try (HuggingFaceTokenizer ref = HuggingFaceTokenizer.newInstance(json, Map.of("truncation", "true",
        "padding", "max_length", "maxLength", "64", "stride", "8"))) {
      List<String> texts = new ArrayList<>(notes.subList(0, 60));
      texts.add("short");
      texts.add("");
      for (int i = 0; i < texts.size(); i++) {
        String d = DjlReference.diff(texts.get(i), t.encode(texts.get(i)), ref.encode(texts.get(i), true, true), false);
        assertEquals(null, d, "text " + i);
      }
    }
  }

  @Test
  void encodeBatch_batchLongestPadding_padsToLongestRoundedToMultiple() {
    Tokenizer t = bert.withPadding(new Padding(0, 8, false, 0, 0, "[PAD]"));
    List<String> texts = List.of("one", "a somewhat longer sentence with more words in it", "two words");
    try (WorkPool pool = WorkPool.of(2)) {
      List<Encoding> out = t.encodeBatch(texts, true, pool);
      int longest = bert.encode(texts.get(1)).length();
      int target = (longest + 7) / 8 * 8;
      for (int i = 0; i < out.size(); i++) {
        Encoding e = out.get(i);
        assertEquals(target, e.length());
        int real = bert.encode(texts.get(i)).length();
        int[] att = e.attentionMask();
        for (int k = 0; k < target; k++) assertEquals(k < real ? 1 : 0, att[k]);
        assertEquals("[PAD]", e.token(target - 1));
      }
    }
  }

  @Test
  void encodeBatch_manyThreads_equalsSequentialEncoding() throws Exception {
    List<String> texts = notes.subList(0, 200);
    List<Encoding> batch;
    try (WorkPool pool = WorkPool.of(4)) {
      batch = bert.encodeBatch(texts, true, pool);
    }
    ExecutorService ex = Executors.newFixedThreadPool(4);
    try {
      List<Future<int[]>> fs = new ArrayList<>();
      for (String s : texts) fs.add(ex.submit(() -> bert.encode(s).ids()));
      for (int i = 0; i < texts.size(); i++) {
        int[] seq = bert.encode(texts.get(i)).ids();
        assertArrayEquals(seq, batch.get(i).ids(), "batch text " + i);
        assertArrayEquals(seq, fs.get(i).get(), "threaded text " + i);
      }
    } finally {
      ex.shutdown();
    }
  }

  @Test
  void encode_withoutSpecialTokens_omitsClsAndSep() {
    Encoding e = bert.encode("chest pain", false);
    assertEquals(List.of("chest", "pain"), List.of(e.tokens()));
  }

  @Test
  void truncation_strideNotBelowMaxLength_rejected() {
    TokenizerException ex = assertThrows(TokenizerException.class, () -> Truncation.of(8, 8));
    assertEquals("MEDAI-TOK-021", ex.code());
    Tokenizer t = bert.withTruncation(Truncation.of(8, 6));
    TokenizerException ex2 = assertThrows(TokenizerException.class, () -> t.encode(notes.get(0)));
    assertEquals("MEDAI-TOK-025", ex2.code());
  }

  @Test
  void fromJson_malformedOrUnsupported_failsWithCode() {
    TokenizerException a = assertThrows(TokenizerException.class, () -> Tokenizer.fromJson("{\"model\": [1, 2"));
    assertEquals("MEDAI-TOK-001", a.code());
    TokenizerException b = assertThrows(TokenizerException.class,
        () -> Tokenizer.fromJson("{\"model\": {\"type\": \"Unigram\", \"vocab\": []}}"));
    assertEquals("MEDAI-TOK-002", b.code());
    assertTrue(b.getMessage().contains("Unigram"));
  }

  @Test
  void decode_wordPiece_joinsSubwordsAndSkipsSpecials() {
    Encoding e = bert.encode("Hypercholesterolemia, unspecified.");
    assertEquals("hypercholesterolemia, unspecified.", bert.decode(e.ids(), true));
    assertTrue(bert.decode(e.ids(), false).startsWith("[CLS] hyper"));
  }

  @Test
  void sourceSha256_isTheFileDigest() throws Exception {
    byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(json));
    assertEquals(java.util.HexFormat.of().formatHex(d), bert.sourceSha256());
  }
}
