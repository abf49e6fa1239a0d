package org.medai.nlp.internal.tokenize;

import java.util.Arrays;

/**
 * Open-addressing hash map from {@code long} keys to {@code long} values, built once and then
 * read-only (safe to share between threads after construction). Missing keys return -1.
 */
public final class LongIntMap {
  private long[] keys;
  private long[] vals;
  private boolean[] used;
  private int mask;
  private int size;

  public LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    vals = new long[cap];
    used = new boolean[cap];
    mask = cap - 1;
  }

  private static int mix(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29) ^ (h >>> 47));
  }

  public void put(long k, long v) {
    if ((size + 1) * 2 > keys.length) rehash();
    int i = mix(k) & mask;
    while (used[i]) {
      if (keys[i] == k) {
        vals[i] = v;
        return;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    keys[i] = k;
    vals[i] = v;
    size++;
  }

  /** Puts only when absent; returns true if inserted. */
  public boolean putIfAbsent(long k, long v) {
    if (get(k) != -1) return false;
    put(k, v);
    return true;
  }

  public long get(long k) {
    int i = mix(k) & mask;
    while (used[i]) {
      if (keys[i] == k) return vals[i];
      i = (i + 1) & mask;
    }
    return -1;
  }

  private void rehash() {
    long[] ok = keys;
    long[] ov = vals;
    boolean[] ou = used;
    keys = new long[ok.length * 2];
    vals = new long[ok.length * 2];
    used = new boolean[ok.length * 2];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < ok.length; i++) if (ou[i]) put(ok[i], ov[i]);
    Arrays.fill(ou, false);
  }
}
