package org.medai.imaging.io.dicom;

/**
 * DICOM value representations (PS3.5 section 6.2). Immutable, thread-safe.
 *
 * <p>{@link #longHeader()} says whether explicit-VR encoding uses the 12-byte element header (two
 * reserved bytes and a 32-bit length); {@link #swapUnit()} is the byte size of one binary value
 * (what big-endian input must be byte-swapped by), 0 for text and byte values.
 */
public enum VR {
  AE(false, true, 0), AS(false, true, 0), AT(false, false, 2), CS(false, true, 0), DA(false, true, 0),
  DS(false, true, 0), DT(false, true, 0), FL(false, false, 4), FD(false, false, 8), IS(false, true, 0),
  LO(false, true, 0), LT(false, true, 0), OB(true, false, 0), OD(true, false, 8), OF(true, false, 4),
  OL(true, false, 4), OV(true, false, 8), OW(true, false, 2), PN(false, true, 0), SH(false, true, 0),
  SL(false, false, 4), SQ(true, false, 0), SS(false, false, 2), ST(false, true, 0), SV(true, false, 8),
  TM(false, true, 0), UC(true, true, 0), UI(false, true, 0), UL(false, false, 4), UN(true, false, 0),
  UR(true, true, 0), US(false, false, 2), UT(true, true, 0), UV(true, false, 8);

  private static final VR[] BY_CODE = new VR[1 << 16];

  static {
    for (VR vr : values()) {
      BY_CODE[vr.code()] = vr;
    }
  }

  private final boolean longHeader;
  private final boolean text;
  private final int swapUnit;

  VR(boolean longHeader, boolean text, int swapUnit) {
    this.longHeader = longHeader;
    this.text = text;
    this.swapUnit = swapUnit;
  }

  /** True when explicit-VR encoding has 2 reserved bytes and a 32-bit length. */
  public boolean longHeader() {
    return longHeader;
  }

  /** True for character-string VRs (values are text in the dataset's character set). */
  public boolean isText() {
    return text;
  }

  /** Size in bytes of one binary value (the unit big-endian data is swapped by), 0 for text/bytes. */
  public int swapUnit() {
    return swapUnit;
  }

  /** True for VRs that carry bulk binary data (OB, OD, OF, OL, OV, OW, UN). */
  public boolean isBulk() {
    return this == OB || this == OD || this == OF || this == OL || this == OV || this == OW || this == UN;
  }

  /** True when the text VR may hold several values separated by backslash. */
  public boolean isMultiValuedText() {
    return text && this != LT && this != ST && this != UT && this != UR;
  }

  /** Padding byte for odd-length values: NUL for UI and binary VRs, space for text. */
  public byte paddingByte() {
    return text && this != UI ? (byte) ' ' : 0;
  }

  /** The two ASCII bytes as a big-endian 16-bit code, e.g. {@code 'O' << 8 | 'B'}. */
  public int code() {
    String n = name();
    return n.charAt(0) << 8 | n.charAt(1);
  }

  /** The VR with this 16-bit code, or null when the bytes name no VR. */
  public static VR ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
