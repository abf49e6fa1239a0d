package org.medai.core.internal.cuda;

import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuModuleUnload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled kernels of one {@link CudaBackend}: each source is compiled with NVRTC for the
 * device's architecture on first use, loaded as a module into the backend's context, and kept until
 * the backend closes. With a cache folder, the compiled image is also kept on disk under a name made
 * of the source's SHA-256 (with the compiler flags and NVRTC version) and the architecture, so later
 * processes skip compilation. Thread-safe (one lock; compilation happens at most once per source).
 */
final class KernelCache {
  private static final Logger LOG = LoggerFactory.getLogger(KernelCache.class);

  private final String arch;
  private final Path diskDir;
  private final Map<String, CUmod_st> modules = new HashMap<>();
  private final Map<String, CUfunc_st> functions = new HashMap<>();
  private int compilations;

  KernelCache(String arch, Path diskDir) {
    this.arch = arch;
    this.diskDir = diskDir;
  }

  /** The function {@code function} of kernel source {@code source}, compiling and loading it if needed. */
  synchronized CUfunc_st function(String source, String function) {
    return function(source, source, () -> NvrtcCompiler.source(source), function);
  }

  /**
   * The function {@code function} of the source identified by {@code key} (medai-core's kernel name,
   * or another module's resource path), named {@code name} in messages and cache files; {@code code}
   * is read only when the module is not loaded yet.
   */
  synchronized CUfunc_st function(String key, String name, Supplier<String> code, String function) {
    String fkey = key + "/" + function;
    CUfunc_st f = functions.get(fkey);
    if (f != null) return f;
    CUmod_st module = modules.get(key);
    if (module == null) {
      byte[] image = image(name, code.get());
      module = new CUmod_st();
      try (BytePointer p = new BytePointer(image)) {
        CudaDriver.check(cuModuleLoadData(module, p), "cuModuleLoadData", "kernel source " + name + ".cu (" + arch + ")");
      }
      modules.put(key, module);
    }
    f = new CUfunc_st();
    CudaDriver.check(cuModuleGetFunction(f, module, function), "cuModuleGetFunction", "kernel " + function + " of " + name + ".cu");
    functions.put(fkey, f);
    return f;
  }

  /** How many sources this cache compiled with NVRTC (disk hits do not count). */
  synchronized int compilations() {
    return compilations;
  }

  private byte[] image(String source, String code) {
    Path file = diskDir == null ? null : diskDir.resolve(source + "-" + key(code) + "-" + arch + ".cubin");
    if (file != null && Files.isRegularFile(file)) {
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        LOG.warn("could not read cached kernel {}; recompiling: {}", file, e.getMessage());
      }
    }
    NvrtcCompiler.Compiled c = NvrtcCompiler.compile(source, code, arch);
    compilations++;
    if (file != null) {
      try {
        Files.createDirectories(diskDir);
        Path tmp = Files.createTempFile(diskDir, source, ".tmp");
        Files.write(tmp, c.image());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        LOG.warn("could not store compiled kernel in {}; continuing without the disk cache: {}", diskDir, e.getMessage());
      }
    }
    return c.image();
  }

  private static String key(String code) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(code.getBytes(StandardCharsets.UTF_8));
      md.update(String.join(" ", NvrtcCompiler.FLAGS).getBytes(StandardCharsets.UTF_8));
      md.update(NvrtcCompiler.version().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** Unloads every module; the backend's context must be current. */
  synchronized void close() {
    for (CUmod_st m : modules.values()) cuModuleUnload(m);
    modules.clear();
    functions.clear();
  }
}
