package org.medai.core;

/** A caller passed a value that the API contract rules out (wrong shape, dtype, negative size). */
public class InvalidArgumentException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String code, String message) {
    super(code, message);
  }

  public InvalidArgumentException(String message) {
    super("MEDAI-ARG-000", message);
  }
}
