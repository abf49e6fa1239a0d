package org.medai.imaging.internal.nifti;

/** NIfTI qform quaternion ↔ rotation matrix, following nibabel ({@code fillpositive}, {@code quat2mat}, {@code mat2quat}). */
public final class Quaternions {
  /** nibabel's threshold for 1 − (b² + c² + d²) below zero in float32 headers. */
  private static final double W2_THRESHOLD = 3 * Math.ulp(1.0f);

  private Quaternions() {}

  /** Row-major 3×3 rotation from the b, c, d quaternion parameters; a is filled in as non-negative. */
  public static double[] toRotation(double b, double c, double d) {
    double w2 = 1 - (b * b + c * c + d * d);
    double a;
    if (w2 < 0) {
      if (w2 < -W2_THRESHOLD) {
        throw new IllegalArgumentException("quaternion b,c,d has norm above 1 (1-|bcd|^2 = " + w2 + ")");
      }
      a = 0;
    } else {
      a = Math.sqrt(w2);
    }
    double n = a * a + b * b + c * c + d * d;
    if (n < 1e-300) return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    double s = 2 / n;
    double as = a * s, bs = b * s, cs = c * s, ds = d * s;
    double ab = a * bs, ac = a * cs, ad = a * ds;
    double bb = b * bs, bc = b * cs, bd = b * ds;
    double cc = c * cs, cd = c * ds, dd = d * ds;
    return new double[] {
        1 - (cc + dd), bc - ad, bd + ac,
        bc + ad, 1 - (bb + dd), cd - ab,
        bd - ac, cd + ab, 1 - (bb + cc)};
  }

  /**
   * Quaternion (b, c, d) and qfac of a row-major 3×3 matrix whose columns are unit vectors: a
   * reflection (det &lt; 0) becomes qfac −1 with the third column negated; the quaternion is that of
   * the nearest rotation (the matrix is re-orthonormalised first) with a ≥ 0.
   *
   * @return {b, c, d, qfac}
   */
  public static double[] fromMatrix(double[] m) {
    double[] r = orthonormalise(m);
    double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6]) + r[2] * (r[3] * r[7] - r[4] * r[6]);
    double qfac = 1;
    if (det < 0) {
      qfac = -1;
      r[2] = -r[2];
      r[5] = -r[5];
      r[8] = -r[8];
    }
    double r11 = r[0], r12 = r[1], r13 = r[2], r21 = r[3], r22 = r[4], r23 = r[5], r31 = r[6], r32 = r[7], r33 = r[8];
    double a, b, c, d;
    double t = r11 + r22 + r33 + 1;
    if (t > 0.5) {
      a = 0.5 * Math.sqrt(t);
      b = 0.25 * (r32 - r23) / a;
      c = 0.25 * (r13 - r31) / a;
      d = 0.25 * (r21 - r12) / a;
    } else {
      double xd = 1 + r11 - (r22 + r33);
      double yd = 1 + r22 - (r11 + r33);
      double zd = 1 + r33 - (r11 + r22);
      if (xd > 1) {
        b = 0.5 * Math.sqrt(xd);
        c = 0.25 * (r12 + r21) / b;
        d = 0.25 * (r13 + r31) / b;
        a = 0.25 * (r32 - r23) / b;
      } else if (yd > 1) {
        c = 0.5 * Math.sqrt(yd);
        b = 0.25 * (r12 + r21) / c;
        d = 0.25 * (r23 + r32) / c;
        a = 0.25 * (r13 - r31) / c;
      } else {
        d = 0.5 * Math.sqrt(zd);
        b = 0.25 * (r13 + r31) / d;
        c = 0.25 * (r23 + r32) / d;
        a = 0.25 * (r21 - r12) / d;
      }
    }
    double n = Math.sqrt(a * a + b * b + c * c + d * d);
    if (a < 0) n = -n;
    return new double[] {b / n, c / n, d / n, qfac};
  }

  /** Gram-Schmidt on the columns, in order i, j, k (keeps the handedness of the input). */
  private static double[] orthonormalise(double[] m) {
    double[] c0 = {m[0], m[3], m[6]};
    double[] c1 = {m[1], m[4], m[7]};
    double[] c2 = {m[2], m[5], m[8]};
    normalise(c0);
    sub(c1, c0, dot(c1, c0));
    normalise(c1);
    sub(c2, c0, dot(c2, c0));
    sub(c2, c1, dot(c2, c1));
    normalise(c2);
    return new double[] {c0[0], c1[0], c2[0], c0[1], c1[1], c2[1], c0[2], c1[2], c2[2]};
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private static void sub(double[] a, double[] b, double s) {
    for (int i = 0; i < 3; i++) a[i] -= s * b[i];
  }

  private static void normalise(double[] a) {
    double n = Math.sqrt(dot(a, a));
    if (n == 0) throw new IllegalArgumentException("zero column in a direction matrix");
    for (int i = 0; i < 3; i++) a[i] /= n;
  }
}
