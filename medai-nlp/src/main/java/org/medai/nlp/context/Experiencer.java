package org.medai.nlp.context;

/** Who experiences a condition. */
public enum Experiencer {
  PATIENT,
  /** A family member or other person (ConText's "other"). */
  FAMILY
}
