package org.medai.core.geometry;

import org.medai.core.GeometryException;

/**
 * A voxel grid in patient LPS space, millimetres: the extent (i, j, k), the spacing along each voxel
 * axis, the origin (centre of voxel 0,0,0) and a 3×3 direction matrix whose columns are the i, j, k
 * axes in LPS. {@code physical = origin + direction · diag(spacing) · index}. Immutable, thread-safe.
 */
public record Geometry(Extent extent, Vec3 spacingMm, Vec3 originLps, Mat3 direction) {

  /** Direction columns must be orthonormal to this tolerance (DICOM headers carry ~6 digits). */
  public static final double ORTHONORMAL_TOLERANCE = 1e-4;

  public Geometry {
    if (extent == null || spacingMm == null || originLps == null || direction == null) {
      throw new GeometryException("MEDAI-GEOM-002", "geometry needs extent, spacing, origin and direction; one is null");
    }
    if (!(spacingMm.x() > 0 && spacingMm.y() > 0 && spacingMm.z() > 0)
        || !Double.isFinite(spacingMm.x()) || !Double.isFinite(spacingMm.y()) || !Double.isFinite(spacingMm.z())) {
      throw new GeometryException("MEDAI-GEOM-003",
          "spacing must be finite and positive along every axis; got %s mm; check PixelSpacing and slice positions"
              .formatted(spacingMm));
    }
    if (!Double.isFinite(originLps.x()) || !Double.isFinite(originLps.y()) || !Double.isFinite(originLps.z())) {
      throw new GeometryException("MEDAI-GEOM-004", "origin must be finite; got " + originLps);
    }
    if (!direction.isOrthonormal(ORTHONORMAL_TOLERANCE)) {
      throw new GeometryException("MEDAI-GEOM-005",
          "direction cosines are not orthonormal (det=%.6f); check ImageOrientationPatient or the NIfTI affine"
              .formatted(direction.determinant()));
    }
  }

  /** Identity direction, the given isotropic spacing, origin at zero. */
  public static Geometry isotropic(Extent extent, double spacingMm) {
    return new Geometry(extent, Vec3.of(spacingMm, spacingMm, spacingMm), Vec3.ZERO, Mat3.IDENTITY);
  }

  /** Identity direction (LPS), the given spacing and origin. */
  public static Geometry axisAligned(Extent extent, Vec3 spacingMm, Vec3 originLps) {
    return new Geometry(extent, spacingMm, originLps, Mat3.IDENTITY);
  }

  /**
   * From a 4×4 index→LPS affine (row-major, 16 values, last row 0 0 0 1). Spacing is the length of
   * each of the first three columns, direction the normalised columns.
   */
  public static Geometry fromAffine(Extent extent, double[] affineRowMajor) {
    if (affineRowMajor.length != 16) {
      throw new GeometryException("MEDAI-GEOM-006", "affine needs 16 values, got " + affineRowMajor.length);
    }
    Vec3[] cols = new Vec3[3];
    double[] sp = new double[3];
    for (int c = 0; c < 3; c++) {
      Vec3 col = new Vec3(affineRowMajor[c], affineRowMajor[4 + c], affineRowMajor[8 + c]);
      sp[c] = col.norm();
      if (sp[c] == 0) {
        throw new GeometryException("MEDAI-GEOM-007", "affine column %d is zero; the affine is singular".formatted(c));
      }
      cols[c] = col.times(1 / sp[c]);
    }
    Vec3 origin = new Vec3(affineRowMajor[3], affineRowMajor[7], affineRowMajor[11]);
    return new Geometry(extent, Vec3.of(sp), origin, Mat3.ofColumns(cols[0], cols[1], cols[2]));
  }

  /** The 4×4 index→LPS affine, row-major. */
  public double[] toAffine() {
    double[] a = new double[16];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        a[r * 4 + c] = direction.get(r, c) * spacingMm.get(c);
      }
      a[r * 4 + 3] = originLps.get(r);
    }
    a[15] = 1;
    return a;
  }

  /** Physical LPS position (mm) of a continuous voxel index. */
  public Vec3 indexToPhysical(double i, double j, double k) {
    return originLps.plus(direction.times(new Vec3(i * spacingMm.x(), j * spacingMm.y(), k * spacingMm.z())));
  }

  public Vec3 indexToPhysical(Vec3 index) {
    return indexToPhysical(index.x(), index.y(), index.z());
  }

  /** Continuous voxel index of a physical LPS position (mm). Uses Dᵀ as D is orthonormal. */
  public Vec3 physicalToIndex(Vec3 lps) {
    Vec3 d = direction.transpose().times(lps.minus(originLps));
    return new Vec3(d.x() / spacingMm.x(), d.y() / spacingMm.y(), d.z() / spacingMm.z());
  }

  /** Three-letter orientation code of the nearest axis-aligned orientation, e.g. {@code LPS}. */
  public String orientationCode() {
    return Orientation.codeOf(direction);
  }

  /** Unit normal of the i-j plane (the k axis direction). */
  public Vec3 sliceNormal() {
    return direction.column(2);
  }

  /** Physical size of the field of view along each axis, extent × spacing, in mm. */
  public Vec3 physicalSizeMm() {
    return new Vec3(extent.i() * spacingMm.x(), extent.j() * spacingMm.y(), extent.k() * spacingMm.z());
  }

  /**
   * True when both grids have the same extent and their spacing, origin and direction agree within
   * {@code toleranceMm} (direction entries compared after scaling by the field of view).
   */
  public boolean isSameGrid(Geometry other, double toleranceMm) {
    if (!extent.equals(other.extent)) return false;
    if (spacingMm.maxAbsDifference(other.spacingMm) > toleranceMm) return false;
    if (originLps.maxAbsDifference(other.originLps) > toleranceMm) return false;
    double fov = Math.max(physicalSizeMm().norm(), 1);
    return direction.maxAbsDifference(other.direction) * fov <= toleranceMm;
  }

  /** Throws a {@link GeometryException} naming the first difference when the grids differ. */
  public void requireSameGrid(Geometry other, double toleranceMm, String what) {
    if (!isSameGrid(other, toleranceMm)) {
      throw new GeometryException("MEDAI-GEOM-008",
          "%s: grids differ beyond %.3g mm: %s vs %s".formatted(what, toleranceMm, this, other));
    }
  }

  public Geometry withExtent(Extent e) {
    return new Geometry(e, spacingMm, originLps, direction);
  }

  public Geometry withSpacing(Vec3 s) {
    return new Geometry(extent, s, originLps, direction);
  }

  public Geometry withOrigin(Vec3 o) {
    return new Geometry(extent, spacingMm, o, direction);
  }

  public Geometry withDirection(Mat3 d) {
    return new Geometry(extent, spacingMm, originLps, d);
  }

  /** JSON: extent, spacing, origin, direction (row-major) and orientation code. */
  public String toJson() {
    double[] d = direction.toRowMajorArray();
    StringBuilder sb = new StringBuilder();
    sb.append("{\"extent\":[").append(extent.i()).append(',').append(extent.j()).append(',').append(extent.k())
        .append("],\"spacing\":").append(arr(spacingMm.toArray()))
        .append(",\"origin\":").append(arr(originLps.toArray()))
        .append(",\"direction\":").append(arr(d))
        .append(",\"orientation\":\"").append(orientationCode()).append("\"}");
    return sb.toString();
  }

  private static String arr(double[] v) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      if (i > 0) sb.append(',');
      sb.append(v[i]);
    }
    return sb.append(']').toString();
  }
}
