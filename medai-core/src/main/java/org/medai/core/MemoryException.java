package org.medai.core;

/** Native memory could not be allocated, or a buffer was used after its scope closed. */
public class MemoryException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public MemoryException(String code, String message) {
    super(code, message);
  }
}
