package org.medai.core.memory;

import static org.medai.core.internal.UnsafeAccess.U;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.medai.core.MemoryException;
import org.medai.core.internal.UnsafeAccess;

/**
 * Host memory off the Java heap, owned by a {@link MemoryScope}: from malloc (through JavaCPP), or,
 * for buffers of 4 MiB and more where the platform offers it, mapped on transparent huge pages so
 * that their first write does not fault 4 KiB at a time ({@link #hostAllocator()} says which).
 * Sizes and offsets are {@code long}, so one buffer may exceed 2 GiB. Multi-byte values are in the
 * platform's native order (little-endian on x86-64 and aarch64).
 *
 * <p>Accessors check bounds and that the buffer is open. Concurrent reads are safe; concurrent
 * writes to disjoint ranges are safe; anything else needs the caller's synchronisation.
 */
public final class NativeBuffer extends AbstractOwnedMemory {
  private final long address;
  private final long size;
  /** For borrowed memory: the object that owns it, kept reachable while this buffer is open. */
  private volatile Object owner;
  private final boolean borrowed;
  /** Mapped by {@link HugePages} rather than malloc'ed. */
  private final boolean mapped;

  private NativeBuffer(MemoryScope scope, long address, long size, Object owner, boolean mapped) {
    super(scope, "cpu", size);
    this.address = address;
    this.size = size;
    this.owner = owner;
    this.borrowed = owner != null;
    this.mapped = mapped;
  }

  /**
   * A buffer over host memory that another library owns (an ND4J array, an OpenCV {@code Mat}).
   * Closing it, or its scope, never frees the memory; while it is open it keeps {@code owner}
   * reachable, so a garbage-collected owner cannot free the memory underneath it. The scope counts
   * its bytes while it is open.
   */
  public static NativeBuffer borrow(MemoryScope scope, long address, long bytes, Object owner) {
    if (address == 0 || bytes < 0) {
      throw new MemoryException("MEDAI-MEM-007", "cannot borrow %d bytes at address 0x%x".formatted(bytes, address));
    }
    if (owner == null) {
      throw new MemoryException("MEDAI-MEM-007", "borrowed memory needs its owner object to keep it alive");
    }
    return new NativeBuffer(scope, address, bytes, owner, false);
  }

  /** True for memory from {@link #borrow}, which this buffer never frees. */
  public boolean isBorrowed() {
    return borrowed;
  }

  /**
   * How this class allocates host memory: malloc, or transparent huge pages for large buffers where
   * the platform offers them (and why not otherwise). {@code medai info} prints it.
   */
  public static String hostAllocator() {
    return HugePages.STATUS;
  }

  static NativeBuffer allocate(MemoryScope scope, long bytes, boolean zeroed) {
    if (bytes < 0) {
      throw new MemoryException("MEDAI-MEM-003", "cannot allocate a negative size: " + bytes + " bytes");
    }
    scope.ensureOpen();
    long n = Math.max(bytes, 1);
    if (n >= HugePages.THRESHOLD && HugePages.AVAILABLE) {
      long a = HugePages.map(n); // zeroed either way
      if (a != 0) {
        try {
          return new NativeBuffer(scope, a, bytes, null, true);
        } catch (RuntimeException e) {
          HugePages.unmap(a, n);
          throw e;
        }
      }
    }
    Pointer p = zeroed ? Pointer.calloc(n, 1) : Pointer.malloc(n);
    if (p == null || p.isNull()) {
      throw new MemoryException("MEDAI-MEM-006",
          "could not allocate %d bytes of host memory; lower the workload or raise the process's memory limit"
              .formatted(bytes));
    }
    try {
      return new NativeBuffer(scope, p.address(), bytes, null, false);
    } catch (RuntimeException e) {
      Pointer.free(p);
      throw e;
    }
  }

  @Override
  protected void release() {
    if (borrowed) {
      owner = null; // the owner frees it
      return;
    }
    if (mapped) {
      HugePages.unmap(address, Math.max(size, 1));
      return;
    }
    Pointer.free(new Pointer() {
      {
        address = NativeBuffer.this.address;
      }
    });
  }

  /** The native address; valid while the buffer is open. For interop with native libraries. */
  public long address() {
    ensureOpen();
    return address;
  }

  /** A JavaCPP pointer over the whole buffer, sharing its memory; not an owner (never deallocates). */
  public BytePointer asPointer() {
    ensureOpen();
    BytePointer p = new BytePointer() {
      {
        address = NativeBuffer.this.address;
      }
    };
    return p.capacity(size).limit(size);
  }

