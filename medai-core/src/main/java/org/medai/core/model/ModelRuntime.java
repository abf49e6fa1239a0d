package org.medai.core.model;

import java.nio.file.Path;

/**
 * Service-provider interface of model runtimes (ONNX Runtime, ND4J SameDiff), found with
 * {@link java.util.ServiceLoader} through {@link ModelRuntimes}. Construction is cheap; native
 * libraries load on {@link #probe()} or {@link #load}. No runtime ever downloads anything.
 */
public interface ModelRuntime {

  /** {@code onnx} or {@code samediff}. */
  String name();

  /** Whether this runtime works here, and why not. Never throws. */
  org.medai.core.backend.Availability probe();

  /** True when this runtime reads files like {@code file} (by extension). */
  boolean accepts(Path file);

  /** Loads a model file; the caller closes the model. */
  Model load(Path file, ModelOptions options);
}
