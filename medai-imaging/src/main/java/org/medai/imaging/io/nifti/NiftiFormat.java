package org.medai.imaging.io.nifti;

/** The two NIfTI header layouts: NIfTI-1 (348-byte header, float32 fields) and NIfTI-2 (540 bytes, float64/int64). */
public enum NiftiFormat {
  NIFTI1(348, 352),
  NIFTI2(540, 544);

  private final int headerBytes;
  private final int singleFileVoxOffset;

  NiftiFormat(int headerBytes, int singleFileVoxOffset) {
    this.headerBytes = headerBytes;
    this.singleFileVoxOffset = singleFileVoxOffset;
  }

  /** {@code sizeof_hdr}: 348 or 540. */
  public int headerBytes() {
    return headerBytes;
  }

  /** Offset of the voxels in a single {@code .nii} file without extensions: header + 4 extension bytes. */
  public int singleFileVoxOffset() {
    return singleFileVoxOffset;
  }
}
