package org.medai.imaging.transform;

import org.medai.core.MedaiException;

/**
 * A spatial or intensity transform cannot run on the volume it was given (wrong dtype, empty box,
 * unknown orientation code). Codes are {@code MEDAI-XFORM-NNN}; messages carry shapes, dtypes and
 * geometry numbers only, never patient data.
 */
public class TransformException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public TransformException(String code, String message) {
    super(code, message);
  }
}
