package org.medai.imaging.internal.codec.j2k;

/**
 * A tag tree (ISO/IEC 15444-1 B.10.2) over a grid of code-blocks: the inclusion and zero
 * bit-plane information of packet headers. Nodes are flat int arrays, leaves first, then each
 * coarser level up to the root. Created lazily per precinct and band; not thread-safe.
 */
final class TagTree {
  private static final int UNKNOWN = Integer.MAX_VALUE;
  private final int[] parent;
  private final int[] value;
  private final int[] low;
  private final int[] stack;

  TagTree(int w, int h) {
    int total = 0;
    int depth = 0;
    int lw = w;
    int lh = h;
    while (true) {
      total += lw * lh;
      depth++;
      if (lw <= 1 && lh <= 1) {
        break;
      }
      lw = (lw + 1) >> 1;
      lh = (lh + 1) >> 1;
    }
    parent = new int[total];
    value = new int[total];
    low = new int[total];
    stack = new int[depth];
    java.util.Arrays.fill(value, UNKNOWN);
    int start = 0;
    lw = w;
    lh = h;
    while (lw > 1 || lh > 1) {
      int nw = (lw + 1) >> 1;
      int nh = (lh + 1) >> 1;
      int next = start + lw * lh;
      for (int y = 0; y < lh; y++) {
        for (int x = 0; x < lw; x++) {
          parent[start + y * lw + x] = next + (y >> 1) * nw + (x >> 1);
        }
      }
      start = next;
      lw = nw;
      lh = nh;
    }
    parent[start] = -1;
  }

  /**
   * Decodes bits until the leaf's value is known to be below {@code threshold} or at least it.
   *
   * @return whether the leaf's value is below the threshold
   */
  boolean decode(PacketBits bits, int leaf, int threshold) {
    int sp = 0;
    int node = leaf;
    while (parent[node] >= 0) {
      stack[sp++] = node;
      node = parent[node];
    }
    int lo = 0;
    while (true) {
      if (lo > low[node]) {
        low[node] = lo;
      } else {
        lo = low[node];
      }
      while (lo < threshold && lo < value[node]) {
        if (bits.bit() != 0) {
          value[node] = lo;
        } else {
          lo++;
        }
      }
      low[node] = lo;
      if (sp == 0) {
        break;
      }
      node = stack[--sp];
    }
    return value[node] < threshold;
  }

  int value(int leaf) {
    return value[leaf];
  }
}
