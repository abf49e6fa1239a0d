package org.medai.core.model;

import org.medai.core.InvalidArgumentException;

/**
 * How to run a model.
 *
 * @param intraOpThreads threads a single model call may use
 * @param device {@code cpu}, or {@code cuda} where the runtime supports it
 */
public record ModelOptions(int intraOpThreads, String device) {
  public ModelOptions {
    if (intraOpThreads < 1) {
      throw new InvalidArgumentException("MEDAI-MODEL-003", "intraOpThreads must be ≥ 1, got " + intraOpThreads);
    }
  }

  public static ModelOptions defaults() {
    return new ModelOptions(Runtime.getRuntime().availableProcessors(), "cpu");
  }

  public ModelOptions withThreads(int n) {
    return new ModelOptions(n, device);
  }
}
