package org.medai.core.backend;

import org.medai.core.memory.OwnedMemory;

/**
 * Memory that a device {@link Backend} allocated (for CUDA, a {@code cuMemAlloc} block). Lets other
 * modules find the backend that owns a device tensor ({@link Backends#owning}) and run their own
 * kernels on it ({@link Backend#kernels()}) without reaching into backend internals. Same
 * thread-safety and ownership rules as {@link OwnedMemory}: its scope closes it.
 */
public interface DeviceMemory extends OwnedMemory {

  /** The backend that allocated this memory; usable while both are open. */
  Backend backend();
}
