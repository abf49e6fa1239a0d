package org.medai.nlp.internal.tokenize;

import java.text.Normalizer.Form;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HuggingFace normalizers over {@link Text}, keeping each output code point aligned to the
 * original range it came from (inserted characters share the alignment of the character they
 * expand, as in HF's {@code NormalizedString::transform}). All implementations are immutable and
 * thread-safe.
 */
public final class Normalizers {
  private Normalizers() {}

  /** One normalisation step. */
  public interface Normalizer {
    Text apply(Text in);

    /** Normalises {@code s[from, to)}; implementations may fuse this with building the Text. */
    default Text normalize(String s, int from, int to) {
      return apply(Text.of(s, from, to));
    }

    /** Normalises a standalone string (used for normalised added tokens). */
    default String normalize(String s) {
      Text t = apply(Text.of(s, 0, s.length()));
      return t.string(0, t.len);
    }
  }

  /** Emits the lower-case mapping of {@code c} (Rust {@code char::to_lowercase}). */
  static void lower(int c, int s, int e, Text out) {
    if (c < 0x80) {
      out.add(c >= 'A' && c <= 'Z' ? c + 32 : c, s, e);
    } else if (c == 0x130) {
      out.add('i', s, e);
      out.add(0x307, s, e);
    } else {
      out.add(Character.toLowerCase(c), s, e);
    }
  }

  static int[] decompose(int c, Form form) {
    String d = java.text.Normalizer.normalize(new String(Character.toChars(c)), form);
    return d.codePoints().toArray();
  }

  /** BERT's normaliser: clean text, CJK spacing, accent stripping and lower-casing in one pass. */
  public record Bert(boolean cleanText, boolean chineseChars, boolean stripAccents, boolean lowercase)
      implements Normalizer {
    @Override
    public Text apply(Text in) {
      Text out = new Text(in.len + (in.len >> 3) + 8);
      int[] cps = in.cp;
      for (int i = 0; i < in.len; i++) {
        int c = cps[i];
        int s = in.start[i];
        int e = in.end[i];
        if (c < 0x80) {
          if (cleanText) {
            if (c < 0x20 || c == 0x7F) {
              if (c == '\t' || c == '\n' || c == '\r') c = ' ';
              else continue;
            }
          }
          if (lowercase && c >= 'A' && c <= 'Z') c += 32;
          out.add(c, s, e);
          continue;
        }
        if (cleanText) {
          if (c == 0xFFFD || CharClass.isOther(c)) continue;
          if (CharClass.isWhitespace(c)) c = ' ';
        }
        if (chineseChars && CharClass.isChinese(c)) {
          out.add(' ', s, e);
          tail(c, s, e, out);
          out.add(' ', s, e);
        } else {
          tail(c, s, e, out);
        }
      }
      return out;
    }

    /** Fused fast path: reads the String directly, ASCII without any intermediate buffer. */
    @Override
    public Text normalize(String str, int from, int to) {
      Text out = new Text(to - from + ((to - from) >> 3) + 8);
      int[] ocp = out.cp;
      int[] ost = out.start;
      int[] oen = out.end;
      int k = 0;
      int i = from;
      char[] chars = new char[to - from];
      str.getChars(from, to, chars, 0);
      while (i < to) {
        char ch = chars[i - from];
        if (ch < 0x80) {
          int c = ch;
          if (c < 0x20 || c == 0x7F) {
            if (cleanText) {
              if (c == '\t' || c == '\n' || c == '\r') c = ' ';
              else {
                i++;
                continue;
              }
            }
          } else if (lowercase && c >= 'A' && c <= 'Z') {
            c += 32;
          }
          if (k == ocp.length) {
            out.len = k;
            out.ensure(1);
            ocp = out.cp;
            ost = out.start;
            oen = out.end;
          }
          ocp[k] = c;
          ost[k] = i;
          oen[k] = i + 1;
          k++;
          i++;
          continue;
        }
        int c = ch;
        int e = i + 1;
        if (Character.isHighSurrogate(ch) && i + 1 < to && Character.isLowSurrogate(chars[i + 1 - from])) {
          c = Character.toCodePoint(ch, chars[i + 1 - from]);
          e = i + 2;
        }
        out.len = k;
        out.ensure(8);
        ocp = out.cp;
        ost = out.start;
        oen = out.end;
        if (cleanText && (c == 0xFFFD || CharClass.isOther(c))) {
          i = e;
          continue;
        }
        if (cleanText && CharClass.isWhitespace(c)) c = ' ';
        if (chineseChars && CharClass.isChinese(c)) {
          out.add(' ', i, e);
          tail(c, i, e, out);
          out.add(' ', i, e);
        } else {
          tail(c, i, e, out);
        }
        k = out.len;
        ocp = out.cp;
        ost = out.start;
        oen = out.end;
        i = e;
      }
      out.len = k;
      return out;
    }

    private void tail(int c, int s, int e, Text out) {
      if (stripAccents && c >= 0x80) {
        for (int d : decompose(c, Form.NFD)) {
          if (CharClass.isNonSpacingMark(d)) continue;
          if (lowercase) lower(d, s, e, out);
          else out.add(d, s, e);
        }
      } else if (lowercase) {
        lower(c, s, e, out);
      } else {
        out.add(c, s, e);
      }
    }
  }

  /** Lowercase normaliser. */
  public record Lowercase() implements Normalizer {
    @Override
    public Text apply(Text in) {
      Text out = new Text(in.len + 4);
      for (int i = 0; i < in.len; i++) lower(in.cp[i], in.start[i], in.end[i], out);
      return out;
    }
  }

  /** Removes non-spacing marks (use after NFD or NFKD). */
  public record StripAccents() implements Normalizer {
    @Override
    public Text apply(Text in) {
      Text out = new Text(in.len);
      for (int i = 0; i < in.len; i++) {
        if (!CharClass.isNonSpacingMark(in.cp[i])) out.add(in.cp[i], in.start[i], in.end[i]);
      }
      return out;
    }
  }

  /** NFD or NFKD, decomposing one code point at a time (each output aligned to its source). */
  public record Decompose(Form form) implements Normalizer {
    @Override
    public Text apply(Text in) {
      Text out = new Text(in.len + 8);
      for (int i = 0; i < in.len; i++) {
        int c = in.cp[i];
        if (c < 0xA0) {
          out.add(c, in.start[i], in.end[i]);
          continue;
        }
        for (int d : decompose(c, form)) out.add(d, in.start[i], in.end[i]);
      }
      return out;
    }
  }

  /**
   * NFC or NFKC, composing within runs that start at a non-mark code point. A composed code point
   * takes the alignment of the first code point it replaces; extra outputs share the last one.
   */
  public record Compose(Form form) implements Normalizer {
    @Override
    public Text apply(Text in) {
      Text out = new Text(in.len + 8);
      int i = 0;
      while (i < in.len) {
        int j = i + 1;
        while (j < in.len && Character.getType(in.cp[j]) == Character.NON_SPACING_MARK) j++;
        boolean ascii = j == i + 1 && in.cp[i] < 0xA0;
        if (ascii) {
          out.add(in.cp[i], in.start[i], in.end[i]);
        } else {
          int[] r = java.text.Normalizer.normalize(in.string(i, j), form).codePoints().toArray();
          for (int k = 0; k < r.length; k++) {
            int src = Math.min(i + k, j - 1);
            out.add(r[k], in.start[src], in.end[src]);
          }
        }
        i = j;
      }
      return out;
    }
  }

  /** Prepends a string; every prepended character shares the first character's alignment. */
  public record Prepend(String prefix) implements Normalizer {
    @Override
    public Text apply(Text in) {
      if (in.len == 0) return in;
      Text out = new Text(in.len + prefix.length());
      prefix.codePoints().forEach(c -> out.add(c, in.start[0], in.end[0]));
      for (int i = 0; i < in.len; i++) out.add(in.cp[i], in.start[i], in.end[i]);
      return out;
    }
  }

  /** Replaces matches of a pattern; inserted characters align to the last replaced character. */
  public record Replace(Pattern pattern, String content) implements Normalizer {
    @Override
    public Text apply(Text in) {
      String s = in.string(0, in.len);
      Matcher m = pattern.matcher(s);
      Text out = new Text(in.len);
      int cpIdx = 0;
      int charIdx = 0;
      while (m.find()) {
        if (m.end() == m.start()) continue;
        while (charIdx < m.start()) {
          out.add(in.cp[cpIdx], in.start[cpIdx], in.end[cpIdx]);
          charIdx += Character.charCount(in.cp[cpIdx++]);
        }
        int last = cpIdx;
        while (charIdx < m.end()) {
          last = cpIdx;
          charIdx += Character.charCount(in.cp[cpIdx++]);
        }
        int ls = in.start[last];
        int le = in.end[last];
        content.codePoints().forEach(c -> out.add(c, ls, le));
      }
      while (cpIdx < in.len) {
        out.add(in.cp[cpIdx], in.start[cpIdx], in.end[cpIdx]);
        cpIdx++;
      }
      return out;
    }
  }

  /** Strips leading and/or trailing whitespace. */
  public record Strip(boolean left, boolean right) implements Normalizer {
    @Override
    public Text apply(Text in) {
      int a = 0;
      int b = in.len;
      if (left) while (a < b && CharClass.isWhitespace(in.cp[a])) a++;
      if (right) while (b > a && CharClass.isWhitespace(in.cp[b - 1])) b--;
      return a == 0 && b == in.len ? in : in.slice(a, b);
    }
  }

  /** Applies normalisers in order. */
  public record Sequence(List<Normalizer> steps) implements Normalizer {
    public Sequence {
      steps = List.copyOf(steps);
    }

    @Override
    public Text apply(Text in) {
      Text t = in;
      for (Normalizer n : steps) t = n.apply(t);
      return t;
    }
  }
}
