package org.medai.core.internal.cuda;

import static org.bytedeco.cuda.global.cudart.CU_STREAM_NON_BLOCKING;
import static org.bytedeco.cuda.global.cudart.cuCtxSetCurrent;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRelease;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRetain;
import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuMemAlloc;
import static org.bytedeco.cuda.global.cudart.cuMemFree;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoDAsync;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoHAsync;
import static org.bytedeco.cuda.global.cudart.cuMemcpyHtoDAsync;
import static org.bytedeco.cuda.global.cudart.cuStreamCreate;
import static org.bytedeco.cuda.global.cudart.cuStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cuStreamSynchronize;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.medai.core.BackendException;
import org.medai.core.InvalidArgumentException;
import org.medai.core.backend.Backend;
import org.medai.core.backend.DeviceKernels;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.slf4j.LoggerFactory;

/**
 * The CUDA backend: one GPU's primary context and one non-blocking stream, device tensors in
 * {@link CudaMemory}, kernels compiled from medai's {@code .cu} sources with NVRTC for the GPU's
 * architecture on first use ({@link KernelCache}); other modules' kernel sources run through
 * {@link #kernels()} with the same compiler, cache and stream. Kernels are launched asynchronously on the stream;
 * {@link #download} and {@link #synchronize} wait, and report errors of earlier launches.
 *
 * <p>Thread-safe: every call makes the context current on the calling thread; all work goes to the
 * one stream in submission order. Close it after the scopes of its tensors (memory still open when
 * the backend closes is released with the context).
 */
public final class CudaBackend implements Backend {
  private static final int BLOCK = 256;

  private final CudaProbe.DeviceInfo device;
  private final CUctx_st context = new CUctx_st();
  private final CUstream_st stream = new CUstream_st();
  private final KernelCache kernels;
  private final int cudaDevice;
  private final DeviceKernels deviceKernels = new ModuleKernels();
  private volatile boolean closed;

  CudaBackend(CudaProbe.DeviceInfo device, Path kernelCacheDir) {
    this.device = device;
    int[] dev = new int[1];
    CudaDriver.check(cuDeviceGet(dev, device.ordinal()), "cuDeviceGet", deviceId());
    this.cudaDevice = dev[0];
    CudaDriver.check(cuDevicePrimaryCtxRetain(context, cudaDevice), "cuDevicePrimaryCtxRetain", deviceId());
    try {
      bind();
      CudaDriver.check(cuStreamCreate(stream, CU_STREAM_NON_BLOCKING), "cuStreamCreate", deviceId());
    } catch (RuntimeException e) {
      cuDevicePrimaryCtxRelease(cudaDevice);
      throw e;
    }
    this.kernels = new KernelCache(device.arch(), kernelCacheDir);
  }

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public String deviceDescription() {
    return device.describe();
  }

  /** {@code cuda:N}: the device name memory blocks and scopes report. */
  public String deviceId() {
    return "cuda:" + device.ordinal();
  }

  /** The architecture kernels are compiled for, e.g. {@code sm_90}. */
  public String architecture() {
    return device.arch();
  }

  /** How many kernel sources this backend compiled with NVRTC so far (disk-cache hits excluded). */
  public int kernelCompilations() {
    return kernels.compilations();
  }

  @Override
  public Tensor allocate(DType dtype, MemoryScope scope, long... shape) {
    long bytes = Math.multiplyExact(Tensor.elementCount(shape), (long) dtype.byteSize());
    bind();
    long[] ptr = new long[1];
    CudaDriver.check(cuMemAlloc(ptr, Math.max(bytes, 1)), "cuMemAlloc", bytes + " bytes on " + deviceId());
    CudaMemory memory;
    try {
      memory = new CudaMemory(scope, this, ptr[0], bytes);
    } catch (RuntimeException e) {
      cuMemFree(ptr[0]);
      throw e;
    }
    return Tensor.wrap(memory, dtype, shape);
  }

