package org.medai.imaging.io.dicom;

import org.medai.core.MedaiException;

/**
 * DICOM bytes are malformed or unsupported. The message names the byte offset, the tag (as
 * {@code (gggg,eeee)}) and what was expected; it never contains attribute values.
 */
public class DicomFormatException extends MedaiException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  public DicomFormatException(String code, long offset, String message) {
    super(code, offset >= 0 ? message + " (at byte offset " + offset + ")" : message);
    this.offset = offset;
  }

  public DicomFormatException(String code, long offset, String message, Throwable cause) {
    super(code, offset >= 0 ? message + " (at byte offset " + offset + ")" : message, cause);
    this.offset = offset;
  }

  /** Byte offset in the input where the problem was found, or -1 when unknown. */
  public long offset() {
    return offset;
  }
}
