package org.medai.ehr.encode;

/** How the values of one variable that fall in one bin become one number. */
public enum Aggregation {
  /** Arithmetic mean, summed in timeline order in double precision. */
  MEAN,
  /** The value of the last event in timeline order. */
  LAST,
  MIN,
  MAX,
  /** Number of matching events (numeric or not). */
  COUNT
}
