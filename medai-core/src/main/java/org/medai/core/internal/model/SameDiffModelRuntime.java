package org.medai.core.internal.model;

import java.nio.file.Path;
import java.util.Locale;
import org.medai.core.backend.Availability;
import org.medai.core.model.Model;
import org.medai.core.model.ModelOptions;
import org.medai.core.model.ModelRuntime;

/**
 * ND4J SameDiff as a {@link ModelRuntime}, for models saved by SameDiff ({@code .fb}, {@code .sdz}).
 * Touches no ND4J type until a model is loaded, so it is harmless without ND4J on the class path.
 */
public final class SameDiffModelRuntime implements ModelRuntime {
  private volatile Availability probed;

  @Override
  public String name() {
    return "samediff";
  }

  @Override
  public Availability probe() {
    Availability a = probed;
    if (a == null) {
      try {
        Class.forName("org.nd4j.autodiff.samediff.SameDiff", false, SameDiffModelRuntime.class.getClassLoader());
        a = Availability.yes("ND4J SameDiff (CPU)");
      } catch (Throwable t) {
        a = Availability.no("ND4J is not on the class path (add org.nd4j:nd4j-native)");
      }
      probed = a;
    }
    return a;
  }

  @Override
  public boolean accepts(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".fb") || n.endsWith(".sdz") || n.endsWith(".samediff");
  }

  @Override
  public Model load(Path file, ModelOptions options) {
    Availability a = probe();
    if (!a.available()) {
      throw new org.medai.core.BackendException("MEDAI-MODEL-020", "samediff runtime unavailable: " + a.reason());
    }
    return SameDiffModel.load(file);
  }
}
