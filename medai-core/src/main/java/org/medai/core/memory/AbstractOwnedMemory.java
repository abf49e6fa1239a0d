package org.medai.core.memory;

/**
 * Base for memory owned by a {@link MemoryScope}: keeps the scope's byte counts and leak
 * bookkeeping right. Backends extend it for device memory and implement {@link #release()}.
 */
public abstract class AbstractOwnedMemory implements OwnedMemory {
  final MemoryScope.Allocation allocation;
  private volatile MemoryScope scope;
  private volatile boolean open = true;

  /** Registers the block with {@code scope}; call after the memory has been obtained. */
  protected AbstractOwnedMemory(MemoryScope scope, String device, long bytes) {
    this.allocation = new MemoryScope.Allocation(device, bytes, scope.allocationSite());
    scope.track(this);
  }

  /** Frees the underlying memory. Called once, from {@link #close()}. */
  protected abstract void release();

  @Override
  public final long byteSize() {
    return allocation.bytes;
  }

  @Override
  public final String device() {
    return allocation.device;
  }

  @Override
  public final boolean isOpen() {
    return open;
  }

  @Override
  public final MemoryScope scope() {
    return scope;
  }

  void setScope(MemoryScope s) {
    this.scope = s;
  }

  @Override
  public final void close() {
    synchronized (allocation) {
      if (!open) return;
      open = false;
      allocation.released = true;
    }
    try {
      release();
    } finally {
      scope.untrack(this);
    }
  }

  protected final void ensureOpen() {
    if (!open) {
      throw new org.medai.core.MemoryException("MEDAI-MEM-002",
          "%d-byte %s buffer used after close; keep its scope open while it is in use"
              .formatted(allocation.bytes, allocation.device));
    }
  }
}
