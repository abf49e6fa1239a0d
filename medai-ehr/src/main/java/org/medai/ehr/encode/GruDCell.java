package org.medai.ehr.encode;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A GRU-D layer (Che et al. 2018) as a SameDiff graph, unrolled over a fixed number of steps. Inputs
 * are {@link EhrBatch}'s grid arrays: {@code values} [N, T, D] forward-filled (so unobserved cells
 * hold the last observation, or the training mean before the first), {@code mask} and {@code delta}
 * [N, T, D], and the training means [D]. Per step:
 * <pre>
 * gx = exp(-relu(delta * wgx + bgx))                   (diagonal input decay)
 * xh = m * x + (1 - m) * (gx * x + (1 - gx) * mean)    (x is the forward-filled value)
 * gh = exp(-relu(delta @ Wgh + bgh)); h = gh * h
 * r  = sigmoid(xh @ Wr + h @ Ur + m @ Vr + br)
 * z  = sigmoid(xh @ Wz + h @ Uz + m @ Vz + bz)
 * hc = tanh(xh @ W + (r * h) @ U + m @ V + b)
 * h  = (1 - z) * h + z * hc
 * </pre>
 * The output is the last hidden state [N, H]. Not thread-safe (a SameDiff graph is mutable); build
 * one per thread. The caller owns the returned arrays.
 */
public final class GruDCell {
  private final SameDiff sd = SameDiff.create();
  private final int steps;
  private final SDVariable out;

  /**
   * @param steps T
   * @param weights initial values by name: {@code wgx, bgx} [D]; {@code Wgh} [D, H], {@code bgh} [H];
   *     {@code Wr, Wz, W} [D, H]; {@code Ur, Uz, U} [H, H]; {@code Vr, Vz, V} [D, H]; {@code br, bz, b} [H]
   * @param mean training means [D]
   */
  public GruDCell(int steps, Map<String, INDArray> weights, INDArray mean) {
    this.steps = steps;
    int d = (int) weights.get("Wr").size(0);
    SDVariable x = sd.placeHolder("values", DataType.FLOAT, -1, steps, d);
    SDVariable m = sd.placeHolder("mask", DataType.FLOAT, -1, steps, d);
    SDVariable dl = sd.placeHolder("delta", DataType.FLOAT, -1, steps, d);
    SDVariable mu = sd.constant("mean", mean.castTo(DataType.FLOAT));
    Map<String, SDVariable> w = new LinkedHashMap<>();
    for (var e : weights.entrySet()) w.put(e.getKey(), sd.var(e.getKey(), e.getValue().castTo(DataType.FLOAT)));
    SDVariable h = null;
    for (int t = 0; t < steps; t++) {
      SDVariable xt = sd.squeeze(x.get(org.nd4j.autodiff.samediff.SDIndex.all(), org.nd4j.autodiff.samediff.SDIndex.interval(t, t + 1),
          org.nd4j.autodiff.samediff.SDIndex.all()), 1);
      SDVariable mt = sd.squeeze(m.get(org.nd4j.autodiff.samediff.SDIndex.all(), org.nd4j.autodiff.samediff.SDIndex.interval(t, t + 1),
          org.nd4j.autodiff.samediff.SDIndex.all()), 1);
      SDVariable dt = sd.squeeze(dl.get(org.nd4j.autodiff.samediff.SDIndex.all(), org.nd4j.autodiff.samediff.SDIndex.interval(t, t + 1),
          org.nd4j.autodiff.samediff.SDIndex.all()), 1);
      SDVariable gx = sd.math.exp(sd.nn.relu(dt.mul(w.get("wgx")).add(w.get("bgx")), 0).neg());
      SDVariable xh = mt.mul(xt).add(mt.rsub(1.0).mul(gx.mul(xt).add(gx.rsub(1.0).mul(mu))));
      SDVariable gh = sd.math.exp(sd.nn.relu(dt.mmul(w.get("Wgh")).add(w.get("bgh")), 0).neg());
      if (h == null) h = gh.mul(0.0);
      h = gh.mul(h);
      SDVariable r = sd.nn.sigmoid(xh.mmul(w.get("Wr")).add(h.mmul(w.get("Ur"))).add(mt.mmul(w.get("Vr"))).add(w.get("br")));
      SDVariable z = sd.nn.sigmoid(xh.mmul(w.get("Wz")).add(h.mmul(w.get("Uz"))).add(mt.mmul(w.get("Vz"))).add(w.get("bz")));
      SDVariable hc = sd.math.tanh(xh.mmul(w.get("W")).add(r.mul(h).mmul(w.get("U"))).add(mt.mmul(w.get("V"))).add(w.get("b")));
      h = z.rsub(1.0).mul(h).add(z.mul(hc));
    }
    out = sd.identity("hidden", h);
  }

  /** The SameDiff graph (for training or export); its output variable is {@code hidden}. */
  public SameDiff graph() {
    return sd;
  }

  /** Last hidden states [N, H] for grid arrays [N, T, D]. */
  public INDArray forward(INDArray values, INDArray mask, INDArray delta) {
    if (values.size(1) != steps) throw new EncodeException("MEDAI-ENC-060", "GRU-D layer was built for " + steps + " steps, got " + values.size(1));
    Map<String, INDArray> ph = new LinkedHashMap<>();
    ph.put("values", values.castTo(DataType.FLOAT));
    ph.put("mask", mask.castTo(DataType.FLOAT));
    ph.put("delta", delta.castTo(DataType.FLOAT));
    return sd.output(ph, out.name()).get(out.name());
  }

  /** Weights initialised uniformly in [-s, s] with {@code s = 1 / sqrt(H)} from a seed (decay biases 0). */
  public static Map<String, INDArray> randomWeights(int d, int hidden, long seed) {
    Nd4j.getRandom().setSeed(seed);
    double s = 1 / Math.sqrt(hidden);
    Map<String, INDArray> w = new LinkedHashMap<>();
    w.put("wgx", Nd4j.rand(DataType.FLOAT, d).muli(0.1));
    w.put("bgx", Nd4j.zeros(DataType.FLOAT, d));
    w.put("Wgh", Nd4j.rand(DataType.FLOAT, d, hidden).muli(0.1));
    w.put("bgh", Nd4j.zeros(DataType.FLOAT, hidden));
    for (String k : new String[] {"Wr", "Wz", "W", "Vr", "Vz", "V"}) w.put(k, Nd4j.rand(DataType.FLOAT, d, hidden).muli(2 * s).subi(s));
    for (String k : new String[] {"Ur", "Uz", "U"}) w.put(k, Nd4j.rand(DataType.FLOAT, hidden, hidden).muli(2 * s).subi(s));
    for (String k : new String[] {"br", "bz", "b"}) w.put(k, Nd4j.zeros(DataType.FLOAT, hidden));
    return w;
  }

}
