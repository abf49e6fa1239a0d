package org.medai.core.internal.model;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.medai.core.BackendException;
import org.medai.core.InvalidArgumentException;
import org.medai.core.memory.MemoryScope;
import org.medai.core.model.Model;
import org.medai.core.model.TensorSpec;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A SameDiff graph with one placeholder input and one output. Calls are serialised on the graph:
 * thread-safe, but concurrent callers wait for each other.
 */
public final class SameDiffModel implements Model {
  private final SameDiff sd;
  private final String inputName;
  private final String outputName;
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;

  public SameDiffModel(SameDiff sd, String inputName, String outputName, long[] inputShape, long[] outputShape) {
    this.sd = sd;
    this.inputName = inputName;
    this.outputName = outputName;
    this.inputs = List.of(new TensorSpec(inputName, DType.FLOAT32, inputShape));
    this.outputs = List.of(new TensorSpec(outputName, DType.FLOAT32, outputShape));
  }

  static SameDiffModel load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidArgumentException("MEDAI-MODEL-021", "model file not found: " + file);
    }
    SameDiff sd;
    try {
      sd = SameDiff.load(new File(file.toString()), false);
    } catch (RuntimeException e) {
      throw new InvalidArgumentException("MEDAI-MODEL-022",
          "SameDiff could not load %s: %s".formatted(file.getFileName(), e.getMessage()));
    }
    List<String> in = sd.inputs();
    List<String> out = sd.outputs();
    if (in == null || in.size() != 1 || out == null || out.isEmpty()) {
      throw new InvalidArgumentException("MEDAI-MODEL-023",
          "SameDiff model %s must have exactly one placeholder input and a declared output; found inputs %s, outputs %s"
              .formatted(file.getFileName(), in, out));
    }
    long[] inShape = dynamic(sd.getVariable(in.get(0)).getShape());
    return new SameDiffModel(sd, in.get(0), out.get(0), inShape, dynamic(new long[inShape.length]));
  }

  private static long[] dynamic(long[] shape) {
    long[] s = shape == null ? new long[] {-1, -1, -1, -1, -1} : shape.clone();
    for (int i = 0; i < s.length; i++) if (s[i] <= 0) s[i] = -1;
    return s;
  }

  @Override
  public String runtime() {
    return "samediff";
  }

  @Override
  public List<TensorSpec> inputs() {
    return inputs;
  }

  @Override
  public List<TensorSpec> outputs() {
    return outputs;
  }

  @Override
  public Tensor run(Tensor input, MemoryScope scope) {
    inputs.get(0).requireAccepts(input.shape(), "model input");
    INDArray x = Nd4j.create(input.toFloatArray(), input.shape(), 'c').castTo(DataType.FLOAT);
    INDArray y;
    synchronized (sd) {
      try {
        y = sd.output(Map.of(inputName, x), outputName).get(outputName);
      } catch (RuntimeException e) {
        throw new BackendException("MEDAI-MODEL-024", "SameDiff failed to run the model: " + e.getMessage(), e);
      }
    }
    INDArray c = y.castTo(DataType.FLOAT).dup('c');
    return Tensor.ofFloats(scope, c.data().asFloat(), c.shape());
  }

  @Override
  public void close() {
    // SameDiff holds only JVM-managed arrays here; nothing native to release eagerly.
  }
}
