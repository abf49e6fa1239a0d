package org.medai.imaging.internal.transform.cuda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.medai.core.InvalidArgumentException;
import org.medai.core.backend.Backend;
import org.medai.core.backend.Device;
import org.medai.core.backend.DeviceKernels;
import org.medai.core.backend.DeviceMemory;
import org.medai.core.memory.AbstractOwnedMemory;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;

/**
 * A stand-in device backend for machines without a GPU: its tensors live in Java heap arrays that
 * host code cannot address (so {@code Tensor.isHost()} is false and medai's device dispatch takes the
 * CUDA path), and {@link DeviceKernels#launch} runs the real {@code .cu} kernel compiled for the host
 * by {@link KernelEmulator}, with every argument passed as the CUDA driver would pass it. Launches
 * are synchronous. Test-only; not thread-safe.
 */
final class EmulatedCudaBackend implements Backend {
  private static final AtomicLong LAUNCHES = new AtomicLong();
  /** Pretend multiprocessor count: small, so grid-stride loops really stride. */
  private static final int SMS = 2;
  private final Backend cpu = Device.cpu(1).open();
  private final Kernels kernels = new Kernels();
  private long launchCount;

  /** Device memory of the emulator: a heap byte array. */
  static final class EmuMemory extends AbstractOwnedMemory implements DeviceMemory {
    final byte[] bytes;
    private final EmulatedCudaBackend backend;

    EmuMemory(MemoryScope scope, EmulatedCudaBackend backend, long size) {
      super(scope, "cuda:emulated", size);
      this.backend = backend;
      this.bytes = new byte[Math.toIntExact(size)];
    }

    @Override
    public Backend backend() {
      return backend;
    }

    @Override
    protected void release() {
      // heap memory; the garbage collector frees it
    }
  }

  long launches() {
    return launchCount;
  }

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public String deviceDescription() {
    return "host emulation of CUDA kernels (g++)";
  }

  @Override
  public Tensor allocate(DType dtype, MemoryScope scope, long... shape) {
    long bytes = Tensor.elementCount(shape) * dtype.byteSize();
    return Tensor.wrap(new EmuMemory(scope, this, bytes), dtype, shape);
  }

  private EmuMemory mem(Tensor t) {
    if (!(t.memory() instanceof EmuMemory m) || m.backend != this) {
      throw new InvalidArgumentException("MEDAI-TEST-001", "tensor is not on this emulated device: " + t.device());
    }
    return m;
  }

  @Override
  public Tensor upload(Tensor host, MemoryScope scope) {
    try (MemoryScope tmp = scope.child()) {
      Tensor src = host.isContiguous() ? host : host.copy(tmp);
      Tensor dst = allocate(src.dtype(), scope, src.shape());
      src.hostBuffer().read(src.offset() * src.dtype().byteSize(), mem(dst).bytes, 0, (int) src.byteSize());
      return dst;
    }
  }

  @Override
  public Tensor download(Tensor t, MemoryScope scope) {
    if (!t.isContiguous()) throw new InvalidArgumentException("MEDAI-TEST-002", "download needs a contiguous tensor");
    Tensor dst = Tensor.allocate(t.dtype(), scope, t.shape());
    dst.hostBuffer().write(0, mem(t).bytes, (int) (t.offset() * t.dtype().byteSize()), (int) t.byteSize());
    return dst;
  }

  @Override
  public void copy(Tensor src, Tensor dst) {
    if (src.dtype() != dst.dtype() || !Arrays.equals(src.shape(), dst.shape()) || !src.isContiguous() || !dst.isContiguous()) {
      throw new InvalidArgumentException("MEDAI-TEST-003", "copy needs contiguous tensors of one dtype and shape");
    }
    int es = src.dtype().byteSize();
    System.arraycopy(mem(src).bytes, (int) (src.offset() * es), mem(dst).bytes, (int) (dst.offset() * es), (int) src.byteSize());
  }

  /** Runs a host operation of the CPU backend on a downloaded copy and uploads the result back. */
  private void viaHost(Tensor t, java.util.function.Consumer<Tensor> op) {
    try (MemoryScope tmp = MemoryScope.open()) {
      Tensor h = download(t, tmp);
      op.accept(h);
      h.hostBuffer().read(0, mem(t).bytes, (int) (t.offset() * t.dtype().byteSize()), (int) t.byteSize());
    }
  }

