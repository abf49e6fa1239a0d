package org.medai.imaging.segmentation;

import org.medai.core.InvalidArgumentException;
import org.medai.core.geometry.Extent;
import org.medai.core.tensor.Volume;

/**
 * Post-processing of label maps: connected components, keep-largest, hole filling and label
 * remapping. Methods named {@code …InPlace} change the given volume's voxels; the others only read.
 * Stateless and thread-safe (concurrent calls on the same volume are the caller's concern).
 * Working memory: about 8 bytes per voxel on the Java heap.
 */
public final class LabelMaps {
  private LabelMaps() {}

  /** Which neighbours touch: faces only (6) or faces, edges and corners (26). */
  public enum Connectivity { FACES_6, FULL_26 }

  /**
   * Connected components of the voxels equal to {@code label}.
   *
   * @param ids component id per voxel (1, 2, … in scan order), 0 outside the label; i-fastest order
   * @param sizes voxel count of component {@code c} at index {@code c} (index 0 unused)
   */
  public record Components(int[] ids, long[] sizes) {
    public int count() {
      return sizes.length - 1;
    }

    /** Id of the largest component (the first in scan order on ties), or 0 when there is none. */
    public int largest() {
      int best = 0;
      for (int c = 1; c < sizes.length; c++) if (best == 0 || sizes[c] > sizes[best]) best = c;
      return best;
    }
  }

  public static Components components(Volume labels, int label, Connectivity connectivity) {
    return label(read(labels), labels.extent(), v -> v == label, connectivity);
  }

  /** Sets every voxel of {@code label} outside its largest connected component to {@code background}. */
  public static void keepLargestInPlace(Volume labels, int label, int background, Connectivity connectivity) {
    int[] v = read(labels);
    Components c = label(v, labels.extent(), x -> x == label, connectivity);
    int keep = c.largest();
    for (int x = 0; x < v.length; x++) {
      if (c.ids()[x] != 0 && c.ids()[x] != keep) v[x] = background;
    }
    write(labels, v);
  }

  /**
   * Fills holes of {@code label}: voxels not of that label that cannot reach the volume's border
   * through other such voxels (6-connected) become {@code label}.
   */
  public static void fillHolesInPlace(Volume labels, int label) {
    int[] v = read(labels);
    Extent e = labels.extent();
    Components outside = label(v, e, x -> x != label, Connectivity.FACES_6);
    boolean[] touches = new boolean[outside.sizes().length];
    int ni = (int) e.i(), nj = (int) e.j(), nk = (int) e.k();
    for (int k = 0; k < nk; k++) for (int j = 0; j < nj; j++) for (int i = 0; i < ni; i++) {
      if (i == 0 || j == 0 || k == 0 || i == ni - 1 || j == nj - 1 || k == nk - 1) {
        touches[outside.ids()[(k * nj + j) * ni + i]] = true;
      }
    }
    for (int x = 0; x < v.length; x++) {
      int id = outside.ids()[x];
      if (id != 0 && !touches[id]) v[x] = label;
    }
    write(labels, v);
  }

  /** Replaces each label {@code l} by {@code mapping[l]}; labels beyond the mapping are refused. */
  public static void remapInPlace(Volume labels, int[] mapping) {
    int[] v = read(labels);
    for (int x = 0; x < v.length; x++) {
      if (v[x] < 0 || v[x] >= mapping.length) {
        throw new InvalidArgumentException("MEDAI-SEG-040",
            "label %d has no entry in a mapping of %d labels".formatted(v[x], mapping.length));
      }
      v[x] = mapping[v[x]];
    }
    write(labels, v);
  }

  private interface IntPredicate {
    boolean test(int v);
  }

  private static Components label(int[] v, Extent e, IntPredicate in, Connectivity conn) {
    int ni = (int) e.i(), nj = (int) e.j(), nk = (int) e.k();
    int[] ids = new int[v.length];
    int[] queue = new int[v.length];
    long[] sizes = new long[16];
    int next = 1;
    int[][] offsets = neighbourOffsets(conn);
    for (int seed = 0; seed < v.length; seed++) {
      if (ids[seed] != 0 || !in.test(v[seed])) continue;
      if (next == sizes.length) sizes = java.util.Arrays.copyOf(sizes, sizes.length * 2);
      int head = 0, tail = 0;
      queue[tail++] = seed;
      ids[seed] = next;
      while (head < tail) {
        int x = queue[head++];
        int i = x % ni, j = (x / ni) % nj, k = x / (ni * nj);
        for (int[] o : offsets) {
          int ii = i + o[0], jj = j + o[1], kk = k + o[2];
          if (ii < 0 || jj < 0 || kk < 0 || ii >= ni || jj >= nj || kk >= nk) continue;
          int y = (kk * nj + jj) * ni + ii;
          if (ids[y] == 0 && in.test(v[y])) {
            ids[y] = next;
            queue[tail++] = y;
          }
        }
      }
      sizes[next] = tail;
      next++;
    }
    return new Components(ids, java.util.Arrays.copyOf(sizes, next));
  }

  private static int[][] neighbourOffsets(Connectivity c) {
    java.util.List<int[]> l = new java.util.ArrayList<>();
    for (int dk = -1; dk <= 1; dk++) for (int dj = -1; dj <= 1; dj++) for (int di = -1; di <= 1; di++) {
      int n = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
      if (n == 0 || (c == Connectivity.FACES_6 && n > 1)) continue;
      l.add(new int[] {di, dj, dk});
    }
    return l.toArray(new int[0][]);
  }

  private static int[] read(Volume labels) {
    if (labels.channels() != 1 || labels.dtype().isFloating()) {
      throw new InvalidArgumentException("MEDAI-SEG-041", "a label map must be one integer channel; got " + labels);
    }
    Extent e = labels.extent();
    int[] v = new int[Math.toIntExact(e.voxelCount())];
    int x = 0;
    for (long k = 0; k < e.k(); k++) for (long j = 0; j < e.j(); j++) for (long i = 0; i < e.i(); i++) {
      v[x++] = (int) labels.get(i, j, k);
    }
    return v;
  }

  private static void write(Volume labels, int[] v) {
    Extent e = labels.extent();
    int x = 0;
    for (long k = 0; k < e.k(); k++) for (long j = 0; j < e.j(); j++) for (long i = 0; i < e.i(); i++) {
      labels.set(v[x++], i, j, k);
    }
  }
}
