package org.medai.nlp.deid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that makes surrogates consistent for one patient: the same original under the same
 * key always gets the same surrogate, and every date of the patient is shifted by the same number
 * of days. Keep it secret: anyone holding the key and a guessed original can confirm the guess.
 * Immutable, thread-safe; {@link #toString()} never shows the key.
 */
public final class PatientKey {

  /** Dates are shifted back by 30 to 365 days. */
  static final int MIN_SHIFT_DAYS = 30;
  static final int SHIFT_RANGE_DAYS = 336;

  private final byte[] secret;

  private PatientKey(byte[] secret) {
    if (secret.length < 8) {
      throw new DeidException("MEDAI-DEID-001",
          "patient key has " + secret.length + " bytes; use at least 8 (32 random bytes recommended)");
    }
    this.secret = secret.clone();
  }

  /** A key from raw secret bytes (at least 8; 32 random bytes recommended). */
  public static PatientKey of(byte[] secret) {
    return new PatientKey(secret);
  }

  /** A key from a passphrase, e.g. a per-patient secret from the host's key store (UTF-8, at least 8 bytes). */
  public static PatientKey of(String passphrase) {
    return new PatientKey(passphrase.getBytes(StandardCharsets.UTF_8));
  }

  /** HMAC-SHA256 of {@code message} under this key. */
  public byte[] hmac(String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  /** The patient's date shift in days (negative: into the past), the same for every call. */
  public int dateShiftDays() {
    byte[] h = hmac("medai-date-shift");
    int v = ((h[0] & 0xff) << 8) | (h[1] & 0xff);
    return -(MIN_SHIFT_DAYS + v % SHIFT_RANGE_DAYS);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PatientKey k && Arrays.equals(secret, k.secret);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hmac("medai-hash"));
  }

  @Override
  public String toString() {
    return "PatientKey[hidden]";
  }
}
