package org.medai.core.nd4j;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.medai.core.InvalidArgumentException;
import org.medai.core.memory.MemoryScope;
import org.medai.core.memory.NativeBuffer;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Zero-copy views between medai float32 host tensors and ND4J {@link INDArray}s: both sides read
 * and write the same off-heap memory, so a write through one is seen through the other.
 *
 * <p>Only this package needs ND4J (an optional dependency of medai-core): add {@code nd4j-native}
 * with its {@code linux-x86_64} classifier to use it. The first call initialises ND4J (about
 * 0.5-2 s). Stateless and thread-safe; the views follow the element rules of their memory.
 *
 * <p>Lifetimes: an {@link #asINDArray INDArray view} is valid while the tensor's scope is open
 * (ND4J does not own or free that memory). A {@link #asTensor tensor view} lives in the scope the
 * caller names and keeps the INDArray reachable until that scope closes; closing it frees nothing.
 */
public final class Nd4jTensors {
  private Nd4jTensors() {}

  /**
   * The tensor's elements as an INDArray of the same shape (C order), without a copy. The tensor
   * must be a float32 host tensor, contiguous in C order, with at least one axis; copy it first
   * ({@link Tensor#copy}) otherwise.
   */
  public static INDArray asINDArray(Tensor tensor) {
    if (tensor.dtype() != DType.FLOAT32) {
      throw new InvalidArgumentException("MEDAI-ND4J-001",
          "only float32 tensors can be viewed as INDArrays, got " + tensor.dtype() + "; convert it first");
    }
    if (!tensor.isHost()) {
      throw new InvalidArgumentException("MEDAI-ND4J-002",
          "tensor lives on " + tensor.device() + "; download it to the host before viewing it in ND4J");
    }
    if (!tensor.isContiguous() || tensor.rank() == 0) {
      throw new InvalidArgumentException("MEDAI-ND4J-003",
          "only contiguous tensors with at least one axis can be viewed without a copy; got strides "
              + Arrays.toString(tensor.strides()) + " for shape " + Arrays.toString(tensor.shape()) + "; copy it first");
    }
    long n = tensor.elementCount();
    long start = tensor.hostBuffer().address() + 4 * tensor.offset();
    FloatPointer p = new FloatPointer() {
      {
        address = start; // the inherited field; JavaCPP has no public address constructor
      }
    };
    p.capacity(n).limit(n);
    DataBuffer buffer = Nd4j.createBuffer(p, DataType.FLOAT, n, FloatIndexer.create(p));
    return Nd4j.create(buffer, tensor.shape(), tensor.strides(), 0, 'c', DataType.FLOAT);
  }

  /**
   * The INDArray's elements as a float32 host tensor of the same shape and strides, without a copy,
   * registered in {@code scope} (which keeps {@code array} reachable until it closes). The array
   * must be float32 with non-negative strides (views and C- or F-ordered arrays are fine).
   */
  public static Tensor asTensor(INDArray array, MemoryScope scope) {
    if (array.dataType() != DataType.FLOAT) {
      throw new InvalidArgumentException("MEDAI-ND4J-004",
          "only FLOAT INDArrays can be viewed as tensors, got " + array.dataType() + "; cast it with castTo(DataType.FLOAT)");
    }
    long[] shape = array.shape();
    long[] strides = array.stride();
    long span = 1;
    for (int a = 0; a < shape.length; a++) {
      if (strides[a] < 0) {
        throw new InvalidArgumentException("MEDAI-ND4J-005",
            "INDArray has a negative stride " + Arrays.toString(strides) + "; call dup() first");
      }
      if (shape[a] == 0) span = 0;
      else if (span > 0) span += (shape[a] - 1) * strides[a];
    }
    // array.data() may be a view of a larger buffer; its address already points at the view's start.
    long address = array.data().address() + 4 * array.offset();
    NativeBuffer buffer = NativeBuffer.borrow(scope, address, Math.max(span, 1) * 4, array);
    Tensor flat = Tensor.wrap(buffer, DType.FLOAT32, Math.max(span, 1));
    return flat.view(0, shape, strides);
  }
}