  @Override
  public Tensor upload(Tensor host, MemoryScope scope) {
    if (!host.isHost()) {
      throw new InvalidArgumentException("MEDAI-CUDA-030", "upload needs a host tensor, got one on " + host.device());
    }
    try (MemoryScope tmp = scope.child()) {
      Tensor src = host.isContiguous() ? host : host.copy(tmp);
      Tensor dst = allocate(src.dtype(), scope, src.shape());
      long bytes = src.byteSize();
      if (bytes > 0) {
        Pointer h = src.hostBuffer().asPointer().position(src.offset() * src.dtype().byteSize());
        CudaDriver.check(cuMemcpyHtoDAsync(devicePointer(dst), h, bytes, stream), "cuMemcpyHtoDAsync", bytes + " bytes");
        syncStream("cuMemcpyHtoDAsync");
      }
      return dst;
    }
  }

  @Override
  public Tensor download(Tensor tensor, MemoryScope scope) {
    if (tensor.isHost()) return tensor.copy(scope);
    requireContiguous(tensor, "download source");
    long src = devicePointer(tensor);
    Tensor dst = Tensor.allocate(tensor.dtype(), scope, tensor.shape());
    long bytes = tensor.byteSize();
    if (bytes > 0) {
      BytePointer h = dst.hostBuffer().asPointer();
      CudaDriver.check(cuMemcpyDtoHAsync(h, src, bytes, stream), "cuMemcpyDtoHAsync", bytes + " bytes");
    }
    syncStream("cuMemcpyDtoHAsync");
    return dst;
  }

  @Override
  public void copy(Tensor src, Tensor dst) {
    requireContiguous(src, "copy source");
    requireContiguous(dst, "copy destination");
    if (src.dtype() != dst.dtype() || !Arrays.equals(src.shape(), dst.shape())) {
      throw new InvalidArgumentException("MEDAI-KERNEL-003", "copy needs the same dtype and shape: %s vs %s".formatted(src, dst));
    }
    long s = devicePointer(src);
    long d = devicePointer(dst);
    if (src.byteSize() > 0) {
      CudaDriver.check(cuMemcpyDtoDAsync(d, s, src.byteSize(), stream), "cuMemcpyDtoDAsync", src.byteSize() + " bytes");
    }
  }

  @Override
  public void fill(Tensor dst, double value) {
    requireContiguous(dst, "fill destination");
    long n = dst.elementCount();
    long bits = fillBits(dst.dtype(), value);
    String fn = switch (dst.dtype().byteSize()) {
      case 1 -> "medai_fill_u8";
      case 2 -> "medai_fill_u16";
      case 4 -> "medai_fill_u32";
      default -> "medai_fill_u64";
    };
    long ptr = devicePointer(dst);
    try (LongPointer a0 = new LongPointer(1).put(ptr);
         LongPointer a1 = new LongPointer(1).put(n);
         LongPointer a2 = new LongPointer(1).put(bits)) {
      launch("fill", fn, n, a0, a1, a2);
    }
  }

  /**
   * The destination's bit pattern for {@code value}, converted exactly as the CPU twin
   * ({@code CpuKernels.fill}) converts it, so both backends write identical bytes.
   */
  static long fillBits(DType dtype, double value) {
    return switch (dtype) {
      case FLOAT32 -> Float.floatToRawIntBits((float) value) & 0xFFFF_FFFFL;
      case FLOAT64 -> Double.doubleToRawLongBits(value);
      case INT32 -> ((int) value) & 0xFFFF_FFFFL;
      case INT16, UINT16 -> ((short) (long) value) & 0xFFFFL;
      case INT8, UINT8 -> ((byte) (long) value) & 0xFFL;
    };
  }