  /** A direct {@link ByteBuffer} view of {@code [offset, offset+length)}, length at most 2 GiB − 1. */
  public ByteBuffer asByteBuffer(long offset, int length) {
    check(offset, length);
    BytePointer p = asPointer();
    p.position(offset).limit(offset + length);
    return p.asByteBuffer().order(ByteOrder.nativeOrder());
  }

  public byte getByte(long byteOffset) {
    check(byteOffset, 1);
    return U.getByte(address + byteOffset);
  }

  public void putByte(long byteOffset, byte v) {
    check(byteOffset, 1);
    U.putByte(address + byteOffset, v);
  }

  public short getShort(long byteOffset) {
    check(byteOffset, 2);
    return U.getShort(address + byteOffset);
  }

  public void putShort(long byteOffset, short v) {
    check(byteOffset, 2);
    U.putShort(address + byteOffset, v);
  }

  public int getInt(long byteOffset) {
    check(byteOffset, 4);
    return U.getInt(address + byteOffset);
  }

  public void putInt(long byteOffset, int v) {
    check(byteOffset, 4);
    U.putInt(address + byteOffset, v);
  }

  public float getFloat(long byteOffset) {
    check(byteOffset, 4);
    return U.getFloat(address + byteOffset);
  }

  public void putFloat(long byteOffset, float v) {
    check(byteOffset, 4);
    U.putFloat(address + byteOffset, v);
  }

  public double getDouble(long byteOffset) {
    check(byteOffset, 8);
    return U.getDouble(address + byteOffset);
  }

  public void putDouble(long byteOffset, double v) {
    check(byteOffset, 8);
    U.putDouble(address + byteOffset, v);
  }

  /** Copies {@code length} bytes of this buffer from {@code srcOffset} into {@code dst} at {@code dstOffset}. */
  public void copyTo(long srcOffset, NativeBuffer dst, long dstOffset, long length) {
    check(srcOffset, length);
    dst.check(dstOffset, length);
    UnsafeAccess.copy(address + srcOffset, dst.address + dstOffset, length);
  }

  /** Copies heap bytes in. */
  public void write(long byteOffset, byte[] src, int srcOffset, int length) {
    check(byteOffset, length);
    if (srcOffset < 0 || srcOffset + length > src.length) throw new IndexOutOfBoundsException("source range");
    U.copyMemory(src, Unsafe_BYTE_BASE + srcOffset, null, address + byteOffset, length);
  }

  /** Copies bytes out to the heap. */
  public void read(long byteOffset, byte[] dst, int dstOffset, int length) {
    check(byteOffset, length);
    if (dstOffset < 0 || dstOffset + length > dst.length) throw new IndexOutOfBoundsException("destination range");
    U.copyMemory(null, address + byteOffset, dst, Unsafe_BYTE_BASE + dstOffset, length);
  }

  public void write(long byteOffset, float[] src) {
    check(byteOffset, 4L * src.length);
    U.copyMemory(src, Unsafe_FLOAT_BASE, null, address + byteOffset, 4L * src.length);
  }

  public void read(long byteOffset, float[] dst) {
    check(byteOffset, 4L * dst.length);
    U.copyMemory(null, address + byteOffset, dst, Unsafe_FLOAT_BASE, 4L * dst.length);
  }

  public void write(long byteOffset, short[] src) {
    check(byteOffset, 2L * src.length);
    U.copyMemory(src, Unsafe_SHORT_BASE, null, address + byteOffset, 2L * src.length);
  }

  public void read(long byteOffset, short[] dst) {
    check(byteOffset, 2L * dst.length);
    U.copyMemory(null, address + byteOffset, dst, Unsafe_SHORT_BASE, 2L * dst.length);
  }

  /** Sets every byte to {@code value}. */
  public void fillBytes(byte value) {
    ensureOpen();
    UnsafeAccess.set(address, size, value);
  }

  private static final long Unsafe_BYTE_BASE = U.arrayBaseOffset(byte[].class);
  private static final long Unsafe_FLOAT_BASE = U.arrayBaseOffset(float[].class);
  private static final long Unsafe_SHORT_BASE = U.arrayBaseOffset(short[].class);

  /** Bounds and liveness check for {@code [offset, offset+length)}. */
  public void check(long offset, long length) {
    ensureOpen();
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException(
          "range [%d, %d) outside a %d-byte buffer".formatted(offset, offset + length, size));
    }
  }
}
