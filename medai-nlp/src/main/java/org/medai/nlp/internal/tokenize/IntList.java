package org.medai.nlp.internal.tokenize;

import java.util.Arrays;

/** A growable int array. Not thread-safe. */
public final class IntList {
  public int[] a;
  public int size;

  public IntList(int capacity) {
    a = new int[Math.max(4, capacity)];
  }

  public void add(int v) {
    if (size == a.length) a = Arrays.copyOf(a, size * 2);
    a[size++] = v;
  }

  public void add(int v, int w) {
    if (size + 2 > a.length) a = Arrays.copyOf(a, Math.max(size + 2, size * 2));
    a[size++] = v;
    a[size++] = w;
  }

  public void clear() {
    size = 0;
  }

  public int[] toArray() {
    return Arrays.copyOf(a, size);
  }
}
