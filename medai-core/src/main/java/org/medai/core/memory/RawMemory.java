package org.medai.core.memory;

import static org.medai.core.internal.UnsafeAccess.U;

import org.medai.core.internal.UnsafeAccess;

/**
 * Unchecked loads, stores and copies at native addresses, for kernels in other modules that check
 * their bounds once per call against a {@link NativeBuffer} (see {@link NativeBuffer#check}) and
 * then run tight loops. Nothing here checks anything: a wrong address crashes the JVM. Use
 * {@link NativeBuffer}'s checked accessors everywhere else. Stateless and thread-safe.
 */
public final class RawMemory {
  private static final long BYTE_BASE = U.arrayBaseOffset(byte[].class);
  private static final long SHORT_BASE = U.arrayBaseOffset(short[].class);
  private static final long FLOAT_BASE = U.arrayBaseOffset(float[].class);

  private RawMemory() {}

  public static byte getByte(long address) {
    return U.getByte(address);
  }

  public static void putByte(long address, byte v) {
    U.putByte(address, v);
  }

  public static short getShort(long address) {
    return U.getShort(address);
  }

  public static void putShort(long address, short v) {
    U.putShort(address, v);
  }

  public static int getInt(long address) {
    return U.getInt(address);
  }

  public static void putInt(long address, int v) {
    U.putInt(address, v);
  }

  public static long getLong(long address) {
    return U.getLong(address);
  }

  public static void putLong(long address, long v) {
    U.putLong(address, v);
  }

  public static float getFloat(long address) {
    return U.getFloat(address);
  }

  public static void putFloat(long address, float v) {
    U.putFloat(address, v);
  }

  public static double getDouble(long address) {
    return U.getDouble(address);
  }

  public static void putDouble(long address, double v) {
    U.putDouble(address, v);
  }

  /** Copies {@code bytes} bytes between native addresses (non-overlapping). */
  public static void copy(long src, long dst, long bytes) {
    UnsafeAccess.copy(src, dst, bytes);
  }

  /** Copies {@code count} floats from {@code src} into {@code dst[off …]}. */
  public static void readFloats(long src, float[] dst, int off, long count) {
    if (off < 0 || off + count > dst.length) throw new IndexOutOfBoundsException("float[] range");
    U.copyMemory(null, src, dst, FLOAT_BASE + 4L * off, 4L * count);
  }

  /** Copies {@code count} floats from {@code src[off …]} to {@code dst}. */
  public static void writeFloats(float[] src, int off, long dst, long count) {
    if (off < 0 || off + count > src.length) throw new IndexOutOfBoundsException("float[] range");
    U.copyMemory(src, FLOAT_BASE + 4L * off, null, dst, 4L * count);
  }

  /** Copies {@code count} shorts from {@code src} into {@code dst[off …]}. */
  public static void readShorts(long src, short[] dst, int off, long count) {
    if (off < 0 || off + count > dst.length) throw new IndexOutOfBoundsException("short[] range");
    U.copyMemory(null, src, dst, SHORT_BASE + 2L * off, 2L * count);
  }

  /** Copies {@code count} bytes from {@code src} into {@code dst[off …]}. */
  public static void readBytes(long src, byte[] dst, int off, long count) {
    if (off < 0 || off + count > dst.length) throw new IndexOutOfBoundsException("byte[] range");
    U.copyMemory(null, src, dst, BYTE_BASE + off, count);
  }
}
