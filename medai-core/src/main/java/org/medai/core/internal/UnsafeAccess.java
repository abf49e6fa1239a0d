package org.medai.core.internal;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Raw off-heap loads and stores for native buffers. JavaCPP's own raw indexers use the same
 * mechanism; going through it directly keeps hot loops free of JNI calls. Callers check bounds.
 */
public final class UnsafeAccess {
  public static final Unsafe U = load();

  private UnsafeAccess() {}

  private static Unsafe load() {
    try {
      Field f = Unsafe.class.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      return (Unsafe) f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Copies {@code bytes} between two native addresses in chunks so safepoints are not starved. */
  public static void copy(long src, long dst, long bytes) {
    final long chunk = 1L << 20;
    while (bytes > 0) {
      long n = Math.min(chunk, bytes);
      U.copyMemory(src, dst, n);
      src += n;
      dst += n;
      bytes -= n;
    }
  }

  /** Sets {@code bytes} bytes at {@code address} to {@code value}, in chunks. */
  public static void set(long address, long bytes, byte value) {
    final long chunk = 1L << 20;
    while (bytes > 0) {
      long n = Math.min(chunk, bytes);
      U.setMemory(address, n, value);
      address += n;
      bytes -= n;
    }
  }
}
