package org.medai.nlp.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.Json;

/**
 * Byte-level BPE parity with DJL's native tokenizer, on tokenizer.json files this test builds: a
 * GPT-2 byte-to-unicode vocabulary plus merges learned here from Synthea notes and edge cases, in
 * a RoBERTa flavour (prefix space, RobertaProcessing with offset trimming, {@code <mask>} with
 * lstrip) and a GPT-2 flavour (no prefix space, ByteLevel post-processor).
 */
class BpeParityTest {
  @TempDir static Path tmp;
  static List<String> notes;
  static List<String> edge;
  static Path roberta;
  static Path gpt2;

  @BeforeAll
  static void build() throws Exception {
    Path shared = ParityCorpus.sharedData();
    assumeTrue(shared != null && Files.isDirectory(shared.resolve("fhir/synthea/bundles")),
        "shared data (fhir/synthea) not found; set -Dmedai.shared.data");
    notes = ParityCorpus.syntheaNotes(shared);
    edge = new ArrayList<>(ParityCorpus.edgeCases(notes, 1600, 11));
    edge.addAll(List.of("The <mask> is here", "x<mask>y", "  <mask>  end", "<s>hello</s>", "<mask>",
        "a <|endoftext|> b", "<|endoftext|><|endoftext|>", " leading space", "trailing space ",
        "tabs\tand\nnewlines\n\n  indented", "it's we're they've I'm we'll he'd 'S 're"));
    List<String> training = new ArrayList<>(notes.subList(0, 80));
    for (int i = 0; i < 20; i++) training.addAll(edge.subList(0, 130)); // weight the multi-byte snippets
    List<String[]> merges = learnMerges(training, 300);
    roberta = write("roberta", merges, true);
    gpt2 = write("gpt2", merges, false);
    String why = DjlReference.unavailableReason(roberta);
    assumeTrue(why == null, why);
  }

  /** GPT-2's bytes_to_unicode, written independently of the code under test. */
  static char[] byteChars() {
    List<Integer> bs = new ArrayList<>();
    for (int b = '!'; b <= '~'; b++) bs.add(b);
    for (int b = 0xA1; b <= 0xAC; b++) bs.add(b);
    for (int b = 0xAE; b <= 0xFF; b++) bs.add(b);
    char[] map = new char[256];
    for (int b : bs) map[b] = (char) b;
    int n = 0;
    for (int b = 0; b < 256; b++) if (!bs.contains(b)) map[b] = (char) (256 + n++);
    return map;
  }

  /** Plain BPE training: repeatedly merge the most frequent adjacent pair (ties: smallest pair). */
  static List<String[]> learnMerges(List<String> texts, int count) {
    char[] bc = byteChars();
    Pattern gpt2 = Pattern.compile("(?U)'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
    Map<String, Integer> words = new HashMap<>();
    for (String t : texts) {
      Matcher m = gpt2.matcher(t);
      while (m.find()) {
        StringBuilder sb = new StringBuilder();
        for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) sb.append(bc[b & 0xFF]);
        words.merge(sb.toString(), 1, Integer::sum);
      }
    }
    // Train on the most frequent words only: enough for realistic merges, fast enough for a test.
    List<Map.Entry<String, Integer>> top = new ArrayList<>(words.entrySet());
    top.sort((x, y) -> y.getValue().equals(x.getValue()) ? x.getKey().compareTo(y.getKey()) : y.getValue() - x.getValue());
    List<String> table = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    List<int[]> syms = new ArrayList<>();
    List<Integer> freq = new ArrayList<>();
    for (Map.Entry<String, Integer> e : top.subList(0, Math.min(1200, top.size()))) {
      String w = e.getKey();
      int[] s = new int[w.length()];
      for (int i = 0; i < w.length(); i++) {
        s[i] = index.computeIfAbsent(String.valueOf(w.charAt(i)), k -> {
          table.add(k);
          return table.size() - 1;
        });
      }
      syms.add(s);
      freq.add(e.getValue());
    }
    List<String[]> merges = new ArrayList<>();
    for (int it = 0; it < count; it++) {
      Map<Long, Integer> pairs = new HashMap<>();
      for (int w = 0; w < syms.size(); w++) {
        int[] s = syms.get(w);
        for (int i = 0; i + 1 < s.length; i++) pairs.merge(((long) s[i] << 32) | s[i + 1], freq.get(w), Integer::sum);
      }
      long best = -1;
      int bestF = 1;
      String bestKey = null;
      for (Map.Entry<Long, Integer> e : pairs.entrySet()) {
        int f = e.getValue();
        if (f < bestF) continue;
        String key = table.get((int) (e.getKey() >>> 32)) + " " + table.get((int) (long) e.getKey());
        if (f > bestF || bestKey == null || key.compareTo(bestKey) < 0) {
          best = e.getKey();
          bestF = f;
          bestKey = key;
        }
      }
      if (bestKey == null) break;
      int l = (int) (best >>> 32);
      int r = (int) best;
      merges.add(new String[] {table.get(l), table.get(r)});
      String joined = table.get(l) + table.get(r);
      int id = index.computeIfAbsent(joined, k -> {
        table.add(k);
        return table.size() - 1;
      });
      for (int w = 0; w < syms.size(); w++) {
        int[] s = syms.get(w);
        int n = 0;
        for (int i = 0; i < s.length; i++) {
          if (i + 1 < s.length && s[i] == l && s[i + 1] == r) {
            s[n++] = id;
            i++;
          } else {
            s[n++] = s[i];
          }
        }
        if (n != s.length) syms.set(w, java.util.Arrays.copyOf(s, n));
      }
    }
    return merges;
  }

