package org.medai.nlp.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.medai.nlp.internal.text.TokenTrie;
import org.medai.nlp.internal.text.WordTokens;

/**
 * Finds terminology terms in text by longest match over a token trie.
 *
 * <p>Terms and text are cut into letter-or-digit runs, lower-cased and simple plurals stripped
 * ({@code "Pleural Effusions"} matches the term {@code "pleural effusion"}); hyphens, slashes and
 * apostrophes between words are ignored, other punctuation ends a match. Matches never cross the
 * sentence boundaries given. Overlaps are resolved by keeping the longest (then leftmost) match;
 * a term with several codes yields one match per code on the same span.
 *
 * <p>Immutable and thread-safe once built; building is linear in the terminology size, matching is
 * linear in the text length times the longest term's token count.
 */
public final class ConceptMatcher {

  private final TokenTrie<Terminology.Entry> trie = new TokenTrie<>();
  private final boolean stemPlurals;

  private ConceptMatcher(Terminology terminology, boolean stemPlurals) {
    this.stemPlurals = stemPlurals;
    for (Terminology.Entry e : terminology.entries()) {
      WordTokens t = WordTokens.of(e.term(), 0, e.term().length(), stemPlurals);
      String[] toks = java.util.Arrays.copyOf(t.norm, t.size);
      trie.add(toks, e);
    }
  }

  /** A matcher with case and simple plural normalisation. */
  public static ConceptMatcher of(Terminology terminology) {
    return new ConceptMatcher(terminology, true);
  }

  /** A matcher with case normalisation only (plurals must match exactly). */
  public static ConceptMatcher withoutPluralNormalization(Terminology terminology) {
    return new ConceptMatcher(terminology, false);
  }

  /** Matches across the whole text as one unit. */
  public List<ConceptMatch> match(String text) {
    List<ConceptMatch> out = new ArrayList<>();
    matchRegion(text, 0, text.length(), out);
    return List.copyOf(out);
  }

  /** Matches inside each sentence; no match crosses a sentence boundary. */
  public List<ConceptMatch> match(String text, List<Sentence> sentences) {
    List<ConceptMatch> out = new ArrayList<>();
    for (Sentence s : sentences) matchRegion(text, s.start(), s.end(), out);
    return List.copyOf(out);
  }

  private void matchRegion(String text, int from, int to, List<ConceptMatch> out) {
    WordTokens toks = WordTokens.of(text, from, to, stemPlurals);
    List<int[]> cand = new ArrayList<>();
    for (int i = 0; i < toks.size; i++) {
      int end = trie.longest(toks, i);
      if (end > 0) cand.add(new int[] {i, end});
    }
    cand.sort(Comparator.<int[]>comparingInt(c -> -(toks.ends[c[1] - 1] - toks.starts[c[0]])).thenComparingInt(c -> c[0]));
    boolean[] used = new boolean[toks.size];
    List<int[]> kept = new ArrayList<>();
    for (int[] c : cand) {
      boolean free = true;
      for (int k = c[0]; k < c[1]; k++) free &= !used[k];
      if (!free) continue;
      for (int k = c[0]; k < c[1]; k++) used[k] = true;
      kept.add(c);
    }
    kept.sort(Comparator.comparingInt(c -> c[0]));
    for (int[] c : kept) {
      Span span = new Span(toks.starts[c[0]], toks.ends[c[1] - 1]);
      for (Terminology.Entry e : trie.values(toks, c[0], c[1])) out.add(new ConceptMatch(e.code(), e.term(), span));
    }
  }
}
