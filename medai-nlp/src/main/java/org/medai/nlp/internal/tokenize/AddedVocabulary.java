package org.medai.nlp.internal.tokenize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medai.nlp.tokenize.AddedToken;

/**
 * Added and special tokens, found leftmost-longest before the model runs (HF's
 * {@code AddedVocabulary}): non-normalised tokens on the original text, normalised ones on the
 * normalised text, honouring {@code single_word}, {@code lstrip} and {@code rstrip}. Immutable and
 * thread-safe.
 */
public final class AddedVocabulary {
  private final List<AddedToken> tokens;
  private final Map<Integer, AddedToken> byId = new HashMap<>();
  private final Set<String> specialContents = new HashSet<>();
  // raw tokens by first UTF-16 char, longest first
  private final Map<Character, List<AddedToken>> rawByFirst = new HashMap<>();
  private final boolean[] rawFirstAscii = new boolean[128];
  // normalised tokens: their normalised code points, longest first
  private final List<int[]> normPatterns = new ArrayList<>();
  private final List<AddedToken> normTokens = new ArrayList<>();

  public AddedVocabulary(List<AddedToken> tokens, Normalizers.Normalizer normalizer) {
    this.tokens = List.copyOf(tokens);
    for (AddedToken t : tokens) {
      byId.put(t.id(), t);
      if (t.special()) specialContents.add(t.content());
    }
    List<AddedToken> sorted = new ArrayList<>(tokens);
    sorted.sort(Comparator.comparingInt((AddedToken t) -> -t.content().length()));
    for (AddedToken t : sorted) {
      if (!t.normalized()) {
        char f = t.content().charAt(0);
        rawByFirst.computeIfAbsent(f, k -> new ArrayList<>()).add(t);
        if (f < 128) rawFirstAscii[f] = true;
      }
    }
    List<Object[]> norm = new ArrayList<>();
    for (AddedToken t : tokens) {
      if (t.normalized()) {
        String n = normalizer == null ? t.content() : normalizer.normalize(t.content());
        if (!n.isEmpty()) norm.add(new Object[] {n.codePoints().toArray(), t});
      }
    }
    norm.sort(Comparator.comparingInt(o -> -((int[]) o[0]).length));
    for (Object[] o : norm) {
      normPatterns.add((int[]) o[0]);
      normTokens.add((AddedToken) o[1]);
    }
  }

  public List<AddedToken> tokens() {
    return tokens;
  }

  public AddedToken byId(int id) {
    return byId.get(id);
  }

  public boolean isSpecial(String content) {
    return specialContents.contains(content);
  }

  public boolean hasNormalized() {
    return !normPatterns.isEmpty();
  }

  private static boolean isWordChar(int c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /**
   * Splits {@code s} into pieces: triples {@code (start, end, tokenId)} over UTF-16 indices, with
   * tokenId -1 for text between matches. Returns null when nothing matched (the common case).
   */
  public IntList splitRaw(String s) {
    IntList out = null;
    int n = s.length();
    int startOffset = 0;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c < 128 ? !rawFirstAscii[c] : !rawByFirst.containsKey(c)) {
        i++;
        continue;
      }
      List<AddedToken> cands = rawByFirst.get(c);
      AddedToken hit = null;
      for (AddedToken t : cands) {
        if (s.startsWith(t.content(), i)) {
          hit = t;
          break;
        }
      }
      if (hit == null) {
        i++;
        continue;
      }
      int start = i;
      int stop = i + hit.content().length();
      i = stop;
      if (hit.singleWord()) {
        boolean startOk = start == 0 || !isWordChar(s.codePointBefore(start));
        boolean stopOk = stop == n || !isWordChar(s.codePointAt(stop));
        if (!startOk || !stopOk) continue;
      }
      if (hit.lstrip()) {
        int ns = start;
        while (ns > 0 && CharClass.isWhitespace(s.codePointBefore(ns))) ns -= Character.charCount(s.codePointBefore(ns));
        start = Math.max(ns, startOffset);
      }
      if (hit.rstrip()) {
        while (stop < n && CharClass.isWhitespace(s.codePointAt(stop))) stop += Character.charCount(s.codePointAt(stop));
        i = stop;
      }
      out = addMatch(out, startOffset, start, stop, hit.id());
      startOffset = stop;
    }
    return finish(out, startOffset, n);
  }

  /** As {@link #splitRaw} for normalised tokens over code-point indices of {@code t}. */
  public IntList splitNormalized(Text t) {
    IntList out = null;
    int n = t.len;
    int startOffset = 0;
    int i = 0;
    while (i < n) {
      int hit = -1;
      for (int k = 0; k < normPatterns.size(); k++) {
        int[] p = normPatterns.get(k);
        if (i + p.length > n) continue;
        boolean ok = true;
        for (int j = 0; j < p.length; j++) {
          if (t.cp[i + j] != p[j]) {
            ok = false;
            break;
          }
        }
        if (ok) {
          hit = k;
          break;
        }
      }
      if (hit < 0) {
        i++;
        continue;
      }
      AddedToken tok = normTokens.get(hit);
      int start = i;
      int stop = i + normPatterns.get(hit).length;
      i = stop;
      if (tok.singleWord()) {
        boolean startOk = start == 0 || !isWordChar(t.cp[start - 1]);
        boolean stopOk = stop == n || !isWordChar(t.cp[stop]);
        if (!startOk || !stopOk) continue;
      }
      if (tok.lstrip()) {
        int ns = start;
        while (ns > 0 && CharClass.isWhitespace(t.cp[ns - 1])) ns--;
        start = Math.max(ns, startOffset);
      }
      if (tok.rstrip()) {
        while (stop < n && CharClass.isWhitespace(t.cp[stop])) stop++;
        i = stop;
      }
      out = addMatch(out, startOffset, start, stop, tok.id());
      startOffset = stop;
    }
    return finish(out, startOffset, n);
  }

  /** Appends the unmatched gap before a match (id -1) and the match itself as (start, stop, id) triples. */
  private static IntList addMatch(IntList out, int from, int start, int stop, int id) {
    if (out == null) out = new IntList(16);
    if (from < start) {
      out.add(from, start);
      out.add(-1);
    }
    out.add(start, stop);
    out.add(id);
    return out;
  }

  /** Closes a split with the unmatched tail; null when nothing matched. */
  private static IntList finish(IntList out, int from, int n) {
    if (out == null) return null;
    if (from < n) {
      out.add(from, n);
      out.add(-1);
    }
    return out;
  }
}