  @Override
  public void axpy(float alpha, Tensor x, Tensor y) {
    requireFloat32(x, "axpy x");
    requireFloat32(y, "axpy y");
    requireSameShape(x, y, "axpy");
    long n = x.elementCount();
    try (FloatPointer a0 = new FloatPointer(1).put(alpha);
         LongPointer a1 = new LongPointer(1).put(devicePointer(x));
         LongPointer a2 = new LongPointer(1).put(devicePointer(y));
         LongPointer a3 = new LongPointer(1).put(n)) {
      launch("axpy", "medai_axpy_f32", n, a0, a1, a2, a3);
    }
  }

  @Override
  public void convert(Tensor src, Tensor dst, float slope, float intercept) {
    requireContiguous(src, "convert source");
    requireFloat32(dst, "convert destination");
    requireSameShape(src, dst, "convert");
    String fn = "medai_convert_" + switch (src.dtype()) {
      case UINT8 -> "u8";
      case INT8 -> "i8";
      case INT16 -> "i16";
      case UINT16 -> "u16";
      case INT32 -> "i32";
      case FLOAT32 -> "f32";
      case FLOAT64 -> "f64";
    } + "_f32";
    long n = src.elementCount();
    try (LongPointer a0 = new LongPointer(1).put(devicePointer(src));
         LongPointer a1 = new LongPointer(1).put(devicePointer(dst));
         LongPointer a2 = new LongPointer(1).put(n);
         FloatPointer a3 = new FloatPointer(1).put(slope);
         FloatPointer a4 = new FloatPointer(1).put(intercept)) {
      launch("convert", fn, n, a0, a1, a2, a3, a4);
    }
  }

  @Override
  public Optional<DeviceKernels> kernels() {
    return Optional.of(deviceKernels);
  }

  @Override
  public void synchronize() {
    syncStream("the last kernel or copy");
  }

  @Override
  public void close() {
    if (closed) return;
    synchronized (this) {
      if (closed) return;
      try {
        bind();
        cuStreamSynchronize(stream);
        kernels.close();
        cuStreamDestroy(stream);
      } finally {
        closed = true;
        cuDevicePrimaryCtxRelease(cudaDevice);
      }
    }
  }

  // ---- internals ----

  /** Launches {@code function} of {@code source}.cu over {@code n} elements with grid-stride loops. */
  private void launch(String source, String function, long n, Pointer... args) {
    if (n == 0) return;
    bind();
    CUfunc_st f = kernels.function(source, function);
    long blocksNeeded = (n + BLOCK - 1) / BLOCK;
    int grid = (int) Math.max(1, Math.min(blocksNeeded, (long) device.multiprocessors() * 32));
    try (PointerPointer<Pointer> params = new PointerPointer<>(args.length)) {
      for (int i = 0; i < args.length; i++) params.put(i, args[i]);
      CudaDriver.check(cuLaunchKernel(f, grid, 1, 1, BLOCK, 1, 1, 0, stream, params, (PointerPointer<?>) null),
          "cuLaunchKernel", "kernel %s (grid %d x %d, %d elements)".formatted(function, grid, BLOCK, n));
    }
  }

  /** {@link DeviceKernels} over this backend's cache and stream, for other modules' kernel sources. */
  private final class ModuleKernels implements DeviceKernels {
    @Override
    public String architecture() {
      return device.arch();
    }

    @Override
    public Grid gridStride(long elements) {
      long blocksNeeded = Math.max(1, (elements + BLOCK - 1) / BLOCK);
      return new Grid((int) Math.min(blocksNeeded, (long) device.multiprocessors() * 32), 1, 1, BLOCK, 1, 1);
    }