  @Override
  public void fill(Tensor dst, double value) {
    viaHost(dst, h -> cpu.fill(h, value));
  }

  @Override
  public void axpy(float alpha, Tensor x, Tensor y) {
    try (MemoryScope tmp = MemoryScope.open()) {
      Tensor hx = download(x, tmp);
      viaHost(y, hy -> cpu.axpy(alpha, hx, hy));
    }
  }

  @Override
  public void convert(Tensor src, Tensor dst, float slope, float intercept) {
    try (MemoryScope tmp = MemoryScope.open()) {
      Tensor hs = download(src, tmp);
      viaHost(dst, hd -> cpu.convert(hs, hd, slope, intercept));
    }
  }

  @Override
  public Optional<DeviceKernels> kernels() {
    return Optional.of(kernels);
  }

  @Override
  public void synchronize() {
    // launches are synchronous
  }

  @Override
  public void close() {
    cpu.close();
  }

  private final class Kernels implements DeviceKernels {
    @Override
    public String architecture() {
      return "host";
    }

    @Override
    public Grid gridStride(long elements) {
      long blocks = Math.max(1, (elements + 255) / 256);
      return new Grid((int) Math.min(blocks, SMS * 32L), 1, 1, 256, 1, 1);
    }

    @Override
    public void launch(Kernel kernel, Grid grid, Object... args) {
      Path exe = KernelEmulator.binary(kernel.owner(), kernel.resource());
      long id = LAUNCHES.incrementAndGet();
      launchCount++;
      Path dir = KernelEmulator.workDir().resolve("launch-" + id);
      try {
        Files.createDirectories(dir);
        Map<EmuMemory, Integer> ids = new IdentityHashMap<>();
        List<EmuMemory> buffers = new ArrayList<>();
        StringBuilder argLines = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
          Object a = args[i];
          if (a instanceof Tensor t) {
            EmuMemory m = mem(t);
            Integer b = ids.get(m);
            if (b == null) {
              b = buffers.size();
              ids.put(m, b);
              buffers.add(m);
            }
            boolean fp = t.dtype() == DType.FLOAT32 || t.dtype() == DType.FLOAT64;
            argLines.append("arg P ").append(b).append(' ').append(t.offset() * t.dtype().byteSize()).append(' ')
                .append(t.dtype().byteSize()).append(fp ? " f" : " i").append('\n');
          } else if (a instanceof Integer v) {
            argLines.append("arg I ").append(v).append('\n');
          } else if (a instanceof Long v) {
            argLines.append("arg L ").append(v).append('\n');
          } else if (a instanceof Float v) {
            argLines.append("arg F ").append(Integer.toHexString(Float.floatToRawIntBits(v))).append('\n');
          } else if (a instanceof Double v) {
            argLines.append("arg D ").append(Long.toHexString(Double.doubleToRawLongBits(v))).append('\n');
          } else {
            throw new InvalidArgumentException("MEDAI-CUDA-042", "argument %d of kernel %s is a %s"
                .formatted(i, kernel.function(), a == null ? "null" : a.getClass().getSimpleName()));
          }
        }
        StringBuilder file = new StringBuilder();
        file.append("kernel ").append(kernel.function()).append('\n');
        file.append("grid %d %d %d %d %d %d%n".formatted(grid.gridX(), grid.gridY(), grid.gridZ(),
            grid.blockX(), grid.blockY(), grid.blockZ()));
        for (int b = 0; b < buffers.size(); b++) {
          Path f = dir.resolve("b" + b + ".bin");
          Files.write(f, buffers.get(b).bytes);
          file.append("buffer ").append(b).append(' ').append(buffers.get(b).bytes.length).append(' ').append(f).append('\n');
        }
        file.append(argLines);
        Path launchFile = dir.resolve("launch.txt");
        Files.writeString(launchFile, file);
        KernelEmulator.launch(exe, launchFile);
        for (int b = 0; b < buffers.size(); b++) {
          byte[] back = Files.readAllBytes(dir.resolve("b" + b + ".bin"));
          System.arraycopy(back, 0, buffers.get(b).bytes, 0, back.length);
        }
        try (var files = Files.list(dir)) {
          for (Path f : (Iterable<Path>) files::iterator) Files.delete(f);
        }
        Files.delete(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
