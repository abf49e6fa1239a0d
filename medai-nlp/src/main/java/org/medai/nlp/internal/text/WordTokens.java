package org.medai.nlp.internal.text;

import java.util.Locale;

/**
 * Letter-or-digit runs of a text region with their UTF-16 offsets, a normalised form (lower case,
 * simple plural stripped) and whether hard punctuation separates each token from the previous one.
 * Not thread-safe (a plain result holder); cheap.
 */
public final class WordTokens {
  public final int[] starts;
  public final int[] ends;
  public final String[] norm;
  /** True where something other than whitespace, '-', '\'' or '/' lies between token i-1 and i. */
  public final boolean[] hardBreakBefore;
  public final int size;

  private WordTokens(int[] starts, int[] ends, String[] norm, boolean[] hard, int size) {
    this.starts = starts;
    this.ends = ends;
    this.norm = norm;
    this.hardBreakBefore = hard;
    this.size = size;
  }

  public static WordTokens of(String text, int from, int to, boolean stemPlurals) {
    int cap = 16;
    int[] st = new int[cap];
    int[] en = new int[cap];
    String[] no = new String[cap];
    boolean[] hb = new boolean[cap];
    int n = 0;
    int i = from;
    int prevEnd = from;
    while (i < to) {
      int cp = text.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int s = i;
      while (i < to) {
        int c = text.codePointAt(i);
        if (!Character.isLetterOrDigit(c)) break;
        i += Character.charCount(c);
      }
      if (n == cap) {
        cap *= 2;
        st = java.util.Arrays.copyOf(st, cap);
        en = java.util.Arrays.copyOf(en, cap);
        no = java.util.Arrays.copyOf(no, cap);
        hb = java.util.Arrays.copyOf(hb, cap);
      }
      boolean hard = false;
      for (int k = prevEnd; k < s && n > 0; k++) {
        char c = text.charAt(k);
        if (!Character.isWhitespace(c) && c != '-' && c != '\'' && c != '/' && c != '\u2019') {
          hard = true;
          break;
        }
      }
      st[n] = s;
      en[n] = i;
      String lower = text.substring(s, i).toLowerCase(Locale.ROOT);
      no[n] = stemPlurals ? singular(lower) : lower;
      hb[n] = hard;
      n++;
      prevEnd = i;
    }
    return new WordTokens(st, en, no, hb, n);
  }

  /** Simple English plural stripping, applied identically to terms and text. */
  public static String singular(String w) {
    int n = w.length();
    if (n <= 3 || !Character.isLetter(w.charAt(n - 1))) return w;
    if (w.endsWith("ies") && n > 4) return w.substring(0, n - 3) + "y";
    if (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes")) return w.substring(0, n - 2);
    if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) return w.substring(0, n - 1);
    return w;
  }
}
