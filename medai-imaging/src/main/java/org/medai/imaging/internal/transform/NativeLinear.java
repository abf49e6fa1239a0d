package org.medai.imaging.internal.transform;

import org.medai.core.internal.NativeLibrary;

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
 * is false, {@link #STATUS} says why, and the Java kernels run ({@link NativeLibrary} loads it).
 */
final class NativeLinear {
  /** The system property that turns the native kernels off ({@code false}). */
  static final String PROPERTY = "medai.nativeKernels";
  private static final String LIBRARY = "native/linux-x86_64/libmedai_imaging.so";

  static final String STATUS;
  static final boolean AVAILABLE;

  static {
    String status = NativeLibrary.load(NativeLinear.class, LIBRARY, PROPERTY);
    if (status.equals(NativeLibrary.LOADED)) {
      try {
        status = probe() == 1 ? NativeLibrary.LOADED : "CPU without AVX-512F and FMA";
      } catch (LinkageError e) {
        status = "not loaded: " + e;
      }
    }
    STATUS = status;
    AVAILABLE = status.equals(NativeLibrary.LOADED);
  }

  private NativeLinear() {}

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
