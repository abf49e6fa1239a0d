package org.medai.core.backend;

/** What {@link Device#open()} does when the requested backend is unavailable. */
public enum OnFallback {
  /** Throw a {@link org.medai.core.BackendException} carrying the probe's reason. */
  FAIL,
  /** Use the CPU backend and log the reason once at INFO. */
  USE_CPU
}
