package org.medai.core.geometry;

import org.medai.core.GeometryException;

/**
 * Three-letter orientation codes (DICOM/ITK convention): the letter for each voxel axis i, j, k names
 * the patient direction that the axis points <em>towards</em> as the index grows. {@code LPS} is
 * i→Left, j→Posterior, k→Superior, the identity direction in patient space; {@code RAS} is NIfTI's.
 */
public final class Orientation {
  private static final char[] POS = {'L', 'P', 'S'};
  private static final char[] NEG = {'R', 'A', 'I'};

  private Orientation() {}

  /**
   * The code of the closest axis-aligned orientation: each column of {@code direction} is named by
   * its dominant LPS component. Oblique directions get the code of the nearest axes.
   */
  public static String codeOf(Mat3 direction) {
    char[] code = new char[3];
    boolean[] used = new boolean[3];
    for (int c = 0; c < 3; c++) {
      Vec3 col = direction.column(c);
      int best = -1;
      double bestAbs = -1;
      for (int a = 0; a < 3; a++) {
        double v = Math.abs(col.get(a));
        if (!used[a] && v > bestAbs) {
          bestAbs = v;
          best = a;
        }
      }
      used[best] = true;
      code[c] = col.get(best) >= 0 ? POS[best] : NEG[best];
    }
    return new String(code);
  }

  /** The axis-aligned direction matrix of a code such as {@code RAS} or {@code LPI}. */
  public static Mat3 directionOf(String code) {
    if (code == null || code.length() != 3) {
      throw new GeometryException("MEDAI-GEOM-010",
          "orientation code must have three letters from L/R, P/A, S/I; got " + code);
    }
    Vec3[] cols = new Vec3[3];
    boolean[] used = new boolean[3];
    for (int c = 0; c < 3; c++) {
      char ch = Character.toUpperCase(code.charAt(c));
      int axis = -1;
      double sign = 0;
      for (int a = 0; a < 3; a++) {
        if (ch == POS[a]) { axis = a; sign = 1; }
        if (ch == NEG[a]) { axis = a; sign = -1; }
      }
      if (axis < 0 || used[axis]) {
        throw new GeometryException("MEDAI-GEOM-011",
            "orientation code %s must name each of L/R, P/A, S/I exactly once".formatted(code));
      }
      used[axis] = true;
      double[] v = new double[3];
      v[axis] = sign;
      cols[c] = Vec3.of(v);
    }
    return Mat3.ofColumns(cols[0], cols[1], cols[2]);
  }

  /** True when every column of {@code direction} is a signed unit axis within {@code tol}. */
  public static boolean isAxisAligned(Mat3 direction, double tol) {
    for (int c = 0; c < 3; c++) {
      Vec3 col = direction.column(c);
      int big = 0;
      for (int a = 0; a < 3; a++) {
        double v = Math.abs(col.get(a));
        if (Math.abs(v - 1) <= tol) big++;
        else if (v > tol) return false;
      }
      if (big != 1) return false;
    }
    return true;
  }
}
