package org.medai.core.internal.cpu;

import static org.medai.core.internal.UnsafeAccess.U;

import org.medai.core.tensor.DType;

/**
 * Element-wise loops over contiguous host memory: the CPU implementations of the backend kernels,
 * and the reference that device kernels are compared with. Callers check bounds; ranges are in
 * elements. The float32 math matches the CUDA sources: one fused multiply-add per element.
 *
 * <p>Each loop walks blocks of {@link #BLOCK} elements with an {@code int} counter inside a block:
 * HotSpot's C2 unrolls and schedules such counted loops far better than loops over a {@code long}
 * index (measured: int16→float32 rescale 2.6 → 7.4 GB/s on one thread), and the blocks keep
 * 64-bit addressing for buffers over 2 GiB.
 */
public final class CpuKernels {
  static final int BLOCK = 1 << 16;

  private CpuKernels() {}

  public static void fillFloat(long dst, long from, long to, float v) {
    for (long e = from; e < to; e += BLOCK) {
      int n = (int) Math.min(BLOCK, to - e);
      long d = dst + 4 * e;
      for (int i = 0; i < n; i++) U.putFloat(d + 4L * i, v);
    }
  }

  public static void fill(DType dtype, long dst, long from, long to, double value) {
    switch (dtype) {
      case FLOAT32 -> fillFloat(dst, from, to, (float) value);
      case FLOAT64 -> {
        for (long e = from; e < to; e += BLOCK) {
          int n = (int) Math.min(BLOCK, to - e);
          long d = dst + 8 * e;
          for (int i = 0; i < n; i++) U.putDouble(d + 8L * i, value);
        }
      }
      case INT32 -> {
        int v = (int) value;
        for (long e = from; e < to; e += BLOCK) {
          int n = (int) Math.min(BLOCK, to - e);
          long d = dst + 4 * e;
          for (int i = 0; i < n; i++) U.putInt(d + 4L * i, v);
        }
      }
      case INT16, UINT16 -> {
        short v = (short) (long) value;
        for (long e = from; e < to; e += BLOCK) {
          int n = (int) Math.min(BLOCK, to - e);
          long d = dst + 2 * e;
          for (int i = 0; i < n; i++) U.putShort(d + 2L * i, v);
        }
      }
      case INT8, UINT8 -> U.setMemory(dst + from, to - from, (byte) (long) value);
    }
  }

  /** y[e] = fma(alpha, x[e], y[e]). */
  public static void axpy(float alpha, long x, long y, long from, long to) {
    for (long e = from; e < to; e += BLOCK) {
      int n = (int) Math.min(BLOCK, to - e);
      long xs = x + 4 * e;
      long ys = y + 4 * e;
      for (int i = 0; i < n; i++) {
        long o = 4L * i;
        U.putFloat(ys + o, Math.fma(alpha, U.getFloat(xs + o), U.getFloat(ys + o)));
      }
    }
  }

  /** dst[e] = fma(float(src[e]), slope, intercept), dst float32. */
  public static void convert(DType srcType, long src, long dst, long from, long to, float slope, float intercept) {
    int size = srcType.byteSize();
    for (long e = from; e < to; e += BLOCK) {
      int n = (int) Math.min(BLOCK, to - e);
      long s = src + size * e;
      long d = dst + 4 * e;
      switch (srcType) {
        case INT16 -> {
          for (int i = 0; i < n; i++) U.putFloat(d + 4L * i, Math.fma((float) U.getShort(s + 2L * i), slope, intercept));
        }
        case UINT16 -> {
          for (int i = 0; i < n; i++) {
            U.putFloat(d + 4L * i, Math.fma((float) (U.getShort(s + 2L * i) & 0xFFFF), slope, intercept));
          }
        }
        case UINT8 -> {
          for (int i = 0; i < n; i++) U.putFloat(d + 4L * i, Math.fma((float) (U.getByte(s + i) & 0xFF), slope, intercept));
        }
        case INT8 -> {
          for (int i = 0; i < n; i++) U.putFloat(d + 4L * i, Math.fma((float) U.getByte(s + i), slope, intercept));
        }
        case INT32 -> {
          for (int i = 0; i < n; i++) U.putFloat(d + 4L * i, Math.fma((float) U.getInt(s + 4L * i), slope, intercept));
        }
        case FLOAT32 -> {
          for (int i = 0; i < n; i++) U.putFloat(d + 4L * i, Math.fma(U.getFloat(s + 4L * i), slope, intercept));
        }
        case FLOAT64 -> {
          for (int i = 0; i < n; i++) U.putFloat(d + 4L * i, Math.fma((float) U.getDouble(s + 8L * i), slope, intercept));
        }
      }
    }
  }
}
