package org.medai.core.tensor;

import static org.medai.core.internal.UnsafeAccess.U;

import java.util.Arrays;
import org.medai.core.InvalidArgumentException;
import org.medai.core.memory.MemoryScope;
import org.medai.core.memory.NativeBuffer;
import org.medai.core.memory.OwnedMemory;

/**
 * An N-d array view over owned memory: dtype, shape, strides (in elements) and an element offset.
 * The view itself is immutable and thread-safe; the elements are mutable and follow
 * {@link NativeBuffer}'s rules. Memory belongs to a {@link MemoryScope}; the tensor does not own it.
 *
 * <p>Host tensors ({@link #isHost()}) allow element access here. Device tensors are worked on
 * through their {@link org.medai.core.backend.Backend}.
 */
public final class Tensor {
  private final DType dtype;
  private final long[] shape;
  private final long[] strides;
  private final long offset;
  private final OwnedMemory memory;

  private Tensor(DType dtype, long[] shape, long[] strides, long offset, OwnedMemory memory) {
    this.dtype = dtype;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.memory = memory;
  }

  /** Uninitialised, contiguous (C order: last axis fastest) host tensor owned by {@code scope}. */
  public static Tensor allocate(DType dtype, MemoryScope scope, long... shape) {
    long bytes = Math.multiplyExact(elementCount(shape), (long) dtype.byteSize());
    return new Tensor(dtype, shape.clone(), contiguousStrides(shape), 0, scope.allocate(bytes));
  }

  /** Zero-filled, contiguous host tensor owned by {@code scope}. */
  public static Tensor zeros(DType dtype, MemoryScope scope, long... shape) {
    long bytes = Math.multiplyExact(elementCount(shape), (long) dtype.byteSize());
    return new Tensor(dtype, shape.clone(), contiguousStrides(shape), 0, scope.allocateZeroed(bytes));
  }

  /** A contiguous tensor over existing memory (host or device), which must be large enough. */
  public static Tensor wrap(OwnedMemory memory, DType dtype, long... shape) {
    long bytes = Math.multiplyExact(elementCount(shape), (long) dtype.byteSize());
    if (bytes > memory.byteSize()) {
      throw new InvalidArgumentException("MEDAI-TENSOR-001",
          "shape %s of %s needs %d bytes but the memory holds %d".formatted(
              Arrays.toString(shape), dtype, bytes, memory.byteSize()));
    }
    return new Tensor(dtype, shape.clone(), contiguousStrides(shape), 0, memory);
  }

  /** A float32 host tensor holding {@code values}, shaped as given. */
  public static Tensor ofFloats(MemoryScope scope, float[] values, long... shape) {
    checkCount(values.length, shape);
    Tensor t = allocate(DType.FLOAT32, scope, shape);
    t.hostBuffer().write(0, values);
    return t;
  }

  /** An int16 host tensor holding {@code values}, shaped as given. */
  public static Tensor ofShorts(MemoryScope scope, short[] values, long... shape) {
    checkCount(values.length, shape);
    Tensor t = allocate(DType.INT16, scope, shape);
    t.hostBuffer().write(0, values);
    return t;
  }

  public DType dtype() {
    return dtype;
  }

  public int rank() {
    return shape.length;
  }

  public long[] shape() {
    return shape.clone();
  }

  public long shape(int axis) {
    return shape[axis];
  }

  /** Strides in elements, one per axis. */
  public long[] strides() {
    return strides.clone();
  }

  /** Offset of element (0, …, 0) from the start of the memory, in elements. */
  public long offset() {
    return offset;
  }

  public long elementCount() {
    return elementCount(shape);
  }

  public long byteSize() {
    return elementCount() * dtype.byteSize();
  }

  public OwnedMemory memory() {
    return memory;
  }

  /** {@code cpu} or the device the memory lives on. */
  public String device() {
    return memory.device();
  }

  public boolean isHost() {
    return memory instanceof NativeBuffer;
  }

  /** True when the elements are dense in C order starting at {@link #offset()}. */
  public boolean isContiguous() {
    return Arrays.equals(strides, contiguousStrides(shape));
  }

