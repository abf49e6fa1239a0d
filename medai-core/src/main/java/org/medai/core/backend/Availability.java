package org.medai.core.backend;

/**
 * Result of probing a backend: whether it can run here, and if not, why (for example
 * {@code libcuda.so.1 not found: no NVIDIA driver on this machine}).
 *
 * @param available true when the backend can be created
 * @param reason why not, or empty when available
 * @param device what it would run on (e.g. {@code 2 CPU threads}, {@code NVIDIA H200 (sm_90)})
 */
public record Availability(boolean available, String reason, String device) {
  public static Availability yes(String device) {
    return new Availability(true, "", device);
  }

  public static Availability no(String reason) {
    return new Availability(false, reason, "");
  }
}
