package org.medai.core.backend;

import java.util.Optional;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;

/**
 * A compute backend: where tensors live and where kernels run. Created through {@link Device} or a
 * {@link BackendProvider}; close it to release its threads or device context (tensors it allocated
 * belong to their scopes, not to the backend, but must not be used after the backend closes).
 *
 * <p>Thread-safe: calls from several threads are allowed. Device backends may run work
 * asynchronously; {@link #download} and {@link #synchronize} wait for it.
 *
 * <p>Every kernel here has a CPU twin computing the same float32 math; the backend conformance
 * tests compare them.
 */
public interface Backend extends AutoCloseable {

  /** {@code cpu}, {@code cuda}. */
  String name();

  /** What it runs on, e.g. {@code 2 CPU threads} or {@code NVIDIA H200 (sm_90), 139 GiB}. */
  String deviceDescription();

  /** Uninitialised contiguous tensor in this backend's memory, owned by {@code scope}. */
  Tensor allocate(DType dtype, MemoryScope scope, long... shape);

  /** A copy of a host tensor in this backend's memory (for the CPU backend, a host copy). */
  Tensor upload(Tensor host, MemoryScope scope);

  /** A contiguous host copy of a tensor of this backend. */
  Tensor download(Tensor tensor, MemoryScope scope);

  /**
   * Copies {@code src} into {@code dst}: both of this backend, contiguous, same dtype and shape.
   * Device backends copy on the device without a round trip through the host.
   */
  void copy(Tensor src, Tensor dst);

  /**
   * Sets every element of {@code dst} to {@code value} converted to its dtype (floats round to
   * nearest; integers truncate towards zero, as a Java cast does).
   */
  void fill(Tensor dst, double value);

  /** {@code y = alpha · x + y} on float32 tensors of equal shape. */
  void axpy(float alpha, Tensor x, Tensor y);

  /**
   * {@code dst = float32(src) · slope + intercept}, computed in float32 with a fused multiply-add,
   * for any source dtype into a float32 destination of the same shape. This is the DICOM modality
   * rescale (stored value × RescaleSlope + RescaleIntercept).
   */
  void convert(Tensor src, Tensor dst, float slope, float intercept);

  /**
   * Running other modules' own device kernels on this backend ({@link DeviceKernels}), or empty
   * where the backend has none (the CPU backend). Cheap; the same object on every call.
   */
  default Optional<DeviceKernels> kernels() {
    return Optional.empty();
  }

  /** Waits until all work submitted from this thread has finished. */
  void synchronize();

  @Override
  void close();
}