  static Path write(String name, List<String[]> merges, boolean robertaStyle) throws Exception {
    char[] bc = byteChars();
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (String s : new String[] {"<s>", "<pad>", "</s>", "<unk>"}) vocab.put(s, vocab.size());
    for (int b = 0; b < 256; b++) vocab.putIfAbsent(String.valueOf(bc[b]), vocab.size());
    for (String[] m : merges) vocab.putIfAbsent(m[0] + m[1], vocab.size());
    int mask = vocab.size();
    vocab.put("<mask>", mask);
    int eot = vocab.size();
    vocab.put("<|endoftext|>", eot);
    StringBuilder sb = new StringBuilder("{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[");
    String[][] added = robertaStyle
        ? new String[][] {{"0", "<s>", "false"}, {"1", "<pad>", "false"}, {"2", "</s>", "false"}, {"3", "<unk>", "false"},
            {String.valueOf(mask), "<mask>", "true"}}
        : new String[][] {{String.valueOf(eot), "<|endoftext|>", "false"}};
    for (int i = 0; i < added.length; i++) {
      if (i > 0) sb.append(',');
      sb.append("{\"id\":").append(added[i][0]).append(",\"content\":").append(Json.quote(added[i][1]))
          .append(",\"single_word\":false,\"lstrip\":").append(added[i][2])
          .append(",\"rstrip\":false,\"normalized\":false,\"special\":true}");
    }
    sb.append("],\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"add_prefix_space\":")
        .append(robertaStyle).append(",\"trim_offsets\":true,\"use_regex\":true},");
    if (robertaStyle) {
      sb.append("\"post_processor\":{\"type\":\"RobertaProcessing\",\"sep\":[\"</s>\",2],\"cls\":[\"<s>\",0],"
          + "\"trim_offsets\":true,\"add_prefix_space\":true},");
    } else {
      sb.append("\"post_processor\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true},");
    }
    sb.append("\"decoder\":{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true},");
    sb.append("\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":\"\","
        + "\"end_of_word_suffix\":\"\",\"fuse_unk\":false,\"byte_fallback\":false,\"vocab\":{");
    boolean first = true;
    for (Map.Entry<String, Integer> e : vocab.entrySet()) {
      if (!first) sb.append(',');
      first = false;
      sb.append(Json.quote(e.getKey())).append(':').append(e.getValue());
    }
    sb.append("},\"merges\":[");
    for (int i = 0; i < merges.size(); i++) {
      if (i > 0) sb.append(',');
      sb.append(Json.quote(merges.get(i)[0] + " " + merges.get(i)[1]));
    }
    sb.append("]}}");
    Path dir = Files.createDirectories(tmp.resolve(name));
    Path f = dir.resolve("tokenizer.json");
    Files.writeString(f, sb.toString());
    return f;
  }

  private static void report(String what, int n, List<String> bad) {
    System.out.println("[parity] " + what + ": " + (n - bad.size()) + "/" + n + " identical");
    assertTrue(bad.isEmpty(), what + ": " + bad.size() + " of " + n + " differ; first: "
        + bad.subList(0, Math.min(5, bad.size())));
  }

  @Test
  void encode_robertaFlavour_identicalToDjl() throws Exception {
    Tokenizer t = Tokenizer.fromFile(roberta);
    try (HuggingFaceTokenizer ref = DjlReference.open(roberta, null, null)) {
      report("bpe roberta notes", notes.size(), DjlReference.compareAll(t, ref, notes, false));
      report("bpe roberta edge cases", edge.size(), DjlReference.compareAll(t, ref, edge, true));
    }
  }

  @Test
  void encode_randomUnicodeText_identicalToDjl() throws Exception {
    List<String> texts = ParityCorpus.randomUnicode(600, 17);
    Tokenizer t = Tokenizer.fromFile(roberta);
    try (HuggingFaceTokenizer ref = DjlReference.open(roberta, null, null)) {
      report("bpe roberta random unicode", texts.size(), DjlReference.compareAll(t, ref, texts, true));
    }
  }

  @Test
  void encode_gpt2Flavour_identicalToDjl() throws Exception {
    Tokenizer t = Tokenizer.fromFile(gpt2);
    try (HuggingFaceTokenizer ref = DjlReference.open(gpt2, null, null)) {
      report("bpe gpt2 notes", notes.size(), DjlReference.compareAll(t, ref, notes, false));
      report("bpe gpt2 edge cases", edge.size(), DjlReference.compareAll(t, ref, edge, true));
    }
  }

  @Test
  void encode_robertaTruncationWithStride_identicalWindowsToDjl() throws Exception {
    Tokenizer t = Tokenizer.fromFile(roberta).withTruncation(Truncation.of(128, 32));
    List<String> all = new ArrayList<>(notes);
    all.addAll(edge.subList(0, 500));
    try (HuggingFaceTokenizer ref = DjlReference.open(roberta, 128, 32)) {
      report("bpe roberta truncation 128/32", all.size(), DjlReference.compareAll(t, ref, all, false));
    }
  }

  @Test
  void decode_byteLevel_identicalToDjlAndRoundTripsText() throws Exception {
    Tokenizer t = Tokenizer.fromFile(gpt2);
    try (HuggingFaceTokenizer ref = DjlReference.open(gpt2, null, null)) {
      for (int i = 0; i < 300; i++) {
        String text = i < 100 ? notes.get(i) : edge.get(i);
        Encoding e = t.encode(text);
        assertEquals(ref.decode(e.idsAsLong(), false), t.decode(e.ids(), false), "decode of text " + i);
        if (!text.contains("<|endoftext|>")) assertEquals(text, t.decode(e.ids(), true), "round trip of text " + i);
      }
    }
  }
}
