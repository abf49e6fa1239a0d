package org.medai.core.backend;

import java.nio.file.Path;
import org.medai.core.InvalidArgumentException;

/**
 * Settings for creating a backend. Immutable, thread-safe.
 *
 * @param cpuThreads threads for CPU work (the CPU backend's pool, host-side loops of other backends)
 * @param deviceIndex which GPU to use, for device backends
 * @param kernelCacheDir where device backends may keep compiled kernels between runs (keyed by source
 *     hash and GPU architecture), or {@code null} to compile once per backend and keep them in memory
 */
public record BackendOptions(int cpuThreads, int deviceIndex, Path kernelCacheDir) {
  public BackendOptions {
    if (cpuThreads < 1) throw new InvalidArgumentException("MEDAI-ARG-011", "cpuThreads must be ≥ 1, got " + cpuThreads);
    if (deviceIndex < 0) throw new InvalidArgumentException("MEDAI-ARG-012", "deviceIndex must be ≥ 0, got " + deviceIndex);
  }

  /** Options without an on-disk kernel cache. */
  public BackendOptions(int cpuThreads, int deviceIndex) {
    this(cpuThreads, deviceIndex, null);
  }

  /** All available processors, device 0, no on-disk kernel cache. */
  public static BackendOptions defaults() {
    return new BackendOptions(Runtime.getRuntime().availableProcessors(), 0, null);
  }

  public BackendOptions withCpuThreads(int n) {
    return new BackendOptions(n, deviceIndex, kernelCacheDir);
  }

  public BackendOptions withDeviceIndex(int i) {
    return new BackendOptions(cpuThreads, i, kernelCacheDir);
  }

  /** Keeps compiled device kernels in {@code dir} (created when missing); {@code null} turns it off. */
  public BackendOptions withKernelCacheDir(Path dir) {
    return new BackendOptions(cpuThreads, deviceIndex, dir);
  }
}
