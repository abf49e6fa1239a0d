package org.medai.core.internal.cpu;

import java.util.Arrays;
import org.medai.core.InvalidArgumentException;
import org.medai.core.backend.Backend;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.internal.UnsafeAccess;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;

/** Multi-threaded Java backend over host memory. Thread-safe. */
public final class CpuBackend implements Backend {
  /** Elements per parallel chunk: large enough to amortise scheduling, small enough to balance. */
  private static final long GRAIN = 1L << 18;

  private final WorkPool pool;

  public CpuBackend(int threads) {
    this.pool = WorkPool.of(threads);
  }

  public WorkPool pool() {
    return pool;
  }

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public String deviceDescription() {
    return pool.threads() + " CPU threads";
  }

  @Override
  public Tensor allocate(DType dtype, MemoryScope scope, long... shape) {
    return Tensor.allocate(dtype, scope, shape);
  }

  @Override
  public Tensor upload(Tensor host, MemoryScope scope) {
    return host.copy(scope);
  }

  @Override
  public Tensor download(Tensor tensor, MemoryScope scope) {
    return tensor.copy(scope);
  }

  @Override
  public void copy(Tensor src, Tensor dst) {
    requireContiguous(src, "copy source");
    requireContiguous(dst, "copy destination");
    if (src.dtype() != dst.dtype()) {
      throw new InvalidArgumentException("MEDAI-KERNEL-002", "copy needs equal dtypes: %s vs %s".formatted(src.dtype(), dst.dtype()));
    }
    requireSameShape(src, dst, "copy");
    int size = src.dtype().byteSize();
    long sa = src.hostBuffer().address() + src.offset() * size;
    long da = dst.hostBuffer().address() + dst.offset() * size;
    pool.parallelFor(src.elementCount(), GRAIN, (f, t) -> UnsafeAccess.copy(sa + f * size, da + f * size, (t - f) * size));
  }

  @Override
  public void fill(Tensor dst, double value) {
    requireContiguous(dst, "fill");
    long base = dst.hostBuffer().address() + dst.offset() * dst.dtype().byteSize();
    pool.parallelFor(dst.elementCount(), GRAIN, (f, t) -> CpuKernels.fill(dst.dtype(), base, f, t, value));
  }

  @Override
  public void axpy(float alpha, Tensor x, Tensor y) {
    requireFloat32(x, "axpy x");
    requireFloat32(y, "axpy y");
    requireSameShape(x, y, "axpy");
    long xa = x.hostBuffer().address() + 4 * x.offset();
    long ya = y.hostBuffer().address() + 4 * y.offset();
    pool.parallelFor(x.elementCount(), GRAIN, (f, t) -> CpuKernels.axpy(alpha, xa, ya, f, t));
  }

  @Override
  public void convert(Tensor src, Tensor dst, float slope, float intercept) {
    requireContiguous(src, "convert source");
    requireFloat32(dst, "convert destination");
    requireSameShape(src, dst, "convert");
    long sa = src.hostBuffer().address() + src.offset() * src.dtype().byteSize();
    long da = dst.hostBuffer().address() + 4 * dst.offset();
    DType st = src.dtype();
    pool.parallelFor(src.elementCount(), GRAIN, (f, t) -> CpuKernels.convert(st, sa, da, f, t, slope, intercept));
  }

  @Override
  public void synchronize() {
    // CPU work completes before each call returns.
  }

  @Override
  public void close() {
    pool.close();
  }

  static void requireContiguous(Tensor t, String what) {
    if (!t.isContiguous()) {
      throw new InvalidArgumentException("MEDAI-KERNEL-001", what + " must be contiguous; copy it first");
    }
  }

  static void requireFloat32(Tensor t, String what) {
    requireContiguous(t, what);
    if (t.dtype() != DType.FLOAT32) {
      throw new InvalidArgumentException("MEDAI-KERNEL-002", what + " must be float32, got " + t.dtype());
    }
  }

  static void requireSameShape(Tensor a, Tensor b, String what) {
    if (!Arrays.equals(a.shape(), b.shape())) {
      throw new InvalidArgumentException("MEDAI-KERNEL-003",
          "%s needs equal shapes: %s vs %s".formatted(what, Arrays.toString(a.shape()), Arrays.toString(b.shape())));
    }
  }
}
