package org.medai.imaging.io.nifti;

import org.medai.core.tensor.DType;

/**
 * NIfTI {@code datatype} codes and how medai holds each in memory. Types without a medai
 * {@link DType} (uint32, int64, uint64) are read as {@link DType#FLOAT64}, exact up to 2^53;
 * colour types become 3 or 4 {@link DType#UINT8} channels. Complex and 128-bit float data are
 * refused on read.
 */
public enum NiftiDataType {
  UINT8(2, 8, DType.UINT8, 1),
  INT16(4, 16, DType.INT16, 1),
  INT32(8, 32, DType.INT32, 1),
  FLOAT32(16, 32, DType.FLOAT32, 1),
  COMPLEX64(32, 64, null, 2),
  FLOAT64(64, 64, DType.FLOAT64, 1),
  RGB24(128, 24, DType.UINT8, 3),
  INT8(256, 8, DType.INT8, 1),
  UINT16(512, 16, DType.UINT16, 1),
  UINT32(768, 32, DType.FLOAT64, 1),
  INT64(1024, 64, DType.FLOAT64, 1),
  UINT64(1280, 64, DType.FLOAT64, 1),
  FLOAT128(1536, 128, null, 1),
  COMPLEX128(1792, 128, null, 2),
  COMPLEX256(2048, 256, null, 2),
  RGBA32(2304, 32, DType.UINT8, 4);

  private final int code;
  private final int bitpix;
  private final DType memoryType;
  private final int components;

  NiftiDataType(int code, int bitpix, DType memoryType, int components) {
    this.code = code;
    this.bitpix = bitpix;
    this.memoryType = memoryType;
    this.components = components;
  }

  /** The header's {@code datatype} value. */
  public int code() {
    return code;
  }

  /** The header's {@code bitpix}: bits per voxel. */
  public int bitpix() {
    return bitpix;
  }

  public int bytesPerVoxel() {
    return bitpix / 8;
  }

  /** Bytes of one scalar component (1 for the colour types). */
  public int bytesPerComponent() {
    return bytesPerVoxel() / components;
  }

  /** Values per voxel: 3 for rgb24, 4 for rgba32, 2 for complex, else 1. */
  public int components() {
    return components;
  }

  /** The medai element type a reader produces, or {@code null} when medai cannot hold the type. */
  public DType memoryType() {
    return memoryType;
  }

  public boolean isColour() {
    return this == RGB24 || this == RGBA32;
  }

  /** True for the types whose stored value is exactly the medai value (no conversion on read). */
  public boolean isNative() {
    return components == 1 && memoryType != null && memoryType.byteSize() == bytesPerVoxel();
  }

  /** The type for a header code; {@code null} when the code is not a NIfTI datatype. */
  public static NiftiDataType ofCode(int code) {
    for (NiftiDataType t : values()) {
      if (t.code == code) return t;
    }
    return null;
  }

  /** The on-disk type that holds a medai type without conversion. */
  public static NiftiDataType of(DType dtype) {
    return switch (dtype) {
      case UINT8 -> UINT8;
      case INT8 -> INT8;
      case INT16 -> INT16;
      case UINT16 -> UINT16;
      case INT32 -> INT32;
      case FLOAT32 -> FLOAT32;
      case FLOAT64 -> FLOAT64;
    };
  }
}
