package org.medai.core;

/**
 * Root of every exception medai throws. Unchecked, so that host applications decide where to
 * handle failures.
 *
 * <p>Each exception carries a stable {@link #code()} (for example {@code MEDAI-GEOM-001}) that host
 * applications can match on across releases, and a one-sentence message saying what failed, where,
 * what was expected and how to fix it. Messages never contain patient data: no names, identifiers,
 * dates of birth or free text; use tag numbers, offsets, field names and resource ids instead.
 */
public class MedaiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public MedaiException(String code, String message) {
    super(message);
    this.code = requireCode(code);
  }

  public MedaiException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = requireCode(code);
  }

  /** Stable, machine-matchable code such as {@code MEDAI-GEOM-001}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return getClass().getName() + " [" + code + "]: " + getMessage();
  }

  private static String requireCode(String code) {
    if (code == null || !code.startsWith("MEDAI-")) {
      throw new IllegalArgumentException("exception code must start with MEDAI-: " + code);
    }
    return code;
  }
}
