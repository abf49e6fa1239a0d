package org.medai.core.nd4j;

import org.medai.core.internal.model.SameDiffModel;
import org.medai.core.model.Model;
import org.nd4j.autodiff.samediff.SameDiff;

/** Wraps SameDiff graphs built in Java as medai {@link Model}s. Needs ND4J on the class path. */
public final class SameDiffModels {
  private SameDiffModels() {}

  /**
   * A model over {@code sd} reading placeholder {@code input} and producing variable {@code output}.
   * Use -1 for dynamic dimensions in the shapes (N, C, D, H, W for volumes). The model owns the
   * graph: closing the model closes it.
   */
  public static Model of(SameDiff sd, String input, String output, long[] inputShape, long[] outputShape) {
    return new SameDiffModel(sd, input, output, inputShape, outputShape);
  }
}
