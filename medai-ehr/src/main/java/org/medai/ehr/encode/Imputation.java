package org.medai.ehr.encode;

/** What the value tensor holds where a variable was not observed (the mask says which is which). */
public enum Imputation {
  /** 0. */
  ZERO,
  /** The training-split empirical mean of the variable. */
  MEAN,
  /** The last observed value in the window; the training mean before the first observation. */
  FORWARD_FILL
}
