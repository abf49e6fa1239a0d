package org.medai.core.internal.cpu;

import static org.medai.core.internal.UnsafeAccess.U;

import org.medai.core.tensor.DType;

/**
 * Element-wise loops over contiguous host memory: the CPU implementations of the backend kernels,
 * and the reference that device kernels are compared with. Callers check bounds; ranges are in
 * elements. The float32 math matches the CUDA sources: one fused multiply-add per element.
 */
public final class CpuKernels {
  private CpuKernels() {}

  public static void fillFloat(long dst, long from, long to, float v) {
    for (long e = from; e < to; e++) U.putFloat(dst + 4 * e, v);
  }

  public static void fill(DType dtype, long dst, long from, long to, double value) {
    switch (dtype) {
      case FLOAT32 -> fillFloat(dst, from, to, (float) value);
      case FLOAT64 -> { for (long e = from; e < to; e++) U.putDouble(dst + 8 * e, value); }
      case INT32 -> { int v = (int) value; for (long e = from; e < to; e++) U.putInt(dst + 4 * e, v); }
      case INT16, UINT16 -> { short v = (short) (long) value; for (long e = from; e < to; e++) U.putShort(dst + 2 * e, v); }
      case INT8, UINT8 -> U.setMemory(dst + from, to - from, (byte) (long) value);
    }
  }

  /** y[e] = fma(alpha, x[e], y[e]). */
  public static void axpy(float alpha, long x, long y, long from, long to) {
    for (long e = from; e < to; e++) {
      long o = 4 * e;
      U.putFloat(y + o, Math.fma(alpha, U.getFloat(x + o), U.getFloat(y + o)));
    }
  }

  /** dst[e] = fma(float(src[e]), slope, intercept), dst float32. */
  public static void convert(DType srcType, long src, long dst, long from, long to, float slope, float intercept) {
    switch (srcType) {
      case INT16 -> {
        for (long e = from; e < to; e++) {
          U.putFloat(dst + 4 * e, Math.fma((float) U.getShort(src + 2 * e), slope, intercept));
        }
      }
      case UINT16 -> {
        for (long e = from; e < to; e++) {
          U.putFloat(dst + 4 * e, Math.fma((float) (U.getShort(src + 2 * e) & 0xFFFF), slope, intercept));
        }
      }
      case UINT8 -> {
        for (long e = from; e < to; e++) {
          U.putFloat(dst + 4 * e, Math.fma((float) (U.getByte(src + e) & 0xFF), slope, intercept));
        }
      }
      case INT8 -> {
        for (long e = from; e < to; e++) {
          U.putFloat(dst + 4 * e, Math.fma((float) U.getByte(src + e), slope, intercept));
        }
      }
      case INT32 -> {
        for (long e = from; e < to; e++) {
          U.putFloat(dst + 4 * e, Math.fma((float) U.getInt(src + 4 * e), slope, intercept));
        }
      }
      case FLOAT32 -> {
        for (long e = from; e < to; e++) {
          U.putFloat(dst + 4 * e, Math.fma(U.getFloat(src + 4 * e), slope, intercept));
        }
      }
      case FLOAT64 -> {
        for (long e = from; e < to; e++) {
          U.putFloat(dst + 4 * e, Math.fma((float) U.getDouble(src + 8 * e), slope, intercept));
        }
      }
    }
  }
}
