package org.medai.nlp.internal.tokenize;

import java.util.Arrays;

/**
 * Working buffer of a normalised text: code points, each with the half-open UTF-16 range of the
 * original Java String it came from (HuggingFace's "alignments", in UTF-16 units instead of
 * bytes). Mutable, owned by one encode call, never shared between threads.
 */
public final class Text {
  public int[] cp;
  public int[] start;
  public int[] end;
  public int len;

  public Text(int capacity) {
    int c = Math.max(4, capacity);
    cp = new int[c];
    start = new int[c];
    end = new int[c];
  }

  /** The code points of {@code s[from, to)}, each aligned to its own UTF-16 range. */
  public static Text of(String s, int from, int to) {
    Text t = new Text(to - from);
    int[] cp = t.cp;
    int[] st = t.start;
    int[] en = t.end;
    int k = 0;
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        cp[k] = Character.toCodePoint(c, s.charAt(i + 1));
        st[k] = i;
        en[k] = i + 2;
        i += 2;
      } else {
        cp[k] = c;
        st[k] = i;
        en[k] = i + 1;
        i++;
      }
      k++;
    }
    t.len = k;
    return t;
  }

  /** Makes room for {@code extra} more code points. */
  public void ensure(int extra) {
    while (len + extra > cp.length) grow();
  }

  public void add(int c, int s, int e) {
    if (len == cp.length) grow();
    cp[len] = c;
    start[len] = s;
    end[len] = e;
    len++;
  }

  private void grow() {
    int n = cp.length * 2;
    cp = Arrays.copyOf(cp, n);
    start = Arrays.copyOf(start, n);
    end = Arrays.copyOf(end, n);
  }

  /** The normalised text of {@code [from, to)} as a String. */
  public String string(int from, int to) {
    return new String(cp, from, to - from);
  }

  /** A copy of {@code [from, to)}. */
  public Text slice(int from, int to) {
    Text t = new Text(to - from);
    System.arraycopy(cp, from, t.cp, 0, to - from);
    System.arraycopy(start, from, t.start, 0, to - from);
    System.arraycopy(end, from, t.end, 0, to - from);
    t.len = to - from;
    return t;
  }
}
