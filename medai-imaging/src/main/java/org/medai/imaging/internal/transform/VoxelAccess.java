package org.medai.imaging.internal.transform;

import org.medai.core.memory.RawMemory;

import org.medai.core.tensor.DType;

/**
 * Raw loads and stores of voxels of any dtype at native addresses, as small static methods the JIT
 * inlines into the resampling loops. Callers check bounds. Integer stores round half away from zero
 * and saturate, as {@link org.medai.core.tensor.Tensor#writeDouble} does.
 */
public final class VoxelAccess {
  public static final int U8 = 0, I8 = 1, I16 = 2, U16 = 3, I32 = 4, F32 = 5, F64 = 6;

  private VoxelAccess() {}

  public static int code(DType t) {
    return switch (t) {
      case UINT8 -> U8;
      case INT8 -> I8;
      case INT16 -> I16;
      case UINT16 -> U16;
      case INT32 -> I32;
      case FLOAT32 -> F32;
      case FLOAT64 -> F64;
    };
  }

  /** The stored value as float32 (a plain cast). */
  public static float load(int code, long a) {
    switch (code) {
      case I16: return RawMemory.getShort(a);
      case F32: return RawMemory.getFloat(a);
      case U8: return RawMemory.getByte(a) & 0xFF;
      case U16: return RawMemory.getShort(a) & 0xFFFF;
      case I8: return RawMemory.getByte(a);
      case I32: return (float) RawMemory.getInt(a);
      default: return (float) RawMemory.getDouble(a);
    }
  }

  /** The stored value exactly, as a double (for labels). */
  public static double loadExact(int code, long a) {
    switch (code) {
      case U8: return RawMemory.getByte(a) & 0xFF;
      case I8: return RawMemory.getByte(a);
      case I16: return RawMemory.getShort(a);
      case U16: return RawMemory.getShort(a) & 0xFFFF;
      case I32: return RawMemory.getInt(a);
      case F32: return RawMemory.getFloat(a);
      default: return RawMemory.getDouble(a);
    }
  }

  /** Stores {@code v} converted to the dtype (integers: round half away from zero, saturate). */
  public static void store(int code, long a, double v) {
    switch (code) {
      case F32 -> RawMemory.putFloat(a, (float) v);
      case F64 -> RawMemory.putDouble(a, v);
      case U8 -> RawMemory.putByte(a, (byte) saturate(v, 0, 255));
      case I8 -> RawMemory.putByte(a, (byte) saturate(v, -128, 127));
      case I16 -> RawMemory.putShort(a, (short) saturate(v, Short.MIN_VALUE, Short.MAX_VALUE));
      case U16 -> RawMemory.putShort(a, (short) saturate(v, 0, 65535));
      default -> RawMemory.putInt(a, (int) saturate(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
  }

  public static long saturate(double v, long min, long max) {
    if (Double.isNaN(v)) return 0;
    double r = v < 0 ? Math.ceil(v - 0.5) : Math.floor(v + 0.5);
    return (long) Math.max(min, Math.min(max, r));
  }

  /** Copies one element of {@code size} bytes. */
  public static void copy(int size, long from, long to) {
    switch (size) {
      case 1 -> RawMemory.putByte(to, RawMemory.getByte(from));
      case 2 -> RawMemory.putShort(to, RawMemory.getShort(from));
      case 4 -> RawMemory.putInt(to, RawMemory.getInt(from));
      default -> RawMemory.putLong(to, RawMemory.getLong(from));
    }
  }
}
