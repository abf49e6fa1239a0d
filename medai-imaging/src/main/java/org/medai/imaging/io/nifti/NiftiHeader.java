package org.medai.imaging.io.nifti;

import java.util.Arrays;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.imaging.internal.nifti.Quaternions;

/**
 * The fields of a NIfTI-1 or NIfTI-2 header that decide the voxel layout, the values and the
 * geometry, widened to {@code long}/{@code double} (NIfTI-1 stores them as int16/float32). Affines
 * here are in NIfTI's RAS+ world frame, millimetres, row-major 4×4; {@link #geometry()} converts to
 * medai's LPS. Immutable and thread-safe (arrays are copied in and out).
 *
 * @param format NIfTI-1 or NIfTI-2
 * @param littleEndian byte order of the header and voxels
 * @param dim {@code dim[0..7]}: rank, then the size of each dimension (x, y, z, t, u, v, w)
 * @param datatype the voxel type
 * @param pixdim {@code pixdim[0..7]}: qfac, then voxel sizes (mm for 1..3)
 * @param voxOffset byte offset of the first voxel in the image file
 * @param sclSlope {@code scl_slope}; 0 or non-finite means no scaling
 * @param sclInter {@code scl_inter}
 * @param qformCode {@code qform_code} (0 unknown, 1 scanner, 2 aligned, 3 Talairach, 4 MNI, 5 template)
 * @param sformCode {@code sform_code}
 * @param quatern {@code quatern_b, quatern_c, quatern_d}
 * @param qoffset {@code qoffset_x, qoffset_y, qoffset_z} (RAS mm)
 * @param srow {@code srow_x, srow_y, srow_z}: the first three rows of the sform affine, 12 values
 * @param xyztUnits {@code xyzt_units}
 * @param intentCode {@code intent_code}
 */
