package org.medai.core;

/** A compute backend failed: unavailable device, kernel compilation or launch error, copy error. */
public class BackendException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public BackendException(String code, String message) {
    super(code, message);
  }

  public BackendException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
