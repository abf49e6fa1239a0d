package org.medai.ehr.encode;

import org.medai.core.MedaiException;

/** An encoder specification or statistics file is unusable (codes {@code MEDAI-ENC-NNN}). */
public class EncodeException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public EncodeException(String code, String message) {
    super(code, message);
  }
}
