package org.medai.core.memory;

/**
 * A block of memory owned by exactly one {@link MemoryScope}: host memory ({@link NativeBuffer}) or
 * memory on a device (allocated by a backend). Closing it releases it at once; closing its scope
 * releases it if it is still open. Not thread-safe for concurrent close.
 */
public interface OwnedMemory extends AutoCloseable {

  /** Size in bytes. */
  long byteSize();

  /** Where the bytes live: {@code cpu} for host memory, {@code cuda:N} for a GPU. */
  String device();

  /** False once closed, directly or through its scope. */
  boolean isOpen();

  /** The scope that owns this memory now. */
  MemoryScope scope();

  /** Releases the memory; a second close does nothing. */
  @Override
  void close();
}
