package org.medai.nlp.internal.context;

import java.util.Arrays;
import java.util.Locale;

/**
 * Tokens for ConText matching: letter-or-digit runs and single punctuation characters, lower-cased,
 * with UTF-16 offsets. A plain result holder; not thread-safe.
 */
public final class ContextTokens {
  public final int[] starts;
  public final int[] ends;
  public final String[] text;
  public final boolean[] word;
  public final int size;

  private ContextTokens(int[] s, int[] e, String[] t, boolean[] w, int n) {
    starts = s;
    ends = e;
    text = t;
    word = w;
    size = n;
  }

  /** Four-digit years 1900-2099 read as the lexicon token {@code <year>}. */
  private static boolean isYear(String t) {
    return t.length() == 4 && (t.startsWith("19") || t.startsWith("20")) && t.chars().allMatch(Character::isDigit);
  }

  public static ContextTokens of(String s, int from, int to) {
    int cap = 32;
    int[] st = new int[cap];
    int[] en = new int[cap];
    String[] tx = new String[cap];
    boolean[] wd = new boolean[cap];
    int n = 0;
    int i = from;
    while (i < to) {
      int cp = s.codePointAt(i);
      int len = Character.charCount(cp);
      if (Character.isWhitespace(cp)) {
        i += len;
        continue;
      }
      int b = i;
      boolean isWord = Character.isLetterOrDigit(cp);
      if (s.startsWith("<year>", i) && i + 6 <= to) {
        isWord = true;
        i += 6;
      } else if (isWord) {
        while (i < to && Character.isLetterOrDigit(s.codePointAt(i))) i += Character.charCount(s.codePointAt(i));
      } else {
        i += len;
      }
      if (n == cap) {
        cap *= 2;
        st = Arrays.copyOf(st, cap);
        en = Arrays.copyOf(en, cap);
        tx = Arrays.copyOf(tx, cap);
        wd = Arrays.copyOf(wd, cap);
      }
      st[n] = b;
      en[n] = i;
      String t = s.substring(b, i).toLowerCase(Locale.ROOT);
      tx[n] = t.equals("\u2019") ? "'" : isYear(t) ? "<year>" : t;
      wd[n] = isWord;
      n++;
    }
    return new ContextTokens(st, en, tx, wd, n);
  }
}
