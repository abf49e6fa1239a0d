package org.medai.imaging.transform;

import org.medai.core.concurrent.WorkPool;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.Volume;

/**
 * One step of a {@link TransformPipeline}: a function of a volume that allocates its result in the
 * given scope and never modifies its input. Implementations must be immutable and thread-safe.
 */
public interface VolumeTransform {

  Volume apply(Volume in, WorkPool pool, MemoryScope scope);

  /** A short description for provenance and logs, e.g. {@code reorient(RAS)}. No patient data. */
  String describe();

  /** A named step from a lambda. */
  static VolumeTransform of(String description, Step step) {
    return new VolumeTransform() {
      @Override
      public Volume apply(Volume in, WorkPool pool, MemoryScope scope) {
        return step.apply(in, pool, scope);
      }

      @Override
      public String describe() {
        return description;
      }
    };
  }

  /** The function shape of a step. */
  @FunctionalInterface
  interface Step {
    Volume apply(Volume in, WorkPool pool, MemoryScope scope);
  }
}
