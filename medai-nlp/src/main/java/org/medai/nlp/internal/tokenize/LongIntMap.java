package org.medai.nlp.internal.tokenize;

/**
 * Open-addressing hash map from non-negative {@code long} keys to {@code long} values, keys and
 * values interleaved in one array so a probe touches one cache line. Built once, then read-only
 * (safe to share between threads after construction). Missing keys return -1.
 */
public final class LongIntMap {
  private long[] table; // [key0, val0, key1, val1, ...]; key -1 = empty
  private int mask;
  private int size;

  public LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    table = new long[cap * 2];
    java.util.Arrays.fill(table, -1L);
    mask = cap - 1;
  }

  private static int mix(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32) ^ (int) h;
  }

  /** Stores {@code v} under {@code k} ({@code k >= 0}). */
  public void put(long k, long v) {
    if ((size + 1) * 2 > mask + 1) rehash();
    int i = mix(k) & mask;
    while (true) {
      long key = table[2 * i];
      if (key == -1L) {
        table[2 * i] = k;
        table[2 * i + 1] = v;
        size++;
        return;
      }
      if (key == k) {
        table[2 * i + 1] = v;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Puts only when absent; returns true if inserted. */
  public boolean putIfAbsent(long k, long v) {
    if (get(k) != -1) return false;
    put(k, v);
    return true;
  }

  public long get(long k) {
    long[] t = table;
    int m = mask;
    int i = mix(k) & m;
    while (true) {
      long key = t[2 * i];
      if (key == k) return t[2 * i + 1];
      if (key == -1L) return -1;
      i = (i + 1) & m;
    }
  }

  private void rehash() {
    long[] old = table;
    table = new long[old.length * 2];
    java.util.Arrays.fill(table, -1L);
    mask = old.length - 1;
    size = 0;
    for (int i = 0; i < old.length; i += 2) if (old[i] != -1L) put(old[i], old[i + 1]);
  }
}
