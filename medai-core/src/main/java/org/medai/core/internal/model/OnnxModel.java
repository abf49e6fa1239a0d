package org.medai.core.internal.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medai.core.BackendException;
import org.medai.core.InvalidArgumentException;
import org.medai.core.backend.Availability;
import org.medai.core.memory.MemoryScope;
import org.medai.core.model.Model;
import org.medai.core.model.ModelOptions;
import org.medai.core.model.TensorSpec;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;

/** An ONNX Runtime session over one model file. Thread-safe (ORT sessions allow concurrent runs). */
final class OnnxModel implements Model {
  private final OrtEnvironment env;
  private final OrtSession session;
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;

  private OnnxModel(OrtEnvironment env, OrtSession session) throws OrtException {
    this.env = env;
    this.session = session;
    this.inputs = specs(session.getInputInfo());
    this.outputs = specs(session.getOutputInfo());
  }

  static Availability probe() {
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      return Availability.yes("ONNX Runtime " + env.getVersion() + " (" + String.join(", ", OrtEnvironment.getAvailableProviders().stream().map(Enum::name).toList()) + ")");
    } catch (Throwable t) {
      return Availability.no("ONNX Runtime failed to load: " + t.getMessage());
    }
  }

  static OnnxModel load(Path file, ModelOptions options) {
    try {
      if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString());
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
        so.setIntraOpNumThreads(options.intraOpThreads());
        so.setInterOpNumThreads(1);
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (options.device().startsWith("cuda")) addCuda(so, options.device());
        return new OnnxModel(env, env.createSession(file.toString(), so));
      }
    } catch (NoSuchFileException e) {
      throw new InvalidArgumentException("MEDAI-MODEL-011", "model file not found: " + file);
    } catch (OrtException e) {
      throw new InvalidArgumentException("MEDAI-MODEL-012",
          "ONNX Runtime could not load %s: %s".formatted(file.getFileName(), e.getMessage()));
    }
  }

  /**
   * Puts ONNX Runtime's CUDA execution provider first. Needs the GPU build of ONNX Runtime
   * ({@code onnxruntime_gpu}) and a driver; without them this fails with the runtime's reason
   * rather than silently running on the CPU (falling back is the caller's explicit choice).
   */
  private static void addCuda(OrtSession.SessionOptions so, String device) {
    int index = 0;
    if (device.startsWith("cuda:")) {
      try {
        index = Integer.parseInt(device.substring(5));
      } catch (NumberFormatException e) {
        throw new InvalidArgumentException("MEDAI-MODEL-017", "model device must be cpu, cuda or cuda:N; got " + device);
      }
    }
    try {
      so.addCUDA(index);
    } catch (OrtException | RuntimeException | LinkageError e) {
      throw new BackendException("MEDAI-MODEL-018",
          "ONNX Runtime's CUDA provider is unavailable (" + e.getMessage()
              + "); add com.microsoft.onnxruntime:onnxruntime_gpu and an NVIDIA driver, or run with device cpu", e);
    }
  }

  private static List<TensorSpec> specs(Map<String, NodeInfo> infos) throws OrtException {
    List<TensorSpec> out = new ArrayList<>();
    for (var e : infos.entrySet()) {
      if (!(e.getValue().getInfo() instanceof TensorInfo ti)) continue;
      long[] shape = ti.getShape();
      for (int i = 0; i < shape.length; i++) if (shape[i] <= 0) shape[i] = -1;
      out.add(new TensorSpec(e.getKey(), dtypeOf(ti.type), shape));
    }
    return List.copyOf(out);
  }

  private static DType dtypeOf(OnnxJavaType t) {
    return switch (t) {
      case FLOAT -> DType.FLOAT32;
      case DOUBLE -> DType.FLOAT64;
      case INT8 -> DType.INT8;
      case UINT8 -> DType.UINT8;
      case INT16 -> DType.INT16;
      case INT32 -> DType.INT32;
      default -> DType.FLOAT64;
    };
  }

  @Override
  public String runtime() {
    return "onnx";
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
    TensorSpec in = inputs.get(0);
    in.requireAccepts(input.shape(), "model input");
    if (input.dtype() != DType.FLOAT32 || !input.isContiguous() || input.byteSize() > Integer.MAX_VALUE) {
      throw new InvalidArgumentException("MEDAI-MODEL-013",
          "ONNX input must be a contiguous float32 host tensor under 2 GiB; got " + input);
    }
    ByteBuffer view = input.hostBuffer().asByteBuffer(input.offset() * 4, (int) input.byteSize());
    try (OnnxTensor t = OnnxTensor.createTensor(env, view.asFloatBuffer(), input.shape());
         OrtSession.Result r = session.run(Map.of(in.name(), t))) {
      OnnxValue v = r.get(0);
      if (!(v instanceof OnnxTensor ot) || ot.getInfo().type != OnnxJavaType.FLOAT) {
        throw new BackendException("MEDAI-MODEL-014", "model output 0 is not a float32 tensor");
      }
      long[] shape = ot.getInfo().getShape();
      Tensor out = Tensor.allocate(DType.FLOAT32, scope, shape);
      ByteBuffer bytes = ot.getByteBuffer().order(ByteOrder.nativeOrder());
      out.hostBuffer().asByteBuffer(0, (int) out.byteSize()).put(bytes);
      return out;
    } catch (OrtException e) {
      throw new BackendException("MEDAI-MODEL-015", "ONNX Runtime failed to run the model: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new BackendException("MEDAI-MODEL-016", "could not close the ONNX session: " + e.getMessage(), e);
    }
  }
}
