package org.medai.nlp.deid;

import org.medai.core.MedaiException;

/** De-identification could not run on the given input (unsupported content type, bad key, bad encoding). */
public class DeidException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public DeidException(String code, String message) {
    super(code, message);
  }
}
