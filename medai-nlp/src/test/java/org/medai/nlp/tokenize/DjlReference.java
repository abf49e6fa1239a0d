package org.medai.nlp.tokenize;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares medai encodings with DJL's native (Rust) HuggingFace tokenizer. */
final class DjlReference {
  private DjlReference() {}

  /** Why DJL's native library cannot load here, or null when it can. */
  static String unavailableReason(Path tokenizerJson) {
    try (HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("truncation", "false"))) {
      t.encode("probe");
      return null;
    } catch (Throwable e) {
      return "DJL HuggingFace tokenizer native library unavailable: " + e.getClass().getSimpleName();
    }
  }

  static HuggingFaceTokenizer open(Path json, Integer maxLength, Integer stride) throws Exception {
    if (maxLength == null) {
      return HuggingFaceTokenizer.newInstance(json, Map.of("truncation", "false", "padding", "false"));
    }
    return HuggingFaceTokenizer.newInstance(json, Map.of("truncation", "true", "padding", "false",
        "maxLength", String.valueOf(maxLength), "stride", String.valueOf(stride)));
  }

  /**
   * Returns null when equal, else a description with indices only (no text). Compares ids,
   * tokens, code-point offsets (DJL's char spans), UTF-16 offsets derived independently from them,
   * special-tokens mask, type ids, attention mask and every overflowing window.
   */
  static String diff(String text, Encoding ours, ai.djl.huggingface.tokenizers.Encoding ref, boolean showTokens) {
    long[] rid = ref.getIds();
    String[] rtok = ref.getTokens();
    CharSpan[] rsp = ref.getCharTokenSpans();
    long[] rtype = ref.getTypeIds();
    long[] ratt = ref.getAttentionMask();
    long[] rspec = ref.getSpecialTokenMask();
    if (rid.length != ours.length()) {
      return "length " + ours.length() + " vs DJL " + rid.length + firstIdDiff(ours, rid, rtok, showTokens);
    }
    int[] cpToU16 = new int[text.codePointCount(0, text.length()) + 1];
    for (int u = 0, c = 0; u <= text.length(); c++) {
      cpToU16[c] = u;
      if (u == text.length()) break;
      u += Character.charCount(text.codePointAt(u));
    }
    int[] oType = ours.typeIds();
    int[] oAtt = ours.attentionMask();
    int[] oSpec = ours.specialTokensMask();
    for (int i = 0; i < rid.length; i++) {
      if (ours.id(i) != rid[i]) return "id at " + i + ": " + ours.id(i) + " vs " + rid[i] + tok(ours, rtok, i, showTokens);
      if (!ours.token(i).equals(rtok[i])) return "token at " + i + tok(ours, rtok, i, showTokens);
      if (oType[i] != rtype[i] || oAtt[i] != ratt[i] || oSpec[i] != rspec[i]) {
        return "type/attention/special at " + i + ": " + oType[i] + "/" + oAtt[i] + "/" + oSpec[i]
            + " vs " + rtype[i] + "/" + ratt[i] + "/" + rspec[i];
      }
      int rs = rsp[i] == null ? 0 : rsp[i].getStart();
      int re = rsp[i] == null ? 0 : rsp[i].getEnd();
      if (ours.startCodePoint(i) != rs || ours.endCodePoint(i) != re) {
        return "offsets at " + i + ": (" + ours.startCodePoint(i) + "," + ours.endCodePoint(i) + ") vs ("
            + rs + "," + re + ")" + tok(ours, rtok, i, showTokens);
      }
      int us = cpToU16[rs];
      int ue = cpToU16[re];
      if (ours.startUtf16(i) != us || ours.endUtf16(i) != ue) {
        return "UTF-16 offsets at " + i + ": (" + ours.startUtf16(i) + "," + ours.endUtf16(i) + ") vs (" + us + "," + ue + ")";
      }
    }
    ai.djl.huggingface.tokenizers.Encoding[] rov = ref.getOverflowing();
    int nov = rov == null ? 0 : rov.length;
    if (nov != ours.overflowing().size()) {
      return "overflowing windows " + ours.overflowing().size() + " vs DJL " + nov;
    }
    for (int w = 0; w < nov; w++) {
      String d = diff(text, ours.overflowing().get(w), rov[w], showTokens);
      if (d != null) return "overflow window " + w + ": " + d;
    }
    return null;
  }

  private static String tok(Encoding ours, String[] rtok, int i, boolean show) {
    return show ? " [" + ours.token(i) + " | " + rtok[i] + "]" : "";
  }

  private static String firstIdDiff(Encoding ours, long[] rid, String[] rtok, boolean show) {
    int n = Math.min(ours.length(), rid.length);
    for (int i = 0; i < n; i++) {
      if (ours.id(i) != rid[i]) return "; first id difference at " + i + tok(ours, rtok, i, show);
    }
    return "";
  }

  /** Encodes every text with both and returns the list of mismatch descriptions. */
  static List<String> compareAll(Tokenizer ours, HuggingFaceTokenizer ref, List<String> texts, boolean generated) {
    List<String> bad = new ArrayList<>();
    long tOurs = 0;
    long tRef = 0;
    long tDiff = 0;
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      String d;
      try {
        long a = System.nanoTime();
        Encoding o = ours.encode(t);
        long b = System.nanoTime();
        ai.djl.huggingface.tokenizers.Encoding r = ref.encode(t, true, true);
        long c = System.nanoTime();
        d = diff(t, o, r, generated);
        tDiff += System.nanoTime() - c;
        tOurs += b - a;
        tRef += c - b;
      } catch (RuntimeException ex) {
        d = "exception " + ex;
      }
      if (d != null) bad.add("text #" + i + ": " + d);
    }
    System.out.printf("[parity] timing ms: medai %.0f, DJL encode %.0f, compare (incl. DJL getters) %.0f%n",
        tOurs / 1e6, tRef / 1e6, tDiff / 1e6);
    return bad;
  }
}
