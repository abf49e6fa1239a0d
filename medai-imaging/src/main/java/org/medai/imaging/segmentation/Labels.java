package org.medai.imaging.segmentation;

/** Activation and argmax of one voxel's class scores. */
final class Labels {
  private Labels() {}

  /**
   * Applies the activation to {@code v} in place and returns the voxel's label: the index of the
   * highest score (lowest index on ties) for NONE and SOFTMAX; for SIGMOID, 1 + the index of the
   * highest probability when it exceeds 0.5, else 0.
   */
  static int argmaxLabel(float[] v, Activation act) {
    int best = 0;
    for (int c = 1; c < v.length; c++) if (v[c] > v[best]) best = c;
    switch (act) {
      case NONE -> {
        return best;
      }
      case SOFTMAX -> {
        float max = v[best];
        float sum = 0;
        for (int c = 0; c < v.length; c++) {
          v[c] = (float) Math.exp(v[c] - max);
          sum += v[c];
        }
        for (int c = 0; c < v.length; c++) v[c] /= sum;
        return best;
      }
      case SIGMOID -> {
        for (int c = 0; c < v.length; c++) v[c] = (float) (1 / (1 + Math.exp(-v[c])));
        return v[best] > 0.5f ? best + 1 : 0;
      }
      default -> throw new IllegalStateException("unknown activation " + act);
    }
  }
}
