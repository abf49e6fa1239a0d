package org.medai.core.internal.cuda;

import static org.bytedeco.cuda.global.nvrtc.NVRTC_SUCCESS;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetErrorString;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetPTX;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetPTXSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcVersion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.medai.core.BackendException;

/**
 * Compiles medai's CUDA C kernel sources (resources under {@code org/medai/core/kernels/}) with NVRTC,
 * the CUDA runtime compiler, for one GPU architecture. NVRTC needs no GPU and no driver, only CUDA
 * 13's {@code libnvrtc.so.13}, so compilation can be tested on machines without a GPU.
 *
 * <p>Stateless and thread-safe; each call costs tens to hundreds of milliseconds, so callers cache
 * the result ({@link KernelCache}).
 */
public final class NvrtcCompiler {

  /** The kernel sources shipped with medai-core, by file name without {@code .cu}. */
  public static final List<String> KERNEL_SOURCES = List.of("fill", "axpy", "convert");

  /** Compiler flags besides the architecture: no contraction of separate multiplies and adds. */
  static final List<String> FLAGS = List.of("--fmad=false", "--std=c++17");

  /** Output of one compilation: a CUBIN for {@code sm_XY} targets, PTX for {@code compute_XY}. */
  public record Compiled(String name, String arch, byte[] image, boolean cubin, String log) {}

  private static volatile String loadProblem;
  private static volatile boolean probed;

  private NvrtcCompiler() {}

  /** Why NVRTC cannot be used here, or {@code null} when it loads. Never throws; cached. */
  public static String loadProblem() {
    if (!probed) {
      synchronized (NvrtcCompiler.class) {
        if (!probed) {
          try {
            Loader.load(org.bytedeco.cuda.global.nvrtc.class);
            int[] major = new int[1];
            int[] minor = new int[1];
            int rc = nvrtcVersion(major, minor);
            loadProblem = rc == NVRTC_SUCCESS ? null : "nvrtcVersion failed: " + errorString(rc);
          } catch (Throwable t) {
            // NVRTC's bindings inherit the CUDA runtime's; once those failed in this JVM, only a
            // NoClassDefFoundError is left, so report the original reason instead.
            String earlier = t instanceof NoClassDefFoundError ? CudaProbe.cachedReason() : null;
            loadProblem = earlier != null && !earlier.isEmpty()
                ? "NVRTC's bindings need the CUDA runtime's, which did not load: " + earlier
                : CudaProbe.reasonFor(t, "NVRTC");
          }
          probed = true;
        }
      }
    }
    return loadProblem;
  }

  /** The NVRTC version as {@code major.minor}; call only when {@link #loadProblem()} is null. */
  public static String version() {
    int[] major = new int[1];
    int[] minor = new int[1];
    check(nvrtcVersion(major, minor), "nvrtcVersion", "version query", null);
    return major[0] + "." + minor[0];
  }

  /** Reads a shipped kernel source, e.g. {@code convert}. */
  public static String source(String name) {
    String path = "/org/medai/core/kernels/" + name + ".cu";
    try (InputStream in = NvrtcCompiler.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new BackendException("MEDAI-CUDA-020", "kernel source " + path + " is missing from medai-core's jar; rebuild it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BackendException("MEDAI-CUDA-020", "could not read kernel source " + path + ": " + e.getMessage(), e);
    }
  }

  /** Reads another module's kernel source, a resource at absolute path {@code resource} of {@code owner}. */
  public static String moduleSource(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new BackendException("MEDAI-CUDA-020", "kernel source %s is missing from the jar of %s; rebuild it"
            .formatted(resource, owner.getName()));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BackendException("MEDAI-CUDA-020", "could not read kernel source " + resource + ": " + e.getMessage(), e);
    }
  }

  /**
   * Compiles {@code source} (named {@code name}.cu in messages) for {@code arch}: {@code sm_90}
   * gives a CUBIN for that GPU, {@code compute_90} gives PTX. A compile error throws a
   * {@link BackendException} carrying NVRTC's log.
   */
  public static Compiled compile(String name, String source, String arch) {
    String problem = loadProblem();
    if (problem != null) {
      throw new BackendException("MEDAI-CUDA-021", "cannot compile kernel " + name + ".cu: " + problem);
    }
    _nvrtcProgram prog = new _nvrtcProgram();
    check(nvrtcCreateProgram(prog, new BytePointer(source), new BytePointer(name + ".cu"), 0,
        (PointerPointer<?>) null, (PointerPointer<?>) null), "nvrtcCreateProgram", name, null);
    try {
      String[] options = new String[FLAGS.size() + 1];
      options[0] = "--gpu-architecture=" + arch;
      for (int i = 0; i < FLAGS.size(); i++) options[i + 1] = FLAGS.get(i);
      int rc;
      try (PointerPointer<BytePointer> opts = new PointerPointer<>(options)) {
        rc = nvrtcCompileProgram(prog, options.length, opts);
      }
      String log = programLog(prog);
      check(rc, "nvrtcCompileProgram", name + ".cu for " + arch, log);
      boolean cubin = arch.startsWith("sm_");
      byte[] image;
      try (SizeTPointer size = new SizeTPointer(1)) {
        if (cubin) {
          check(nvrtcGetCUBINSize(prog, size), "nvrtcGetCUBINSize", name, null);
          image = new byte[(int) size.get()];
          check(nvrtcGetCUBIN(prog, image), "nvrtcGetCUBIN", name, null);
        } else {
          check(nvrtcGetPTXSize(prog, size), "nvrtcGetPTXSize", name, null);
          image = new byte[(int) size.get()]; // includes the terminating NUL cuModuleLoadData needs
          check(nvrtcGetPTX(prog, image), "nvrtcGetPTX", name, null);
        }
      }
      return new Compiled(name, arch, image, cubin, log);
    } finally {
      nvrtcDestroyProgram(prog);
    }
  }

  private static String programLog(_nvrtcProgram prog) {
    try (SizeTPointer size = new SizeTPointer(1)) {
      if (nvrtcGetProgramLogSize(prog, size) != NVRTC_SUCCESS || size.get() <= 1) return "";
      byte[] log = new byte[(int) size.get()];
      if (nvrtcGetProgramLog(prog, log) != NVRTC_SUCCESS) return "";
      return new String(log, 0, log.length - 1, StandardCharsets.UTF_8).strip();
    }
  }

  private static void check(int rc, String call, String what, String log) {
    if (rc != NVRTC_SUCCESS) {
      String msg = "%s failed for kernel %s: %s".formatted(call, what, errorString(rc));
      if (log != null && !log.isEmpty()) msg += "; NVRTC log:\n" + log;
      throw new BackendException("MEDAI-CUDA-022", msg);
    }
  }

  private static String errorString(int rc) {
    BytePointer p = nvrtcGetErrorString(rc);
    return p == null ? "NVRTC error " + rc : p.getString();
  }
}
