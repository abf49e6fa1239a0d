package org.medai.imaging.transform;

import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;
import org.medai.imaging.internal.transform.VoxelAccess;
import org.medai.imaging.internal.transform.cuda.DeviceReductions;

/**
 * Cropping and padding in index or physical space, and cropping to the foreground. Voxel values are
 * copied exactly (the copy is a whole-voxel nearest resample, whose plan maps indices exactly), the
 * geometry keeps spacing and direction and moves the origin. Stateless, thread-safe; results are
 * allocated in {@code scope}. Cost: one pass over the output (plus one over the input for the
 * foreground box).
 *
 * <p>Device volumes (a CUDA backend's tensor) stay on their device: the copy is the device nearest
 * resample of the same plan (bit for bit the CPU's voxels, every dtype and boundary), and
 * {@link #foregroundBox} is a device reduction that returns only the six bounds.
 */
public final class CropPad {
  private CropPad() {}

  /**
   * The voxels of {@code box} (which may reach outside the volume); outside voxels follow
   * {@code boundary} ({@code fill} for {@link Boundary#CONSTANT}, in the volume's dtype).
   */
  public static Volume region(Volume v, IndexBox box, Boundary boundary, double fill, WorkPool pool, MemoryScope scope) {
    ResampleOptions o = ResampleOptions.nearest().withBoundary(boundary).withFill(fill);
    return Resample.onto(v, box.gridIn(v.geometry()), o, pool, scope);
  }

  /** Crops to {@code box}, which must lie inside the volume. */
  public static Volume crop(Volume v, IndexBox box, WorkPool pool, MemoryScope scope) {
    if (!box.isInside(v.extent())) {
      throw new TransformException("MEDAI-XFORM-041",
          "crop box %s reaches outside the volume extent %s; use pad or region for that".formatted(box, v.extent()));
    }
    return region(v, box, Boundary.EDGE, 0, pool, scope);
  }

  /** Pads by {@code before} voxels at the low end and {@code after} at the high end of each axis (i, j, k). */
  public static Volume pad(Volume v, long[] before, long[] after, Boundary boundary, double fill, WorkPool pool,
      MemoryScope scope) {
    Extent e = v.extent();
    for (int a = 0; a < 3; a++) {
      if (before[a] < 0 || after[a] < 0) {
        throw new TransformException("MEDAI-XFORM-042", "padding must be non-negative; got axis %d: %d, %d"
            .formatted(a, before[a], after[a]));
      }
    }
    IndexBox box = IndexBox.of(-before[0], -before[1], -before[2],
        e.i() + before[0] + after[0], e.j() + before[1] + after[1], e.k() + before[2] + after[2]);
    return region(v, box, boundary, fill, pool, scope);
  }

  /** Pads symmetrically (extra voxel at the high end) up to at least {@code min} along each axis. */
  public static Volume padTo(Volume v, Extent min, Boundary boundary, double fill, WorkPool pool, MemoryScope scope) {
    long[] before = new long[3], after = new long[3];
    for (int a = 0; a < 3; a++) {
      long extra = Math.max(0, min.get(a) - v.extent().get(a));
      before[a] = extra / 2;
      after[a] = extra - before[a];
    }
    return pad(v, before, after, boundary, fill, pool, scope);
  }