  /** The host buffer behind this tensor; throws when it lives on a device. */
  public NativeBuffer hostBuffer() {
    if (memory instanceof NativeBuffer b) return b;
    throw new InvalidArgumentException("MEDAI-TENSOR-002",
        "tensor lives on %s; copy it to the host with its backend first".formatted(memory.device()));
  }

  /** Element offset (in elements, from the memory start) of a multi-index. */
  public long elementIndex(long... index) {
    if (index.length != shape.length) {
      throw new IndexOutOfBoundsException("index has %d axes, tensor has %d".formatted(index.length, shape.length));
    }
    long e = offset;
    for (int a = 0; a < shape.length; a++) {
      if (index[a] < 0 || index[a] >= shape[a]) {
        throw new IndexOutOfBoundsException("index %s outside shape %s".formatted(Arrays.toString(index), Arrays.toString(shape)));
      }
      e += index[a] * strides[a];
    }
    return e;
  }

  /** Reads one element as a double, whatever the dtype (unsigned types read as non-negative). */
  public double getDouble(long... index) {
    return readDouble(elementIndex(index));
  }

  /** Writes one element from a double, converting to the dtype (integers round half away from zero, saturating). */
  public void setDouble(double value, long... index) {
    writeDouble(elementIndex(index), value);
  }

  /** Reads the element at a memory element offset (see {@link #elementIndex}). */
  public double readDouble(long elementOffset) {
    NativeBuffer b = hostBuffer();
    long byteOff = elementOffset * dtype.byteSize();
    b.check(byteOff, dtype.byteSize());
    long a = b.address() + byteOff;
    return switch (dtype) {
      case UINT8 -> U.getByte(a) & 0xFF;
      case INT8 -> U.getByte(a);
      case INT16 -> U.getShort(a);
      case UINT16 -> U.getShort(a) & 0xFFFF;
      case INT32 -> U.getInt(a);
      case FLOAT32 -> U.getFloat(a);
      case FLOAT64 -> U.getDouble(a);
    };
  }

  /** Writes the element at a memory element offset, converting as {@link #setDouble} does. */
  public void writeDouble(long elementOffset, double v) {
    NativeBuffer b = hostBuffer();
    long byteOff = elementOffset * dtype.byteSize();
    b.check(byteOff, dtype.byteSize());
    long a = b.address() + byteOff;
    switch (dtype) {
      case UINT8, INT8 -> U.putByte(a, (byte) saturate(v));
      case INT16, UINT16 -> U.putShort(a, (short) saturate(v));
      case INT32 -> U.putInt(a, (int) saturate(v));
      case FLOAT32 -> U.putFloat(a, (float) v);
      case FLOAT64 -> U.putDouble(a, v);
    }
  }

  private long saturate(double v) {
    if (Double.isNaN(v)) return 0;
    double r = Math.rint(v) == v ? v : (v < 0 ? Math.ceil(v - 0.5) : Math.floor(v + 0.5));
    return (long) Math.max(dtype.minValue(), Math.min(dtype.maxValue(), r));
  }

  /** A view with a new shape over the same elements; only for contiguous tensors. */
  public Tensor reshape(long... newShape) {
    if (!isContiguous()) {
      throw new InvalidArgumentException("MEDAI-TENSOR-003", "reshape needs a contiguous tensor; copy it first");
    }
    checkCount(elementCount(), newShape);
    return new Tensor(dtype, newShape.clone(), contiguousStrides(newShape), offset, memory);
  }

  /** A view of index {@code i} along axis 0, with one axis fewer. */
  public Tensor select(long i) {
    if (shape.length == 0 || i < 0 || i >= shape[0]) {
      throw new IndexOutOfBoundsException("select " + i + " outside shape " + Arrays.toString(shape));
    }
    return new Tensor(dtype, Arrays.copyOfRange(shape, 1, shape.length),
        Arrays.copyOfRange(strides, 1, strides.length), offset + i * strides[0], memory);
  }

