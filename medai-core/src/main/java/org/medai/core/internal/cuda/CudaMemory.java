package org.medai.core.internal.cuda;

import org.medai.core.backend.DeviceMemory;
import org.medai.core.memory.AbstractOwnedMemory;
import org.medai.core.memory.MemoryScope;

/**
 * A block of GPU memory ({@code cuMemAlloc}) owned by a {@link MemoryScope}, which counts it as
 * device bytes. Closing it (or its scope) frees it; that is safe from any thread. Memory whose
 * backend has already closed was released with the backend's context and is not freed again.
 */
final class CudaMemory extends AbstractOwnedMemory implements DeviceMemory {
  private final CudaBackend backend;
  private final long devicePointer;

  CudaMemory(MemoryScope scope, CudaBackend backend, long devicePointer, long bytes) {
    super(scope, backend.deviceId(), bytes);
    this.backend = backend;
    this.devicePointer = devicePointer;
  }

  /** The device address (a {@code CUdeviceptr}); valid while open. */
  long pointer() {
    ensureOpen();
    return devicePointer;
  }

  @Override
  public CudaBackend backend() {
    return backend;
  }

  @Override
  protected void release() {
    backend.free(devicePointer, byteSize());
  }
}
