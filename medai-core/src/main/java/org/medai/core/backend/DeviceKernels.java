package org.medai.core.backend;

import java.util.Objects;
import java.util.Optional;
import org.medai.core.InvalidArgumentException;
import org.medai.core.internal.cuda.NvrtcCompiler;

/**
 * Optional capability of a device backend ({@link Backend#kernels()}): runs CUDA C kernels that
 * another module ships as resources, with the backend's compiler, cache and stream. The source is
 * compiled on first use with NVRTC for the device's architecture ({@code --fmad=false}, so
 * separate multiplies and adds are never contracted; write {@code fmaf} where a fused operation is
 * meant), kept for the backend's lifetime and, with a kernel cache folder, on disk.
 *
 * <pre>{@code
 * static final DeviceKernels.Kernel SCALE =
 *     new DeviceKernels.Kernel(MyClass.class, "/org/example/kernels/scale.cu", "scale_f32");
 * backend.kernels().orElseThrow().launch(SCALE, k.gridStride(n), tensor, n, 2.0f);
 * }</pre>
 *
 * <p>Thread-safe. Launches are asynchronous on the backend's one stream (in submission order);
 * {@link Backend#synchronize()} or {@link Backend#download} waits and reports a failed launch.
 * Compiling a source costs tens to hundreds of milliseconds once per backend; a launch costs a
 * few microseconds of host time.
 */
public interface DeviceKernels {

  /** The architecture kernels are compiled for, e.g. {@code sm_90}. */
  String architecture();

  /**
   * Launches {@code kernel} over {@code grid} with {@code args} in the kernel's parameter order.
   * Argument types map to C types: a device {@link org.medai.core.tensor.Tensor} of this backend →
   * a pointer to its element (0, …, 0) (its offset applied; any C pointer type), {@link Integer} →
   * {@code int}, {@link Long} → {@code long long}, {@link Float} → {@code float}, {@link Double} →
   * {@code double}. Nothing checks the types against the kernel's signature: a mismatch is
   * undefined behaviour on the device, so keep launch sites next to tests of the kernel.
   *
   * @throws org.medai.core.BackendException when the source is missing, does not compile (with
   *     NVRTC's log) or the launch is rejected
   * @throws InvalidArgumentException for an unsupported argument type or a tensor of another backend
   */
  void launch(Kernel kernel, Grid grid, Object... args);

  /**
   * A one-dimensional grid for a grid-stride loop over {@code elements} items: 256-thread blocks,
   * at most as many blocks as keep the device busy (the kernel must loop with stride
   * {@code blockDim.x * gridDim.x}).
   */
  Grid gridStride(long elements);

  /**
   * Compiles a kernel source with NVRTC for {@code arch} ({@code sm_90} gives a CUBIN,
   * {@code compute_75} PTX text ending in NUL) with the flags the CUDA backend uses. Needs CUDA 13's
   * NVRTC but no GPU: for build-time checks and tools that precompile. Costs up to a second.
   *
   * @throws org.medai.core.BackendException when NVRTC is unavailable ({@link #compilerProblem()}),
   *     the resource is missing, or the source does not compile (with NVRTC's log)
   */
  static byte[] compile(Class<?> owner, String resource, String arch) {
    Kernel k = new Kernel(owner, resource, "unused");
    String name = resource.substring(resource.lastIndexOf('/') + 1, resource.length() - 3);
    return NvrtcCompiler.compile(name, NvrtcCompiler.moduleSource(k.owner(), k.resource()), arch).image();
  }

  /** Why NVRTC cannot compile in this process (e.g. {@code libnvrtc.so.13} not found), or empty. Never throws. */
  static Optional<String> compilerProblem() {
    return Optional.ofNullable(NvrtcCompiler.loadProblem());
  }

  /**
   * One kernel entry point: a {@code .cu} resource loaded through {@code owner}'s class (an
   * absolute resource path such as {@code /org/medai/imaging/kernels/resample.cu}) and the
   * {@code extern "C"} function name. A value; keep them as constants.
   */
  record Kernel(Class<?> owner, String resource, String function) {
    public Kernel {
      Objects.requireNonNull(owner, "owner");
      if (resource == null || !resource.startsWith("/") || !resource.endsWith(".cu")) {
        throw new InvalidArgumentException("MEDAI-CUDA-040",
            "kernel resource must be an absolute path ending in .cu, e.g. /org/example/kernels/k.cu; got " + resource);
      }
      if (function == null || !function.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new InvalidArgumentException("MEDAI-CUDA-040", "kernel function must be a C identifier; got " + function);
      }
    }
  }

  /**
   * Launch geometry: blocks per grid and threads per block along x, y, z (CUDA's limits: grid x up
   * to 2^31-1, y and z up to 65535, at most 1024 threads per block).
   */
  record Grid(int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ) {
    public Grid {
      if (gridX < 1 || gridY < 1 || gridZ < 1 || gridY > 65535 || gridZ > 65535
          || blockX < 1 || blockY < 1 || blockZ < 1 || (long) blockX * blockY * blockZ > 1024) {
        throw new InvalidArgumentException("MEDAI-CUDA-041", "invalid launch grid %d x %d x %d of %d x %d x %d blocks"
            .formatted(gridX, gridY, gridZ, blockX, blockY, blockZ));
      }
    }

    /**
     * Blocks of {@code blockX × blockY} threads covering an {@code nx × ny} plane, and
     * {@code min(nz, 65535)} blocks along z (kernels loop over z with stride {@code gridDim.z}).
     */
    public static Grid cover(long nx, long ny, long nz, int blockX, int blockY) {
      long gx = (nx + blockX - 1) / blockX;
      long gy = (ny + blockY - 1) / blockY;
      if (gx > Integer.MAX_VALUE || gy > 65535) {
        throw new InvalidArgumentException("MEDAI-CUDA-041",
            "plane %d x %d is too large for one launch with %d x %d blocks".formatted(nx, ny, blockX, blockY));
      }
      return new Grid((int) Math.max(1, gx), (int) Math.max(1, gy), (int) Math.max(1, Math.min(nz, 65535)),
          blockX, blockY, 1);
    }
  }
}
