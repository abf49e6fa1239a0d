package org.medai.core.model;

import java.util.Arrays;
import org.medai.core.InvalidArgumentException;
import org.medai.core.tensor.DType;

/**
 * Name, element type and shape of a model input or output. A dimension of {@code -1} is dynamic
 * (any size). Models in medai take N, C, D, H, W float32 tensors for volumes. Immutable.
 */
public record TensorSpec(String name, DType dtype, long[] shape) {

  public TensorSpec {
    shape = shape.clone();
    for (long d : shape) {
      if (d < -1 || d == 0) {
        throw new InvalidArgumentException("MEDAI-MODEL-001",
            "tensor spec %s has invalid dimension %d in %s; use -1 for dynamic".formatted(name, d, Arrays.toString(shape)));
      }
    }
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** True when {@code actual} has this rank and matches every fixed dimension. */
  public boolean accepts(long[] actual) {
    if (actual.length != shape.length) return false;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] != -1 && shape[i] != actual[i]) return false;
    }
    return true;
  }

  /** Throws naming both shapes when {@code actual} does not fit. */
  public void requireAccepts(long[] actual, String what) {
    if (!accepts(actual)) {
      throw new InvalidArgumentException("MEDAI-MODEL-002",
          "%s: shape %s does not fit model %s '%s' of shape %s (-1 = any)".formatted(
              what, Arrays.toString(actual), this == null ? "" : "tensor", name, Arrays.toString(shape)));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t && t.name.equals(name) && t.dtype == dtype && Arrays.equals(t.shape, shape);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + ":" + dtype + Arrays.toString(shape);
  }
}
