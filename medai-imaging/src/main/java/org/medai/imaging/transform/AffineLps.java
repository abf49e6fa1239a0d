package org.medai.imaging.transform;

import org.medai.core.GeometryException;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;

/**
 * An affine map of patient LPS space (millimetres): {@code p' = matrix · p + translationMm}.
 * Used by {@link Resample#throughAffine} in ITK's convention: the transform maps a point of the
 * <em>output</em> grid to the point of the <em>input</em> volume it samples (the "fixed to moving"
 * direction registration produces). Immutable, thread-safe.
 */
public record AffineLps(Mat3 matrix, Vec3 translationMm) {

  public static final AffineLps IDENTITY = new AffineLps(Mat3.IDENTITY, Vec3.ZERO);

  public AffineLps {
    if (matrix == null || translationMm == null) {
      throw new GeometryException("MEDAI-XFORM-001", "affine needs a matrix and a translation; one is null");
    }
    if (Math.abs(matrix.determinant()) < 1e-12) {
      throw new GeometryException("MEDAI-XFORM-002",
          "affine matrix is singular (det=%.3g); a resampling transform must be invertible".formatted(matrix.determinant()));
    }
  }

  public static AffineLps translation(Vec3 mm) {
    return new AffineLps(Mat3.IDENTITY, mm);
  }

  /** Rotation (or any matrix) about a centre point: {@code p' = m · (p - c) + c}. */
  public static AffineLps about(Mat3 m, Vec3 centreLps) {
    return new AffineLps(m, centreLps.minus(m.times(centreLps)));
  }

  public Vec3 apply(Vec3 p) {
    return matrix.times(p).plus(translationMm);
  }

  public AffineLps inverse() {
    Mat3 inv = matrix.inverse();
    return new AffineLps(inv, inv.times(translationMm).times(-1));
  }

  /** {@code this ∘ first}: applies {@code first}, then this. */
  public AffineLps compose(AffineLps first) {
    return new AffineLps(matrix.times(first.matrix), matrix.times(first.translationMm).plus(translationMm));
  }
}
