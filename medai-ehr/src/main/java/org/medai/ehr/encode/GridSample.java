package org.medai.ehr.encode;

import java.time.Instant;

/**
 * One patient's grid at one cutoff: value, mask and GRU-D delta arrays of shape [T, D] (row-major,
 * variable fastest) and a time mask [T] (1 for bins that start at or before the cutoff, 0 for
 * padding). Padding rows hold 0 in every array. Deltas are in hours. Arrays are owned by the sample
 * and must not be modified; the record is otherwise immutable.
 *
 * @param patient {@code Patient/<id>}
 * @param index start of bin 0
 * @param cutoff the latest instant whose data the sample uses
 * @param validBins number of non-padding bins
 */
public record GridSample(String patient, Instant index, Instant cutoff, int bins, int vars, int validBins,
                         float[] values, float[] mask, float[] delta, float[] timeMask) {

  public float value(int t, int d) {
    return values[t * vars + d];
  }

  public float mask(int t, int d) {
    return mask[t * vars + d];
  }

  public float delta(int t, int d) {
    return delta[t * vars + d];
  }

  /** True when every array is bit-for-bit equal to {@code o}'s. */
  public boolean bitEquals(GridSample o) {
    return bins == o.bins && vars == o.vars && validBins == o.validBins && same(values, o.values) && same(mask, o.mask)
        && same(delta, o.delta) && same(timeMask, o.timeMask);
  }

  static boolean same(float[] a, float[] b) {
    if (a.length != b.length) return false;
    for (int i = 0; i < a.length; i++) if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) return false;
    return true;
  }

  @Override
  public String toString() {
    return "GridSample[" + bins + "x" + vars + ", valid " + validBins + "]";
  }
}
