package org.medai.nlp.internal.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trie over normalised word tokens whose terminal nodes carry values. Built once, then read-only:
 * safe to share between threads after construction.
 *
 * @param <V> value type attached to each phrase
 */
public final class TokenTrie<V> {

  private static final class Node<V> {
    final Map<String, Node<V>> next = new HashMap<>(4);
    List<V> values;
  }

  private final Node<V> root = new Node<>();
  private int maxDepth;

  /** Adds a phrase given as normalised tokens; an empty phrase is ignored. */
  public void add(String[] tokens, V value) {
    if (tokens.length == 0) return;
    Node<V> n = root;
    for (String t : tokens) n = n.next.computeIfAbsent(t, k -> new Node<>());
    if (n.values == null) n.values = new ArrayList<>(1);
    n.values.add(value);
    maxDepth = Math.max(maxDepth, tokens.length);
  }

  public int maxDepth() {
    return maxDepth;
  }

  /**
   * Longest phrase starting at token {@code from}; never crosses a hard break.
   *
   * @return the exclusive end token index, or -1 if no phrase starts here
   */
  public int longest(WordTokens toks, int from) {
    Node<V> n = root;
    int best = -1;
    for (int i = from; i < toks.size; i++) {
      if (i > from && toks.hardBreakBefore[i]) break;
      n = n.next.get(toks.norm[i]);
      if (n == null) break;
      if (n.values != null) best = i + 1;
    }
    return best;
  }

  /** Values of the phrase spanning tokens {@code [from, to)}, which must be a phrase end. */
  public List<V> values(WordTokens toks, int from, int to) {
    Node<V> n = root;
    for (int i = from; i < to; i++) n = n.next.get(toks.norm[i]);
    return n.values;
  }
}
