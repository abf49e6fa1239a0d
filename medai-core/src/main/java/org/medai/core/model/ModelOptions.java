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
    if (device == null || !(device.equals("cpu") || device.startsWith("cuda"))) {
      throw new InvalidArgumentException("MEDAI-MODEL-005", "model device must be cpu, cuda or cuda:N; got " + device);
    }
    if (intraOpThreads < 1) {
      throw new InvalidArgumentException("MEDAI-MODEL-003", "intraOpThreads must be ≥ 1, got " + intraOpThreads);
    }
  }

  public static ModelOptions defaults() {
    return new ModelOptions(Runtime.getRuntime().availableProcessors(), "cpu");
  }

  /** {@code cpu}, {@code cuda} or {@code cuda:N}; a device the runtime cannot use fails at load. */
  public ModelOptions withDevice(String d) {
    return new ModelOptions(intraOpThreads, d);
  }

  public ModelOptions withThreads(int n) {
    return new ModelOptions(n, device);
  }
}
