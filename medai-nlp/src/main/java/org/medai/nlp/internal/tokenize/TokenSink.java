package org.medai.nlp.internal.tokenize;

import java.util.Arrays;

/** Growable columns of produced tokens (id, string, UTF-16 start/end). Not thread-safe. */
public final class TokenSink {
  public int[] ids;
  public String[] tokens;
  public int[] start;
  public int[] end;
  public int size;

  public TokenSink(int capacity) {
    int c = Math.max(8, capacity);
    ids = new int[c];
    tokens = new String[c];
    start = new int[c];
    end = new int[c];
  }

  public void add(int id, String token, int s, int e) {
    if (size == ids.length) {
      int n = size * 2;
      ids = Arrays.copyOf(ids, n);
      tokens = Arrays.copyOf(tokens, n);
      start = Arrays.copyOf(start, n);
      end = Arrays.copyOf(end, n);
    }
    ids[size] = id;
    tokens[size] = token;
    start[size] = s;
    end[size] = e;
    size++;
  }
}
