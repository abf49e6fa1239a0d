package org.medai.imaging.io.nifti;

import org.medai.core.MedaiException;

/**
 * NIfTI bytes are malformed or use a feature medai does not read (complex or 128-bit data). The
 * message names the header field or byte offset, what was found and what was expected; NIfTI
 * headers carry no patient data, but free-text fields ({@code descrip}) are still never quoted.
 */
public class NiftiFormatException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public NiftiFormatException(String code, String message) {
    super(code, message);
  }

  public NiftiFormatException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
