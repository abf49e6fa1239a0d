package org.medai.core.geometry;

import org.medai.core.GeometryException;

/** Voxel counts along i, j, k (x, y, z). Immutable; every count is at least 1. */
public record Extent(long i, long j, long k) {

  public Extent {
    if (i < 1 || j < 1 || k < 1) {
      throw new GeometryException("MEDAI-GEOM-001",
          "extent must be at least 1 along every axis; got (%d, %d, %d)".formatted(i, j, k));
    }
  }

  public static Extent of(long i, long j, long k) {
    return new Extent(i, j, k);
  }

  public long get(int axis) {
    return switch (axis) {
      case 0 -> i;
      case 1 -> j;
      case 2 -> k;
      default -> throw new IndexOutOfBoundsException("axis " + axis + " not in 0..2");
    };
  }

  /** Number of voxels, i·j·k; throws when it overflows a long. */
  public long voxelCount() {
    return Math.multiplyExact(Math.multiplyExact(i, j), k);
  }

  public long[] toArray() {
    return new long[] {i, j, k};
  }
}
