package org.medai.core.backend;

import org.medai.core.InvalidArgumentException;

/**
 * Settings for creating a backend.
 *
 * @param cpuThreads threads for CPU work (the CPU backend's pool, host-side loops of other backends)
 * @param deviceIndex which GPU to use, for device backends
 */
public record BackendOptions(int cpuThreads, int deviceIndex) {
  public BackendOptions {
    if (cpuThreads < 1) throw new InvalidArgumentException("MEDAI-ARG-011", "cpuThreads must be ≥ 1, got " + cpuThreads);
    if (deviceIndex < 0) throw new InvalidArgumentException("MEDAI-ARG-012", "deviceIndex must be ≥ 0, got " + deviceIndex);
  }

  /** All available processors, device 0. */
  public static BackendOptions defaults() {
    return new BackendOptions(Runtime.getRuntime().availableProcessors(), 0);
  }

  public BackendOptions withCpuThreads(int n) {
    return new BackendOptions(n, deviceIndex);
  }

  public BackendOptions withDeviceIndex(int i) {
    return new BackendOptions(cpuThreads, i);
  }
}
