package org.medai.core.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.medai.core.InvalidArgumentException;

/** Finds model runtimes on the class path. Stateless. */
public final class ModelRuntimes {
  private ModelRuntimes() {}

  public static List<ModelRuntime> all() {
    List<ModelRuntime> list = new ArrayList<>();
    for (ModelRuntime r : ServiceLoader.load(ModelRuntime.class, ModelRuntimes.class.getClassLoader())) list.add(r);
    return list;
  }

  public static Optional<ModelRuntime> named(String name) {
    return all().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** Loads {@code file} with the first available runtime that accepts its extension. */
  public static Model load(Path file, ModelOptions options) {
    for (ModelRuntime r : all()) {
      if (r.accepts(file) && r.probe().available()) return r.load(file, options);
    }
    throw new InvalidArgumentException("MEDAI-MODEL-004",
        "no available model runtime reads %s; use an .onnx file (ONNX Runtime) or a SameDiff .fb file"
            .formatted(file.getFileName()));
  }
}
