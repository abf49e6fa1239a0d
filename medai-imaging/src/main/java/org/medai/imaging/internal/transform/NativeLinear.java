package org.medai.imaging.internal.transform;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The native (C, AVX-512) twin of {@link SeparableResampler}'s linear path for int16, uint16 and
 * float32 sources: the same float32 operations in the same order, so the same bytes, in about two
 * thirds of the time of the Vector API kernels (docs/transform.md: software prefetch, AVX-512
 * permutations, which JDK 17's Java cannot express). Built by the module's build where a C
 * compiler is present on Linux x86-64 ({@code src/main/native}) and shipped as a resource beside
 * this class.
 *
 * <p>Loaded once per class loader at first use, never at class-load time of anything else. The
 * probe never throws: without the library (other platforms, a build without a compiler), on a CPU
 * without AVX-512F, or with the system property {@code medai.nativeKernels=false}, {@link #AVAILABLE}
 * is false, {@link #STATUS} says why, and the Java kernels run. A library packed in a jar is copied
 * to a temporary file first (the JVM loads only files); nothing is downloaded.
 */
final class NativeLinear {
  /** The system property that turns the native kernels off ({@code false}). */
  static final String PROPERTY = "medai.nativeKernels";
  private static final String LIBRARY = "native/linux-x86_64/libmedai_imaging.so";

  static final String STATUS;
  static final boolean AVAILABLE;

  static {
    String status;
    try {
      status = load();
    } catch (IOException | LinkageError | RuntimeException e) {
      status = "not loaded: " + e;
    }
    STATUS = status;
    AVAILABLE = status.equals("loaded");
  }

  private NativeLinear() {}

  private static String load() throws IOException {
    if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))) return "off (" + PROPERTY + "=false)";
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return "none built for " + os + "/" + arch;
    }
    URL url = NativeLinear.class.getResource(LIBRARY);
    if (url == null) return "not built (no C compiler where this jar was built)";
    Path file;
    if (url.getProtocol().equals("file")) {
      file = Path.of(java.net.URI.create(url.toString()));
    } else {
      file = Files.createTempFile("medai-imaging-", ".so");
      file.toFile().deleteOnExit();
      try (InputStream in = url.openStream()) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    System.load(file.toAbsolutePath().toString());
    return probe() == 1 ? "loaded" : "CPU without AVX-512F and FMA";
  }

  /** 1 where the CPU and the OS run the kernel's instruction set. */
  private static native int probe();

  /**
   * Items [from, to) of {@link SeparableResampler#run}'s split (slab × band of output rows), linear
   * on all three axes, two taps each. Axis tables as {@link SeparableResampler.Axis}; {@code code}
   * 0 int16, 1 uint16, 2 float32; source rows contiguous along i. Returns 0, or -1 when the call's
   * scratch could not be allocated (nothing written).
   */
  static native int run(long src, long bsj, long bsk, int code, long dst, int ni, int nj, int nk,
      int[] xIndex, float[] xWeight, int[] yIndex, float[] yWeight, int[] zIndex, float[] zWeight, int xlo, int nx,
      int band, int slabs, long from, long to, boolean rescale, float slope, float intercept, float fill);

  /**
   * Native bytes one call allocates at most: three intermediate planes of {@code band} rows (each
   * with two vectors of padding), the blended line, the tables and, while they are built, one
   * axis's copy.
   */
  static long scratchBytes(int ni, int nj, int nk, int nx, int band) {
    long rowLength = (ni + 15L) / 16 * 16;
    long tables = 12L * (ni + nj + nk) + 12L * rowLength + 4L * ni + 3 * 64 + 32L * Math.max(ni, Math.max(nj, nk));
    return 3 * 4 * (rowLength * band + 32) + 4L * (nx + 33) + tables;
  }
}