  /** A view with general shape, strides and offset over the same memory (bounds are checked). */
  public Tensor view(long elementOffset, long[] newShape, long[] newStrides) {
    if (newShape.length != newStrides.length) throw new IllegalArgumentException("shape and strides differ in rank");
    long min = elementOffset;
    long max = elementOffset;
    for (int a = 0; a < newShape.length; a++) {
      long span = (newShape[a] - 1) * newStrides[a];
      if (span >= 0) max += span;
      else min += span;
    }
    if (min < 0 || (max + 1) * dtype.byteSize() > memory.byteSize()) {
      throw new InvalidArgumentException("MEDAI-TENSOR-004", "view reaches outside the tensor's memory");
    }
    return new Tensor(dtype, newShape.clone(), newStrides.clone(), elementOffset, memory);
  }

  /** A contiguous host copy owned by {@code scope} (a host tensor only; devices copy through their backend). */
  public Tensor copy(MemoryScope scope) {
    Tensor dst = allocate(dtype, scope, shape);
    copyInto(dst);
    return dst;
  }

  /** Copies every element into {@code dst}, which must have the same dtype and shape (host tensors). */
  public void copyInto(Tensor dst) {
    if (dst.dtype != dtype || !Arrays.equals(dst.shape, shape)) {
      throw new InvalidArgumentException("MEDAI-TENSOR-005",
          "copy needs the same dtype and shape: %s%s vs %s%s".formatted(
              dtype, Arrays.toString(shape), dst.dtype, Arrays.toString(dst.shape)));
    }
    if (isContiguous() && dst.isContiguous()) {
      hostBuffer().copyTo(offset * dtype.byteSize(), dst.hostBuffer(), dst.offset * dtype.byteSize(), byteSize());
      return;
    }
    long n = elementCount();
    long[] idx = new long[shape.length];
    for (long e = 0; e < n; e++) {
      dst.writeDouble(dst.elementIndexUnchecked(idx), readDouble(elementIndexUnchecked(idx)));
      for (int a = shape.length - 1; a >= 0; a--) {
        if (++idx[a] < shape[a]) break;
        idx[a] = 0;
      }
    }
  }

  private long elementIndexUnchecked(long[] idx) {
    long e = offset;
    for (int a = 0; a < idx.length; a++) e += idx[a] * strides[a];
    return e;
  }

  /** All elements as floats in C order (at most 2^31 − 1 of them). */
  public float[] toFloatArray() {
    long n = elementCount();
    if (n > Integer.MAX_VALUE - 8) throw new InvalidArgumentException("MEDAI-TENSOR-006", n + " elements do not fit a Java array");
    float[] out = new float[(int) n];
    if (dtype == DType.FLOAT32 && isContiguous()) {
      hostBuffer().read(offset * 4, out);
      return out;
    }
    long[] idx = new long[shape.length];
    for (int e = 0; e < n; e++) {
      out[e] = (float) readDouble(elementIndexUnchecked(idx));
      for (int a = shape.length - 1; a >= 0; a--) {
        if (++idx[a] < shape[a]) break;
        idx[a] = 0;
      }
    }
    return out;
  }

  public static long elementCount(long[] shape) {
    long n = 1;
    for (long s : shape) {
      if (s < 0) throw new InvalidArgumentException("MEDAI-TENSOR-007", "negative dimension in shape " + Arrays.toString(shape));
      n = Math.multiplyExact(n, s);
    }
    return n;
  }

  public static long[] contiguousStrides(long[] shape) {
    long[] st = new long[shape.length];
    long s = 1;
    for (int a = shape.length - 1; a >= 0; a--) {
      st[a] = s;
      s *= Math.max(shape[a], 1);
    }
    return st;
  }

  private static void checkCount(long count, long[] shape) {
    if (elementCount(shape) != count) {
      throw new InvalidArgumentException("MEDAI-TENSOR-008",
          "%d values do not fill shape %s".formatted(count, Arrays.toString(shape)));
    }
  }

  @Override
  public String toString() {
    return "Tensor[" + dtype + Arrays.toString(shape) + " on " + memory.device() + "]";
  }
}
