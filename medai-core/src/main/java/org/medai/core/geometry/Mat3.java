package org.medai.core.geometry;

import java.util.Arrays;

/**
 * A 3×3 matrix of doubles, row-major. As a direction matrix its columns are the unit vectors of the
 * i, j and k voxel axes in patient LPS space. Immutable.
 */
public final class Mat3 {
  public static final Mat3 IDENTITY = new Mat3(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});

  private final double[] m;

  private Mat3(double[] rowMajor) {
    this.m = rowMajor;
  }

  /** From nine values in row-major order. */
  public static Mat3 ofRows(double... rowMajor) {
    if (rowMajor.length != 9) throw new IllegalArgumentException("Mat3 needs 9 values, got " + rowMajor.length);
    for (double v : rowMajor) {
      if (!Double.isFinite(v)) throw new IllegalArgumentException("Mat3 values must be finite: " + Arrays.toString(rowMajor));
    }
    return new Mat3(rowMajor.clone());
  }

  /** From three column vectors (for a direction matrix: the i, j, k axes in LPS). */
  public static Mat3 ofColumns(Vec3 c0, Vec3 c1, Vec3 c2) {
    return ofRows(c0.x(), c1.x(), c2.x(), c0.y(), c1.y(), c2.y(), c0.z(), c1.z(), c2.z());
  }

  public static Mat3 diagonal(Vec3 d) {
    return ofRows(d.x(), 0, 0, 0, d.y(), 0, 0, 0, d.z());
  }

  public double get(int row, int col) {
    return m[row * 3 + col];
  }

  public Vec3 column(int c) {
    return new Vec3(m[c], m[3 + c], m[6 + c]);
  }

  public Vec3 row(int r) {
    return new Vec3(m[3 * r], m[3 * r + 1], m[3 * r + 2]);
  }

  public Vec3 times(Vec3 v) {
    return new Vec3(
        m[0] * v.x() + m[1] * v.y() + m[2] * v.z(),
        m[3] * v.x() + m[4] * v.y() + m[5] * v.z(),
        m[6] * v.x() + m[7] * v.y() + m[8] * v.z());
  }

  public Mat3 times(Mat3 o) {
    double[] r = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[i * 3 + j] = m[i * 3] * o.m[j] + m[i * 3 + 1] * o.m[3 + j] + m[i * 3 + 2] * o.m[6 + j];
      }
    }
    return new Mat3(r);
  }

  public Mat3 transpose() {
    return new Mat3(new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]});
  }

  public double determinant() {
    return m[0] * (m[4] * m[8] - m[5] * m[7])
        - m[1] * (m[3] * m[8] - m[5] * m[6])
        + m[2] * (m[3] * m[7] - m[4] * m[6]);
  }

  /** General inverse; throws {@link ArithmeticException} when the matrix is singular. */
  public Mat3 inverse() {
    double det = determinant();
    if (Math.abs(det) < 1e-300) throw new ArithmeticException("matrix is singular (det=" + det + ")");
    double inv = 1.0 / det;
    return new Mat3(new double[] {
        (m[4] * m[8] - m[5] * m[7]) * inv, (m[2] * m[7] - m[1] * m[8]) * inv, (m[1] * m[5] - m[2] * m[4]) * inv,
        (m[5] * m[6] - m[3] * m[8]) * inv, (m[0] * m[8] - m[2] * m[6]) * inv, (m[2] * m[3] - m[0] * m[5]) * inv,
        (m[3] * m[7] - m[4] * m[6]) * inv, (m[1] * m[6] - m[0] * m[7]) * inv, (m[0] * m[4] - m[1] * m[3]) * inv});
  }

  /** True when MᵀM equals the identity within {@code tol} in every entry. */
  public boolean isOrthonormal(double tol) {
    Mat3 p = transpose().times(this);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        if (Math.abs(p.get(i, j) - (i == j ? 1 : 0)) > tol) return false;
      }
    }
    return true;
  }

  public double maxAbsDifference(Mat3 o) {
    double d = 0;
    for (int i = 0; i < 9; i++) d = Math.max(d, Math.abs(m[i] - o.m[i]));
    return d;
  }

  public double[] toRowMajorArray() {
    return m.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mat3 other && Arrays.equals(m, other.m);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(m);
  }

  @Override
  public String toString() {
    return "Mat3" + Arrays.toString(m);
  }
}