    @Override
    public void launch(Kernel kernel, Grid grid, Object... args) {
      bind();
      String resource = kernel.resource();
      String name = resource.substring(resource.lastIndexOf('/') + 1, resource.length() - 3);
      CUfunc_st f = kernels.function(resource, name, () -> NvrtcCompiler.moduleSource(kernel.owner(), kernel.resource()), kernel.function());
      Pointer[] values = new Pointer[args.length];
      try (PointerPointer<Pointer> params = new PointerPointer<>(args.length)) {
        for (int i = 0; i < args.length; i++) {
          values[i] = argument(args[i], i, kernel);
          params.put(i, values[i]);
        }
        CudaDriver.check(cuLaunchKernel(f, grid.gridX(), grid.gridY(), grid.gridZ(), grid.blockX(), grid.blockY(),
            grid.blockZ(), 0, stream, params, (PointerPointer<?>) null), "cuLaunchKernel",
            "kernel %s (grid %d x %d x %d, block %d x %d x %d)".formatted(kernel.function(), grid.gridX(), grid.gridY(),
                grid.gridZ(), grid.blockX(), grid.blockY(), grid.blockZ()));
      } finally {
        for (Pointer v : values) {
          if (v != null) v.close();
        }
      }
    }

    private Pointer argument(Object a, int index, Kernel kernel) {
      if (a instanceof Tensor t) return new LongPointer(1).put(devicePointer(t));
      if (a instanceof Integer v) return new IntPointer(1).put(v);
      if (a instanceof Long v) return new LongPointer(1).put(v);
      if (a instanceof Float v) return new FloatPointer(1).put(v);
      if (a instanceof Double v) return new DoublePointer(1).put(v);
      throw new InvalidArgumentException("MEDAI-CUDA-042", "argument %d of kernel %s is a %s; pass a Tensor, Integer, Long, Float or Double"
          .formatted(index, kernel.function(), a == null ? "null" : a.getClass().getSimpleName()));
    }
  }

  private void syncStream(String after) {
    bind();
    CudaDriver.check(cuStreamSynchronize(stream), "cuStreamSynchronize", "work queued on " + deviceId() + " (after " + after + ")");
  }

  private void bind() {
    if (closed) {
      throw new BackendException("MEDAI-CUDA-031", "cuda backend on " + deviceId() + " is closed; open a new one with Device.cuda()");
    }
    CudaDriver.check(cuCtxSetCurrent(context), "cuCtxSetCurrent", deviceId());
  }

  /** Frees a block of this backend; called by {@link CudaMemory#release()} from any thread. */
  void free(long pointer, long bytes) {
    if (closed) return; // released together with the context
    try {
      CudaDriver.check(cuCtxSetCurrent(context), "cuCtxSetCurrent", deviceId());
      CudaDriver.check(cuMemFree(pointer), "cuMemFree", bytes + " bytes on " + deviceId());
    } catch (RuntimeException e) {
      // A failing free must not stop a scope from closing its other blocks.
      LoggerFactory.getLogger(CudaBackend.class).warn("{}", e.getMessage());
    }
  }

  private long devicePointer(Tensor t) {
    if (!(t.memory() instanceof CudaMemory m) || m.backend() != this) {
      throw new InvalidArgumentException("MEDAI-CUDA-032",
          "tensor lives on %s, not on this cuda backend (%s); upload it with this backend first".formatted(t.device(), deviceId()));
    }
    return m.pointer() + t.offset() * t.dtype().byteSize();
  }

  private static void requireContiguous(Tensor t, String what) {
    if (!t.isContiguous()) {
      throw new InvalidArgumentException("MEDAI-KERNEL-001", what + " must be contiguous; copy it first");
    }
  }

  private static void requireFloat32(Tensor t, String what) {
    requireContiguous(t, what);
    if (t.dtype() != DType.FLOAT32) {
      throw new InvalidArgumentException("MEDAI-KERNEL-002", what + " must be float32, got " + t.dtype());
    }
  }

  private static void requireSameShape(Tensor a, Tensor b, String what) {
    if (!Arrays.equals(a.shape(), b.shape())) {
      throw new InvalidArgumentException("MEDAI-KERNEL-003",
          "%s needs equal shapes: %s vs %s".formatted(what, Arrays.toString(a.shape()), Arrays.toString(b.shape())));
    }
  }
}
