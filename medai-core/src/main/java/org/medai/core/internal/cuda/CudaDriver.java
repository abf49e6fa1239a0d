package org.medai.core.internal.cuda;

import static org.bytedeco.cuda.global.cudart.CUDA_SUCCESS;
import static org.bytedeco.cuda.global.cudart.cuGetErrorName;
import static org.bytedeco.cuda.global.cudart.cuGetErrorString;

import org.bytedeco.javacpp.PointerPointer;
import org.medai.core.BackendException;

/**
 * Error checking for CUDA driver API calls: every result code that is not {@code CUDA_SUCCESS}
 * becomes a {@link BackendException} naming the call, what it was for (kernel, size) and the
 * driver's error name and description. Stateless and thread-safe. Only used once the CUDA
 * libraries have loaded (see {@link CudaProbe}).
 */
final class CudaDriver {
  private CudaDriver() {}

  /** Throws when {@code result} is an error; {@code what} names the object involved (kernel, bytes). */
  static void check(int result, String call, String what) {
    if (result != CUDA_SUCCESS) {
      throw new BackendException("MEDAI-CUDA-010", "%s failed for %s: %s; check the GPU and driver with nvidia-smi"
          .formatted(call, what, describe(result)));
    }
  }

  /** {@code CUDA_ERROR_OUT_OF_MEMORY (out of memory)}, or the bare code when the driver cannot name it. */
  static String describe(int result) {
    String name = errorText(result, true);
    String text = errorText(result, false);
    if (name == null) return "CUDA error " + result;
    return text == null ? name : name + " (" + text + ")";
  }

  private static String errorText(int result, boolean name) {
    try (PointerPointer<?> out = new PointerPointer<>(1)) {
      int r = name ? cuGetErrorName(result, out) : cuGetErrorString(result, out);
      if (r != CUDA_SUCCESS || out.get(0) == null) return null;
      return out.getString(0);
    }
  }
}
