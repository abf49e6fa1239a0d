package org.medai.core.model;

import java.util.List;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.Tensor;

/**
 * A loaded model that maps one input tensor to one output tensor (the common case for
 * segmentation networks and encoders). Thread-safe: {@link #run} may be called concurrently.
 * Close it to release the runtime's session; tensors it returned belong to their scopes.
 */
public interface Model extends AutoCloseable {

  /** The runtime that loaded it: {@code onnx}, {@code samediff}. */
  String runtime();

  List<TensorSpec> inputs();

  List<TensorSpec> outputs();

  /**
   * Runs the model on a host input that fits {@code inputs().get(0)}; returns the first output as a
   * contiguous host float32 tensor owned by {@code scope}.
   */
  Tensor run(Tensor input, MemoryScope scope);

  /**
   * Output shape for a given input shape, known without running (for memory plans). For fully
   * convolutional networks the default assumes spatial dimensions are preserved and the channel
   * count comes from the output spec.
   */
  default long[] outputShapeFor(long[] inputShape) {
    long[] out = inputShape.clone();
    long[] spec = outputs().get(0).shape();
    if (spec.length == out.length && spec.length >= 2 && spec[1] > 0) out[1] = spec[1];
    return out;
  }

  @Override
  void close();
}