public record NiftiHeader(NiftiFormat format, boolean littleEndian, long[] dim, NiftiDataType datatype,
                          double[] pixdim, long voxOffset, double sclSlope, double sclInter,
                          int qformCode, int sformCode, double[] quatern, double[] qoffset, double[] srow,
                          int xyztUnits, int intentCode) {

  public NiftiHeader {
    if (dim.length != 8 || pixdim.length != 8 || quatern.length != 3 || qoffset.length != 3 || srow.length != 12) {
      throw new IllegalArgumentException("dim and pixdim need 8 values, quatern and qoffset 3, srow 12");
    }
    dim = dim.clone();
    pixdim = pixdim.clone();
    quatern = quatern.clone();
    qoffset = qoffset.clone();
    srow = srow.clone();
  }

  @Override
  public long[] dim() {
    return dim.clone();
  }

  @Override
  public double[] pixdim() {
    return pixdim.clone();
  }

  @Override
  public double[] quatern() {
    return quatern.clone();
  }

  @Override
  public double[] qoffset() {
    return qoffset.clone();
  }

  @Override
  public double[] srow() {
    return srow.clone();
  }

  /** Size of dimension {@code d} (1..7); 1 beyond the rank {@code dim[0]}. */
  public long size(int d) {
    return d <= dim[0] ? dim[d] : 1;
  }

  /** The spatial extent: {@code dim[1..3]}, 1 where the rank is lower. */
  public Extent extent() {
    return Extent.of(size(1), size(2), size(3));
  }

  /** Number of 3-D blocks: the product of dimensions 4..7 (time points, vector components ...). */
  public long blocks() {
    long n = 1;
    for (int d = 4; d <= 7; d++) n = Math.multiplyExact(n, size(d));
    return n;
  }

  /** Channels of the volume a reader produces: blocks × colour components. */
  public long channels() {
    return Math.multiplyExact(blocks(), datatype.isColour() ? datatype.components() : 1);
  }

  /** Bytes of voxel data the header describes. */
  public long dataBytes() {
    return Math.multiplyExact(Math.multiplyExact(extent().voxelCount(), blocks()), (long) datatype.bytesPerVoxel());
  }

  /** True when {@code scl_slope}/{@code scl_inter} change the values (nibabel's rule: slope 0 or non-finite means none). */
  public boolean hasScaling() {
    return sclSlope != 0 && Double.isFinite(sclSlope) && (sclSlope != 1 || (Double.isFinite(sclInter) && sclInter != 0));
  }

  /** The qform affine (RAS, row-major 4×4): quaternion rotation, {@code pixdim} zooms, {@code qfac} on the third. */
  public double[] qformAffineRas() {
    // nibabel fixes a qfac other than -1/1 to 1 when it loads a header, and refuses negative zooms.
    double qfac = pixdim[0] == -1 ? -1 : 1;
    for (int d = 1; d <= 3; d++) {
      if (pixdim[d] < 0) {
        throw new NiftiFormatException("MEDAI-NIFTI-020",
            "pixdim[%d] is negative (%s) while qform_code=%d; qform zooms must be positive, fix the header or set sform"
                .formatted(d, pixdim[d], qformCode));
      }
    }
    double[] r = Quaternions.toRotation(quatern[0], quatern[1], quatern[2]);
    double[] zoom = {pixdim[1], pixdim[2], pixdim[3] * qfac};
    double[] a = new double[16];
    for (int row = 0; row < 3; row++) {
      for (int c = 0; c < 3; c++) a[row * 4 + c] = r[row * 3 + c] * zoom[c];
      a[row * 4 + 3] = qoffset[row];
    }
    a[15] = 1;
    return a;
  }

  /** The sform affine (RAS, row-major 4×4) from {@code srow_x/y/z}. */
  public double[] sformAffineRas() {
    double[] a = new double[16];
    System.arraycopy(srow, 0, a, 0, 12);
    a[15] = 1;
    return a;
  }

  /**
   * The Analyze-style fallback nibabel uses when neither form is set: {@code pixdim} zooms with x
   * flipped, centred on the middle of the grid.
   */
  public double[] baseAffineRas() {
    double[] a = new double[16];
    long[] n = {size(1), size(2), size(3)};
    for (int c = 0; c < 3; c++) {
      double z = c + 1 <= dim[0] ? pixdim[c + 1] : 1;
      if (c == 0) z = -z;
      a[c * 4 + c] = z;
      a[c * 4 + 3] = -(n[c] - 1) / 2.0 * z;
    }
    a[15] = 1;
    return a;
  }

  /** nibabel's {@code get_best_affine}: the sform when {@code sform_code > 0}, else the qform when {@code qform_code > 0}, else the base affine. */
  public double[] bestAffineRas() {
    if (sformCode > 0) return sformAffineRas();
    if (qformCode > 0) return qformAffineRas();
    return baseAffineRas();
  }

  /** Which affine {@link #bestAffineRas()} took: {@code sform}, {@code qform} or {@code pixdim}. */
  public String affineSource() {
    return sformCode > 0 ? "sform" : qformCode > 0 ? "qform" : "pixdim";
  }

  /**
   * The medai geometry (LPS) of the best affine: RAS→LPS negates the first two rows. Throws a
   * {@link org.medai.core.GeometryException} when the affine is singular or sheared.
   */
  public Geometry geometry() {
    double[] a = bestAffineRas();
    for (int c = 0; c < 4; c++) {
      a[c] = -a[c];
      a[4 + c] = -a[4 + c];
    }
    return Geometry.fromAffine(extent(), a);
  }

  @Override
  public String toString() {
    return "NiftiHeader[%s %s, dim=%s, %s, pixdim=%s, vox_offset=%d, scl=%s/%s, qform=%d, sform=%d]".formatted(
        format, littleEndian ? "LE" : "BE", Arrays.toString(dim), datatype, Arrays.toString(pixdim), voxOffset,
        sclSlope, sclInter, qformCode, sformCode);
  }
}