  /**
   * The voxels whose centres lie in the axis-aligned LPS box spanned by two corners (mm), as an
   * index box clipped to the volume. For oblique volumes the box is the index bounding box of the
   * physical box's eight corners.
   */
  public static IndexBox physicalBox(Geometry g, Vec3 cornerLps, Vec3 oppositeLps) {
    double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int c = 0; c < 8; c++) {
      Vec3 p = new Vec3((c & 1) == 0 ? cornerLps.x() : oppositeLps.x(), (c & 2) == 0 ? cornerLps.y() : oppositeLps.y(),
          (c & 4) == 0 ? cornerLps.z() : oppositeLps.z());
      Vec3 idx = g.physicalToIndex(p);
      for (int a = 0; a < 3; a++) {
        lo[a] = Math.min(lo[a], idx.get(a));
        hi[a] = Math.max(hi[a], idx.get(a));
      }
    }
    long[] s = new long[3], n = new long[3];
    for (int a = 0; a < 3; a++) {
      long first = Math.max(0, (long) Math.ceil(lo[a] - 1e-9));
      long last = Math.min(g.extent().get(a) - 1, (long) Math.floor(hi[a] + 1e-9));
      if (last < first) {
        throw new TransformException("MEDAI-XFORM-043",
            "physical box %s..%s holds no voxel centre of the volume along axis %d; check the box corners (LPS mm)"
                .formatted(cornerLps, oppositeLps, a));
      }
      s[a] = first;
      n[a] = last - first + 1;
    }
    return IndexBox.of(s[0], s[1], s[2], n[0], n[1], n[2]);
  }

  /** Crops to {@link #physicalBox}. */
  public static Volume cropPhysical(Volume v, Vec3 cornerLps, Vec3 oppositeLps, WorkPool pool, MemoryScope scope) {
    return crop(v, physicalBox(v.geometry(), cornerLps, oppositeLps), pool, scope);
  }

  /**
   * The smallest box holding every voxel of channel 0 whose value is {@code > threshold}, grown by
   * {@code marginVoxels} and clipped to the volume; the whole volume when no voxel qualifies.
   */
  public static IndexBox foregroundBox(Volume v, double threshold, long marginVoxels, WorkPool pool) {
    if (!v.data().isHost()) {
      long[] d = DeviceReductions.foregroundBounds(v.data().select(0), threshold);
      return d == null ? IndexBox.all(v.geometry()) : grown(v.extent(), d, marginVoxels);
    }
    Tensor t = v.data();
    long[] st = t.strides();
    int es = t.dtype().byteSize();
    long base = t.hostBuffer().address() + t.offset() * es;
    Extent e = v.extent();
    long nz = e.k(), ny = e.j(), nx = e.i();
    int code = VoxelAccess.code(t.dtype());
    long[] box = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, -1, -1, -1};
    pool.parallelFor(nz, 1, (from, to) -> {
      long[] b = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, -1, -1, -1};
      for (long k = from; k < to; k++) {
        for (long j = 0; j < ny; j++) {
          long row = base + (k * st[1] + j * st[2]) * es;
          for (long i = 0; i < nx; i++) {
            if (VoxelAccess.loadExact(code, row + i * st[3] * es) > threshold) {
              if (i < b[0]) b[0] = i;
              if (i > b[3]) b[3] = i;
              if (j < b[1]) b[1] = j;
              if (j > b[4]) b[4] = j;
              if (k < b[2]) b[2] = k;
              if (k > b[5]) b[5] = k;
            }
          }
        }
      }
      synchronized (box) {
        for (int a = 0; a < 3; a++) {
          box[a] = Math.min(box[a], b[a]);
          box[a + 3] = Math.max(box[a + 3], b[a + 3]);
        }
      }
    });
    if (box[3] < 0) return IndexBox.all(v.geometry());
    return grown(e, box, marginVoxels);
  }

  /** The inclusive bounds {@code {i0, j0, k0, i1, j1, k1}} grown by a margin and clipped to {@code e}. */
  private static IndexBox grown(Extent e, long[] box, long marginVoxels) {
    long[] s = new long[3], n = new long[3];
    for (int a = 0; a < 3; a++) {
      s[a] = Math.max(0, box[a] - marginVoxels);
      n[a] = Math.min(e.get(a) - 1, box[a + 3] + marginVoxels) - s[a] + 1;
    }
    return IndexBox.of(s[0], s[1], s[2], n[0], n[1], n[2]);
  }

  /** Crops to {@link #foregroundBox}. */
  public static Volume cropToForeground(Volume v, double threshold, long marginVoxels, WorkPool pool, MemoryScope scope) {
    return crop(v, foregroundBox(v, threshold, marginVoxels, pool), pool, scope);
  }
}
