package org.medai.nlp.internal.tokenize;

import java.util.Map;
import org.medai.nlp.tokenize.TokenizerException;

/**
 * WordPiece: greedy longest-match-first over a code-point trie (one root for word starts, one for
 * continuations after the {@code ##} prefix), so a lookup walks forward once instead of building
 * substrings. Words longer than {@code maxInputCharsPerWord} code points, or with no complete
 * segmentation, become the unknown token spanning the whole word. Immutable and thread-safe.
 */
public final class WordPieceModel extends VocabularyModel {
  private static final int ROOT = 0;
  private static final int CONT_ROOT = 1;

  private final String unkToken;
  private final int unkId;
  private final String prefix;
  private final int maxChars;
  private final LongIntMap edges;
  private final int[] nodeId;
  private static final int CACHE_CAPACITY = 20_000;
  private static final int CACHED_WORD_MAX = 32;
  private final java.util.concurrent.ConcurrentHashMap<String, int[]> cache =
      new java.util.concurrent.ConcurrentHashMap<>();

  public WordPieceModel(Map<String, Integer> vocab, String unkToken, String prefix, int maxChars) {
    super(vocab);
    this.unkToken = unkToken;
    Integer u = vocab.get(unkToken);
    if (u == null) {
      throw new TokenizerException("MEDAI-TOK-010", "WordPiece unk_token is not in the vocabulary; "
          + "add it to the vocab or fix model.unk_token");
    }
    unkId = u;
    this.prefix = prefix;
    this.maxChars = maxChars;
    int chars = 0;
    for (String k : vocab.keySet()) chars += k.length() + 1;
    edges = new LongIntMap(chars * 2);
    int[] ids = new int[chars * 2 + 2];
    java.util.Arrays.fill(ids, -1);
    int nodes = 2;
    for (Map.Entry<String, Integer> e : vocab.entrySet()) {
      String k = e.getKey();
      nodes = insert(k, 0, ROOT, e.getValue(), ids, nodes);
      if (!prefix.isEmpty() && k.startsWith(prefix) && k.length() > prefix.length()) {
        nodes = insert(k, prefix.length(), CONT_ROOT, e.getValue(), ids, nodes);
      }
    }
    nodeId = java.util.Arrays.copyOf(ids, nodes);
  }

  private int insert(String k, int from, int root, int id, int[] ids, int nodes) {
    int node = root;
    for (int i = from; i < k.length(); ) {
      int c = k.codePointAt(i);
      i += Character.charCount(c);
      long key = ((long) node << 21) | c;
      long child = edges.get(key);
      if (child < 0) {
        child = nodes++;
        edges.put(key, child);
      }
      node = (int) child;
    }
    ids[node] = id;
    return nodes;
  }

  @Override
  public void tokenize(Text t, int from, int to, boolean byteLevel, TokenSink out) {
    int n = to - from;
    int[] seg;
    if (n > CACHED_WORD_MAX) {
      seg = segment(t.cp, from, to);
    } else {
      // Clinical notes repeat words heavily: a small cache of whole-word segmentations is cheaper
      // than walking the large, cache-unfriendly trie again.
      String key = t.string(from, to);
      seg = cache.get(key);
      if (seg == null) {
        seg = segment(t.cp, from, to);
        if (cache.size() < CACHE_CAPACITY) cache.putIfAbsent(key, seg);
      }
    }
    for (int k = 0; k < seg.length; k += 3) {
      int id = seg[k];
      out.add(id, idToToken[id], t.start[from + seg[k + 1]], t.end[from + seg[k + 2] - 1]);
    }
  }

  /** Segments {@code cp[from, to)} into triples (id, start, end) relative to {@code from}. */
  private int[] segment(int[] cp, int from, int to) {
    int n = to - from;
    if (n > maxChars) return new int[] {unkId, 0, n};
    int[] r = new int[12];
    int k = 0;
    int pos = from;
    while (pos < to) {
      int node = pos == from ? ROOT : CONT_ROOT;
      int bestEnd = -1;
      int bestId = -1;
      for (int j = pos; j < to; j++) {
        long child = edges.get(((long) node << 21) | cp[j]);
        if (child < 0) break;
        node = (int) child;
        int id = nodeId[node];
        if (id >= 0) {
          bestEnd = j + 1;
          bestId = id;
        }
      }
      if (bestEnd < 0) return new int[] {unkId, 0, n};
      if (k + 3 > r.length) r = java.util.Arrays.copyOf(r, r.length * 2);
      r[k++] = bestId;
      r[k++] = pos - from;
      r[k++] = bestEnd - from;
      pos = bestEnd;
    }
    return k == r.length ? r : java.util.Arrays.copyOf(r, k);
  }

  public String continuingSubwordPrefix() {
    return prefix;
  }
}
