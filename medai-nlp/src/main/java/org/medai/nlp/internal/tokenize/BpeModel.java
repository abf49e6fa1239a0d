package org.medai.nlp.internal.tokenize;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.medai.nlp.tokenize.TokenizerException;

/**
 * Byte-pair encoding with ranked merges (lowest rank first, leftmost on ties, as HuggingFace's
 * priority queue), optional unknown token (fused or not), byte fallback, continuing-subword prefix,
 * end-of-word suffix and {@code ignore_merges}. Dropout is not supported (deterministic only).
 * A bounded, concurrent word cache (10,000 words) avoids re-merging frequent words. Thread-safe.
 */
public final class BpeModel extends VocabularyModel {
  private static final int CACHE_CAPACITY = 10_000;

  private final LongIntMap merges;
  private final String unkToken;
  private final String prefix;
  private final String suffix;
  private final boolean fuseUnk;
  private final boolean byteFallback;
  private final boolean ignoreMerges;
  private final int[] byteCharId = new int[256];
  private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

  public BpeModel(Map<String, Integer> vocab, List<String[]> mergePairs, String unkToken,
      String prefix, String suffix, boolean fuseUnk, boolean byteFallback, boolean ignoreMerges) {
    super(vocab);
    this.unkToken = unkToken;
    this.prefix = prefix;
    this.suffix = suffix;
    this.fuseUnk = fuseUnk;
    this.byteFallback = byteFallback;
    this.ignoreMerges = ignoreMerges;
    int prefixLen = prefix == null ? 0 : prefix.length();
    merges = new LongIntMap(mergePairs.size() + 1);
    for (int rank = 0; rank < mergePairs.size(); rank++) {
      String[] p = mergePairs.get(rank);
      Integer a = vocab.get(p[0]);
      Integer b = vocab.get(p[1]);
      String merged = p[0] + p[1].substring(Math.min(prefixLen, p[1].length()));
      Integer m = vocab.get(merged);
      if (a == null || b == null || m == null) {
        throw new TokenizerException("MEDAI-TOK-011", "BPE merge #" + rank
            + " refers to a token missing from the vocabulary; the merges do not match the vocab");
      }
      merges.putIfAbsent(((long) a << 32) | b, ((long) rank << 32) | m);
    }
    for (int b = 0; b < 256; b++) {
      Integer id = vocab.get(String.valueOf(ByteLevelMap.BYTE_CHAR[b]));
      byteCharId[b] = id == null ? -1 : id;
    }
  }

  @Override
  public void tokenize(Text t, int from, int to, boolean byteLevel, TokenSink out) {
    // Units: the word's characters (byte characters when byte-level), each with its alignment.
    int n = to - from;
    int[] us = new int[byteLevel ? n * 4 : n];
    int[] ue = new int[us.length];
    String word;
    int units;
    if (byteLevel) {
      byte[] buf = new byte[4];
      char[] chars = new char[n * 4];
      units = 0;
      for (int i = from; i < to; i++) {
        int k = ByteLevelMap.utf8(t.cp[i], buf);
        for (int j = 0; j < k; j++) {
          chars[units] = ByteLevelMap.BYTE_CHAR[buf[j] & 0xFF];
          us[units] = t.start[i];
          ue[units] = t.end[i];
          units++;
        }
      }
      word = new String(chars, 0, units);
    } else {
      units = n;
      for (int i = 0; i < n; i++) {
        us[i] = t.start[from + i];
        ue[i] = t.end[from + i];
      }
      word = t.string(from, to);
    }
    int[] syms = cache.get(word);
    if (syms == null) {
      syms = merge(word);
      if (cache.size() < CACHE_CAPACITY) cache.putIfAbsent(word, syms);
    }
    // syms: pairs (id, firstUnit, lastUnitExclusive) in the word's unit space (code points of word)
    for (int i = 0; i < syms.length; i += 3) {
      int id = syms[i];
      int a = syms[i + 1];
      int b = syms[i + 2];
      out.add(id, idToToken[id], us[a], ue[b - 1]);
    }
  }

