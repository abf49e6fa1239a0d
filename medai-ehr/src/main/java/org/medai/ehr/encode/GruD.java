package org.medai.ehr.encode;

/**
 * The GRU-D time-since-last-observation recurrence (Che et al. 2018, "Recurrent Neural Networks for
 * Multivariate Time Series with Missing Values", eq. 2): for each variable d,
 * {@code delta_1 = 0}; {@code delta_t = s_t - s_{t-1} + delta_{t-1}} if {@code m_{t-1} = 0}, else
 * {@code s_t - s_{t-1}}. Stateless and thread-safe.
 */
public final class GruD {
  private GruD() {}

  /**
   * Computes deltas for a [T, D] row-major mask.
   *
   * @param timestamps the T time stamps {@code s_t} (any unit, non-decreasing; the grid encoders use hours)
   * @param mask [T * D] row-major, 1 observed / 0 missing
   * @param vars D
   * @param validSteps steps that hold data; deltas after them are 0 (padding)
   * @return [T * D] row-major deltas, in the unit of {@code timestamps}
   */
  public static float[] deltas(double[] timestamps, float[] mask, int vars, int validSteps) {
    int steps = timestamps.length;
    if (mask.length != steps * vars) throw new IllegalArgumentException("mask has " + mask.length + " values, expected " + steps * vars);
    float[] delta = new float[steps * vars];
    for (int d = 0; d < vars; d++) {
      double prev = 0;
      for (int t = 1; t < Math.min(steps, validSteps); t++) {
        double gap = timestamps[t] - timestamps[t - 1];
        prev = mask[(t - 1) * vars + d] == 0 ? gap + prev : gap;
        delta[t * vars + d] = (float) prev;
      }
    }
    return delta;
  }
}
