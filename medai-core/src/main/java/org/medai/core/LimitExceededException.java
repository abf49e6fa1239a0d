package org.medai.core;

/**
 * Untrusted input asked for more than {@link ReadLimits} allow (an element length, a frame count,
 * a total allocation). The message names the field, the requested size and the limit to raise.
 */
public class LimitExceededException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public LimitExceededException(String code, String message) {
    super(code, message);
  }
}