  /** Segments a word; returns triples (id, unit start, unit end) over the word's code points. */
  private int[] merge(String w) {
    if (ignoreMerges) {
      Integer id = vocab.get(w);
      if (id != null) return new int[] {id, 0, w.codePointCount(0, w.length())};
    }
    int cpCount = w.codePointCount(0, w.length());
    int[] ids = new int[cpCount * 4 + 1];
    int[] ua = new int[ids.length];
    int[] ub = new int[ids.length];
    int n = 0;
    int unkId = -1;
    int unkA = 0;
    int unkB = 0;
    int ci = 0;
    for (int i = 0; i < w.length(); ci++) {
      int c = w.codePointAt(i);
      int len = Character.charCount(c);
      boolean first = i == 0;
      boolean last = i + len == w.length();
      i += len;
      int id;
      {
        StringBuilder sb = new StringBuilder(8);
        if (!first && prefix != null) sb.append(prefix);
        sb.appendCodePoint(c);
        if (last && suffix != null) sb.append(suffix);
        String s = sb.toString();
        Integer v = vocab.get(s);
        id = v == null ? -1 : v;
        if (id < 0 && byteFallback) {
          byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          int[] fb = new int[bytes.length];
          boolean all = true;
          for (int k = 0; k < bytes.length; k++) {
            Integer bid = vocab.get(String.format("<0x%02X>", bytes[k] & 0xFF));
            if (bid == null) {
              all = false;
              break;
            }
            fb[k] = bid;
          }
          if (all) {
            if (unkId >= 0) {
              ids[n] = unkId; ua[n] = unkA; ub[n] = unkB; n++;
              unkId = -1;
            }
            for (int f : fb) {
              if (n == ids.length) {
                ids = java.util.Arrays.copyOf(ids, n * 2);
                ua = java.util.Arrays.copyOf(ua, n * 2);
                ub = java.util.Arrays.copyOf(ub, n * 2);
              }
              ids[n] = f; ua[n] = ci; ub[n] = ci + 1; n++;
            }
            continue;
          }
        }
      }
      if (id >= 0) {
        if (unkId >= 0) {
          ids[n] = unkId; ua[n] = unkA; ub[n] = unkB; n++;
          unkId = -1;
        }
        ids[n] = id; ua[n] = ci; ub[n] = ci + 1; n++;
      } else if (unkToken != null) {
        Integer u = vocab.get(unkToken);
        if (u == null) {
          throw new TokenizerException("MEDAI-TOK-012", "BPE unk_token is not in the vocabulary; "
              + "add it to the vocab or fix model.unk_token");
        }
        if (unkId >= 0 && fuseUnk) {
          unkB = ci + 1;
        } else {
          if (unkId >= 0) {
            ids[n] = unkId; ua[n] = unkA; ub[n] = unkB; n++;
          }
          unkId = u;
          unkA = ci;
          unkB = ci + 1;
        }
      }
    }
    if (unkId >= 0) {
      ids[n] = unkId; ua[n] = unkA; ub[n] = unkB; n++;
    }
    // Repeatedly merge the lowest-ranked adjacent pair (leftmost on ties).
    while (n > 1) {
      int bestRank = Integer.MAX_VALUE;
      int bestPos = -1;
      int bestNew = -1;
      for (int i = 0; i + 1 < n; i++) {
        long v = merges.get(((long) ids[i] << 32) | ids[i + 1]);
        if (v >= 0) {
          int r = (int) (v >>> 32);
          if (r < bestRank) {
            bestRank = r;
            bestPos = i;
            bestNew = (int) v;
          }
        }
      }
      if (bestPos < 0) break;
      ids[bestPos] = bestNew;
      ub[bestPos] = ub[bestPos + 1];
      System.arraycopy(ids, bestPos + 2, ids, bestPos + 1, n - bestPos - 2);
      System.arraycopy(ua, bestPos + 2, ua, bestPos + 1, n - bestPos - 2);
      System.arraycopy(ub, bestPos + 2, ub, bestPos + 1, n - bestPos - 2);
      n--;
    }
    int[] r = new int[n * 3];
    for (int i = 0; i < n; i++) {
      r[3 * i] = ids[i];
      r[3 * i + 1] = ua[i];
      r[3 * i + 2] = ub[i];
    }
    return r;
  }
}
