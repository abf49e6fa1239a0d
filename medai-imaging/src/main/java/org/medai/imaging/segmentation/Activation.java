package org.medai.imaging.segmentation;

/** What turns the blended model output into per-class scores before the argmax. */
public enum Activation {
  /** The model already outputs probabilities (or the argmax of raw logits is wanted). */
  NONE,
  /** Softmax over channels: multi-class logits. The argmax is the same as NONE's; probabilities differ. */
  SOFTMAX,
  /** Sigmoid per channel: multi-label logits; labels are channel index + 1 of the highest score above 0.5, else 0. */
  SIGMOID
}
