package org.medai.nlp.internal.tokenize;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HuggingFace pre-tokenizers: they cut a normalised {@link Text} range into word ranges
 * ({@code [start, end)} pairs of code-point indices appended to an {@link IntList}); empty pieces
 * are dropped as HF does. Immutable and thread-safe.
 */
public final class PreTokenizers {
  private PreTokenizers() {}

  /** One pre-tokenisation step. */
  public interface PreTokenizer {
    /** Rewrites the whole segment before splitting (ByteLevel's prefix space); default none. */
    default Text prepare(Text t) {
      return t;
    }

    /** Appends the word ranges of {@code t[from, to)} to {@code out}. */
    void split(Text t, int from, int to, IntList out);

    /** Whether words leave as UTF-8 bytes mapped to GPT-2's printable characters. */
    default boolean byteLevel() {
      return false;
    }
  }

  /** Splits on whitespace (removed) and isolates every BERT punctuation character. */
  public record Bert() implements PreTokenizer {
    @Override
    public void split(Text t, int from, int to, IntList out) {
      int[] cp = t.cp;
      int w = -1;
      for (int i = from; i < to; i++) {
        int c = cp[i];
        if (c < 0x80) {
          if (c == ' ' || (c >= 0x09 && c <= 0x0D)) {
            if (w >= 0) out.add(w, i);
            w = -1;
            continue;
          }
          if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            if (w >= 0) out.add(w, i);
            out.add(i, i + 1);
            w = -1;
            continue;
          }
          if (w < 0) w = i;
          continue;
        }
        if (CharClass.isWhitespace(c)) {
          if (w >= 0) out.add(w, i);
          w = -1;
        } else if (CharClass.isBertPunct(c)) {
          if (w >= 0) out.add(w, i);
          out.add(i, i + 1);
          w = -1;
        } else if (w < 0) {
          w = i;
        }
      }
      if (w >= 0) out.add(w, to);
    }
  }

  /** Splits on whitespace only (removed). */
  public record WhitespaceSplit() implements PreTokenizer {
    @Override
    public void split(Text t, int from, int to, IntList out) {
      int w = -1;
      for (int i = from; i < to; i++) {
        if (CharClass.isWhitespace(t.cp[i])) {
          if (w >= 0) out.add(w, i);
          w = -1;
        } else if (w < 0) {
          w = i;
        }
      }
      if (w >= 0) out.add(w, to);
    }
  }

  /** HF's {@code Whitespace}: runs of {@code \w+} or {@code [^\w\s]+}; whitespace removed. */
  public record Whitespace() implements PreTokenizer {
    @Override
    public void split(Text t, int from, int to, IntList out) {
      int w = -1;
      int kind = 0;
      for (int i = from; i < to; i++) {
        int c = t.cp[i];
        int k = CharClass.isWordChar(c) ? 1 : CharClass.isWhitespace(c) ? 0 : 2;
        if (k != kind || k == 0) {
          if (w >= 0) out.add(w, i);
          w = k == 0 ? -1 : i;
        }
        kind = k;
      }
      if (w >= 0) out.add(w, to);
    }
  }

  /** Isolates (or removes, merges) Unicode punctuation; HF's {@code Punctuation}. */
  public record Punctuation(Behavior behavior) implements PreTokenizer {
    @Override
    public void split(Text t, int from, int to, IntList out) {
      IntList m = new IntList(16);
      for (int i = from; i < to; i++) if (CharClass.isBertPunct(t.cp[i])) m.add(i, i + 1);
      applyBehavior(from, to, m, behavior, false, out);
    }
  }

  /** How a split treats its delimiters, as HF's {@code SplitDelimiterBehavior}. */
  public enum Behavior { REMOVED, ISOLATED, MERGED_WITH_PREVIOUS, MERGED_WITH_NEXT, CONTIGUOUS }

  /** HF's {@code Split} with a regex or literal pattern. */
  public record Split(Pattern pattern, Behavior behavior, boolean invert) implements PreTokenizer {
    @Override
    public void split(Text t, int from, int to, IntList out) {
      String s = t.string(from, to);
      // map UTF-16 index in s -> code point index in t
      int[] u2c = new int[s.length() + 1];
      int ci = from;
      for (int u = 0; u < s.length(); ) {
        int c = s.codePointAt(u);
        int n = Character.charCount(c);
        for (int k = 0; k < n; k++) u2c[u + k] = ci;
        u += n;
        ci++;
      }
      u2c[s.length()] = to;
      IntList m = new IntList(16);
      Matcher mt = pattern.matcher(s);
      while (mt.find()) {
        if (mt.end() > mt.start()) m.add(u2c[mt.start()], u2c[mt.end()]);
      }
      applyBehavior(from, to, m, behavior, invert, out);
    }
  }

  /**
   * Turns match ranges into pieces following HF's split behaviours: matches and the gaps between
   * them, then removal or merging of the delimiters.
   */
  static void applyBehavior(int from, int to, IntList m, Behavior b, boolean invert, IntList out) {
    // Build the full covering list of (start, end, isMatch).
    IntList all = new IntList(m.size * 2 + 4);
    int p = from;
    for (int i = 0; i < m.size; i += 2) {
      if (m.a[i] > p) all.add(p, m.a[i]);
      if (m.a[i] > p) all.add(invert ? 1 : 0);
      all.add(m.a[i], m.a[i + 1]);
      all.add(invert ? 0 : 1);
      p = m.a[i + 1];
    }
    if (p < to) {
      all.add(p, to);
      all.add(invert ? 1 : 0);
    }
    int n = all.size / 3;
    switch (b) {
      case ISOLATED -> {
        for (int i = 0; i < n; i++) out.add(all.a[3 * i], all.a[3 * i + 1]);
      }
      case REMOVED -> {
        for (int i = 0; i < n; i++) if (all.a[3 * i + 2] == 0) out.add(all.a[3 * i], all.a[3 * i + 1]);
      }
      case CONTIGUOUS -> {
        int cs = -1;
        int ce = -1;
        int prev = -1;
        for (int i = 0; i < n; i++) {
          int isM = all.a[3 * i + 2];
          if (cs >= 0 && isM == prev) {
            ce = all.a[3 * i + 1];
          } else {
            if (cs >= 0) out.add(cs, ce);
            cs = all.a[3 * i];
            ce = all.a[3 * i + 1];
          }
          prev = isM;
        }
        if (cs >= 0) out.add(cs, ce);
      }
      case MERGED_WITH_PREVIOUS -> {
        int cs = -1;
        int ce = -1;
        boolean prevMatch = false;
        for (int i = 0; i < n; i++) {
          boolean isM = all.a[3 * i + 2] == 1;
          if (isM && !prevMatch && cs >= 0) {
            ce = all.a[3 * i + 1];
          } else {
            if (cs >= 0) out.add(cs, ce);
            cs = all.a[3 * i];
            ce = all.a[3 * i + 1];
          }
          prevMatch = isM;
        }
        if (cs >= 0) out.add(cs, ce);
      }
      case MERGED_WITH_NEXT -> {
        IntList rev = new IntList(n * 2);
        boolean prevMatch = false;
        for (int i = n - 1; i >= 0; i--) {
          boolean isM = all.a[3 * i + 2] == 1;
          if (isM && !prevMatch && rev.size > 0) {
            rev.a[rev.size - 2] = all.a[3 * i];
          } else {
            rev.add(all.a[3 * i], all.a[3 * i + 1]);
          }
          prevMatch = isM;
        }
        for (int i = rev.size - 2; i >= 0; i -= 2) out.add(rev.a[i], rev.a[i + 1]);
      }
      default -> throw new IllegalStateException();
    }
  }

  /** GPT-2's byte-level pre-tokenizer: optional prefix space, GPT-2 regex split, byte mapping. */
  public record ByteLevel(boolean addPrefixSpace, boolean useRegex) implements PreTokenizer {
    @Override
    public Text prepare(Text t) {
      if (!addPrefixSpace || t.len == 0 || t.cp[0] == ' ') return t;
      Text out = new Text(t.len + 1);
      out.add(' ', t.start[0], t.end[0]);
      for (int i = 0; i < t.len; i++) out.add(t.cp[i], t.start[i], t.end[i]);
      return out;
    }

    @Override
    public boolean byteLevel() {
      return true;
    }

    @Override
    public void split(Text t, int from, int to, IntList out) {
      if (!useRegex) {
        if (to > from) out.add(from, to);
        return;
      }
      gpt2Split(t.cp, from, to, out);
    }
  }

  private static int kind(int c) {
    // 0 whitespace, 1 letter, 2 number, 3 other
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 1;
      if (c >= '0' && c <= '9') return 2;
      if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return 0;
      return 3;
    }
    if (CharClass.isWhitespace(c)) return 0;
    if (CharClass.isLetter(c)) return 1;
    if (CharClass.isNumber(c)) return 2;
    return 3;
  }

  /**
   * Hand-written equivalent of GPT-2's pattern
   * {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}.
   */
  static void gpt2Split(int[] cp, int from, int to, IntList out) {
    int i = from;
    while (i < to) {
      int c = cp[i];
      if (c == '\'' && i + 1 < to) {
        int d = cp[i + 1];
        if (d == 's' || d == 't' || d == 'm' || d == 'd') {
          out.add(i, i + 2);
          i += 2;
          continue;
        }
        if (i + 2 < to) {
          int e = cp[i + 2];
          if ((d == 'r' && e == 'e') || (d == 'v' && e == 'e') || (d == 'l' && e == 'l')) {
            out.add(i, i + 3);
            i += 3;
            continue;
          }
        }
      }
      int k = kind(c);
      int j = i;
      if (c == ' ' && i + 1 < to) {
        int k2 = kind(cp[i + 1]);
        if (k2 != 0) {
          j = i + 1;
          k = k2;
        }
      }
      if (k != 0) {
        j++;
        while (j < to && kind(cp[j]) == k) j++;
        out.add(i, j);
        i = j;
        continue;
      }
      // whitespace run
      j = i + 1;
      while (j < to && kind(cp[j]) == 0) j++;
      if (j == to || j - i == 1) {
        out.add(i, j);
        i = j;
      } else {
        out.add(i, j - 1);
        i = j - 1;
      }
    }
  }

  /** Applies pre-tokenizers in order, each to the pieces of the previous one. */
  public record Sequence(List<PreTokenizer> steps) implements PreTokenizer {
    public Sequence {
      steps = List.copyOf(steps);
    }

    @Override
    public Text prepare(Text t) {
      Text r = t;
      for (PreTokenizer p : steps) r = p.prepare(r);
      return r;
    }

    @Override
    public boolean byteLevel() {
      for (PreTokenizer p : steps) if (p.byteLevel()) return true;
      return false;
    }

    @Override
    public void split(Text t, int from, int to, IntList out) {
      IntList cur = new IntList(16);
      cur.add(from, to);
      for (PreTokenizer p : steps) {
        IntList next = new IntList(cur.size * 2);
        for (int i = 0; i < cur.size; i += 2) p.split(t, cur.a[i], cur.a[i + 1], next);
        cur = next;
      }
      for (int i = 0; i < cur.size; i++) out.add(cur.a[i]);
    }
  }
}
