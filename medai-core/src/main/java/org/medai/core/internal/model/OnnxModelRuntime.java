package org.medai.core.internal.model;

import java.nio.file.Path;
import org.medai.core.backend.Availability;
import org.medai.core.model.Model;
import org.medai.core.model.ModelOptions;
import org.medai.core.model.ModelRuntime;

/**
 * ONNX Runtime (CPU provider) as a {@link ModelRuntime}. This class touches no ONNX Runtime type,
 * so it loads without the library on the class path; {@link OnnxModel} does the work.
 */
public final class OnnxModelRuntime implements ModelRuntime {
  private volatile Availability probed;

  @Override
  public String name() {
    return "onnx";
  }

  @Override
  public Availability probe() {
    Availability a = probed;
    if (a == null) {
      try {
        Class.forName("ai.onnxruntime.OrtEnvironment", false, OnnxModelRuntime.class.getClassLoader());
        a = OnnxModel.probe();
      } catch (Throwable t) {
        a = Availability.no("ONNX Runtime is not on the class path (add com.microsoft.onnxruntime:onnxruntime)");
      }
      probed = a;
    }
    return a;
  }

  @Override
  public boolean accepts(Path file) {
    return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx");
  }

  @Override
  public Model load(Path file, ModelOptions options) {
    Availability a = probe();
    if (!a.available()) {
      throw new org.medai.core.BackendException("MEDAI-MODEL-010", "onnx runtime unavailable: " + a.reason());
    }
    return OnnxModel.load(file, options);
  }
}
