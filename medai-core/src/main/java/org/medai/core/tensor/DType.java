package org.medai.core.tensor;

/** Element types of tensors and volumes. Multi-byte types are stored in native (little-endian) order. */
public enum DType {
  UINT8(1, false, false, "|u1"),
  INT8(1, false, true, "|i1"),
  INT16(2, false, true, "<i2"),
  UINT16(2, false, false, "<u2"),
  INT32(4, false, true, "<i4"),
  FLOAT32(4, true, true, "<f4"),
  FLOAT64(8, true, true, "<f8");

  private final int byteSize;
  private final boolean floating;
  private final boolean signed;
  private final String numpyDescr;

  DType(int byteSize, boolean floating, boolean signed, String numpyDescr) {
    this.byteSize = byteSize;
    this.floating = floating;
    this.signed = signed;
    this.numpyDescr = numpyDescr;
  }

  public int byteSize() {
    return byteSize;
  }

  public boolean isFloating() {
    return floating;
  }

  public boolean isInteger() {
    return !floating;
  }

  public boolean isSigned() {
    return signed;
  }

  /** NumPy {@code descr} string for {@code .npy} headers, e.g. {@code <i2}. */
  public String numpyDescr() {
    return numpyDescr;
  }

  /** Smallest representable value (for integer types) or {@code -MAX_VALUE}. */
  public double minValue() {
    return switch (this) {
      case UINT8, UINT16 -> 0;
      case INT8 -> Byte.MIN_VALUE;
      case INT16 -> Short.MIN_VALUE;
      case INT32 -> Integer.MIN_VALUE;
      case FLOAT32 -> -Float.MAX_VALUE;
      case FLOAT64 -> -Double.MAX_VALUE;
    };
  }

  public double maxValue() {
    return switch (this) {
      case UINT8 -> 255;
      case UINT16 -> 65535;
      case INT8 -> Byte.MAX_VALUE;
      case INT16 -> Short.MAX_VALUE;
      case INT32 -> Integer.MAX_VALUE;
      case FLOAT32 -> Float.MAX_VALUE;
      case FLOAT64 -> Double.MAX_VALUE;
    };
  }

  /** Parses a NumPy descr such as {@code <f4}; throws for unsupported ones. */
  public static DType fromNumpyDescr(String descr) {
    for (DType t : values()) {
      if (t.numpyDescr.equals(descr)) return t;
    }
    if ("<u1".equals(descr) || "u1".equals(descr)) return UINT8;
    if ("<i1".equals(descr) || "i1".equals(descr)) return INT8;
    throw new IllegalArgumentException("unsupported NumPy dtype " + descr);
  }
}
