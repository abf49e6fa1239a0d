package org.medai.ehr.encode;

/**
 * One patient's event sequence at one cutoff, STraTS style: up to L (time, variable, value) triplets,
 * oldest first, left-aligned, padded with zeros; {@code mask[i]} is 1 for real triplets. Times are
 * hours relative to the index (negative before it). Arrays are owned by the sample and must not be
 * modified.
 *
 * @param patient {@code Patient/<id>}
 * @param length number of real triplets
 */
public record SequenceSample(String patient, int length, float[] timesHours, int[] variables, float[] values, float[] mask) {

  public int maxLength() {
    return mask.length;
  }

  public boolean bitEquals(SequenceSample o) {
    return length == o.length && GridSample.same(timesHours, o.timesHours) && java.util.Arrays.equals(variables, o.variables)
        && GridSample.same(values, o.values) && GridSample.same(mask, o.mask);
  }

  @Override
  public String toString() {
    return "SequenceSample[" + length + "/" + mask.length + "]";
  }
}
