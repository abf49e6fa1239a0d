package org.medai.imaging.transform;

import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Orientation;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;
import org.medai.imaging.internal.transform.StridedCopy;
import org.medai.imaging.internal.transform.cuda.DeviceTransforms;

/**
 * Reorientation to a three-letter code ({@code LPS}, {@code RAS}, {@code PIL}, …, see
 * {@link Orientation}) by axis permutation and flips only: voxel values are copied unchanged, never
 * interpolated, and the geometry is rewritten so every voxel keeps its physical LPS position. An
 * oblique volume gets the permutation/flips that bring it closest to the code (its direction
 * columns are permuted and negated, never rotated). Stateless, thread-safe; the result is allocated
 * in {@code scope}. Cost: one copy of the volume.
 *
 * <p>Round trips ({@code RAS} and back) return identical voxels, extent, spacing and direction; the
 * origin, recomputed in double, agrees within 1e-9 mm.
 */
public final class Reorient {
  private Reorient() {}

  /** The permutation: {@code axisOf[a]} is the source axis that becomes axis a; {@code flip[a]} reverses it. */
  public record AxisMap(int[] axisOf, boolean[] flip) {
    public boolean isIdentity() {
      return axisOf[0] == 0 && axisOf[1] == 1 && axisOf[2] == 2 && !flip[0] && !flip[1] && !flip[2];
    }
  }

  /** How axes of a volume with direction {@code direction} map to the code's axes. */
  public static AxisMap axisMap(Mat3 direction, String code) {
    Mat3 want = Orientation.directionOf(code);
    String have = Orientation.codeOf(direction);
    Mat3 haveDir = Orientation.directionOf(have);
    int[] axisOf = new int[3];
    boolean[] flip = new boolean[3];
    for (int a = 0; a < 3; a++) {
      Vec3 w = want.column(a);
      for (int b = 0; b < 3; b++) {
        double dot = w.dot(haveDir.column(b));
        if (dot != 0) {
          axisOf[a] = b;
          flip[a] = dot < 0;
        }
      }
    }
    return new AxisMap(axisOf, flip);
  }

  /** The geometry after reorienting {@code g} to {@code code}. */
  public static Geometry geometry(Geometry g, String code) {
    return geometry(g, axisMap(g.direction(), code));
  }

  private static Geometry geometry(Geometry g, AxisMap m) {
    long[] n = new long[3];
    double[] s = new double[3];
    Vec3[] cols = new Vec3[3];
    double[] originIdx = new double[3];
    for (int a = 0; a < 3; a++) {
      int b = m.axisOf()[a];
      n[a] = g.extent().get(b);
      s[a] = g.spacingMm().get(b);
      Vec3 col = g.direction().column(b);
      cols[a] = m.flip()[a] ? col.times(-1) : col;
      if (m.flip()[a]) originIdx[b] = g.extent().get(b) - 1;
    }
    Vec3 origin = g.indexToPhysical(originIdx[0], originIdx[1], originIdx[2]);
    return new Geometry(Extent.of(n[0], n[1], n[2]), Vec3.of(s), origin, Mat3.ofColumns(cols[0], cols[1], cols[2]));
  }

  /**
   * Reorients {@code v} (any dtype and channel count) to {@code code}. A volume on a CUDA device is
   * reoriented there by one gather kernel; the result stays on that device.
   */
  public static Volume to(Volume v, String code, WorkPool pool, MemoryScope scope) {
    AxisMap m = axisMap(v.geometry().direction(), code);
    Geometry g = geometry(v.geometry(), m);
    Tensor t = v.data();
    long[] st = t.strides();
    long[] sh = t.shape();
    // tensor axes are (C, k, j, i): voxel axis b lives at tensor axis 3 - b
    long offset = t.offset();
    long[] vs = new long[4];
    long[] vsh = new long[4];
    vs[0] = st[0];
    vsh[0] = sh[0];
    for (int a = 0; a < 3; a++) {
      int b = m.axisOf()[a];
      long stride = st[3 - b];
      if (m.flip()[a]) {
        offset += (sh[3 - b] - 1) * stride;
        stride = -stride;
      }
      vs[3 - a] = stride;
      vsh[3 - a] = sh[3 - b];
    }
    Tensor view = t.view(offset, vsh, vs);
    if (!t.isHost()) return DeviceTransforms.gather(view, g, scope);
    Volume out = Volume.allocate(v.dtype(), g, v.channels(), scope);
    StridedCopy.copy(view, out.data(), pool);
    return out;
  }
}
