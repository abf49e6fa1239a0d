package org.medai.imaging.transform;

import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;

/**
 * A box of voxels: the first index (i0, j0, k0), which may be negative or beyond the volume when
 * padding, and the number of voxels along each axis. Immutable.
 */
public record IndexBox(long i0, long j0, long k0, Extent extent) {

  public IndexBox {
    if (extent == null) throw new TransformException("MEDAI-XFORM-040", "index box needs an extent");
  }

  public static IndexBox of(long i0, long j0, long k0, long ni, long nj, long nk) {
    return new IndexBox(i0, j0, k0, Extent.of(ni, nj, nk));
  }

  /** The whole grid of {@code g}. */
  public static IndexBox all(Geometry g) {
    return new IndexBox(0, 0, 0, g.extent());
  }

  public long start(int axis) {
    return switch (axis) {
      case 0 -> i0;
      case 1 -> j0;
      case 2 -> k0;
      default -> throw new IndexOutOfBoundsException("axis " + axis);
    };
  }

  /** Exclusive end index along {@code axis}. */
  public long end(int axis) {
    return start(axis) + extent.get(axis);
  }

  /** True when the box lies inside {@code e}. */
  public boolean isInside(Extent e) {
    for (int a = 0; a < 3; a++) if (start(a) < 0 || end(a) > e.get(a)) return false;
    return true;
  }

  /** The grid of this box in {@code g}'s frame: same spacing and direction, origin at voxel (i0, j0, k0). */
  public Geometry gridIn(Geometry g) {
    return new Geometry(extent, g.spacingMm(), g.indexToPhysical(i0, j0, k0), g.direction());
  }
}
