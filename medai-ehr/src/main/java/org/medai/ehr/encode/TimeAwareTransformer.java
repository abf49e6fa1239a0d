package org.medai.ehr.encode;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A one-layer, single-head transformer encoder over STraTS triplets ({@link SequenceSample}) as a
 * SameDiff graph. Each triplet is embedded as
 * {@code onehot(variable) @ Evar + value * wv + bv + [sin(t * w_k), cos(t * w_k)]} with continuous
 * time {@code t} in hours and frequencies {@code w_k = 1 / 10000^(2k / dm)}; then
 * {@code h = e + softmax(Q K^T / sqrt(dm) + maskBias) V} with {@code Q, K, V = e @ Wq, e @ Wk, e @ Wv}
 * and padding keys masked out; the output is the masked mean of {@code h} over real triplets
 * [N, dm]. Not thread-safe (a SameDiff graph is mutable); the caller owns returned arrays.
 */
public final class TimeAwareTransformer {
  private final SameDiff sd = SameDiff.create();
  private final int length;
  private final SDVariable out;

  /**
   * @param length L
   * @param variables number of variables V
   * @param weights {@code Evar} [V, dm], {@code wv}, {@code bv} [dm], {@code Wq}, {@code Wk}, {@code Wv} [dm, dm]
   */
  public TimeAwareTransformer(int length, int variables, Map<String, INDArray> weights) {
    this.length = length;
    int dm = (int) weights.get("Wq").size(0);
    if (dm % 2 != 0) throw new EncodeException("MEDAI-ENC-061", "model width must be even for sin/cos time embeddings, got " + dm);
    SDVariable t = sd.placeHolder("seq_times", DataType.FLOAT, -1, length);
    SDVariable v = sd.placeHolder("seq_vars", DataType.INT, -1, length);
    SDVariable x = sd.placeHolder("seq_values", DataType.FLOAT, -1, length);
    SDVariable m = sd.placeHolder("seq_mask", DataType.FLOAT, -1, length);
    Map<String, SDVariable> w = new LinkedHashMap<>();
    for (var e : weights.entrySet()) w.put(e.getKey(), sd.var(e.getKey(), e.getValue().castTo(DataType.FLOAT)));
    float[] freq = new float[dm / 2];
    for (int k = 0; k < dm / 2; k++) freq[k] = (float) (1 / Math.pow(10000, 2.0 * k / dm));
    SDVariable omega = sd.constant("omega", Nd4j.create(freq, new long[] {dm / 2}, DataType.FLOAT));
    SDVariable t3 = sd.expandDims(t, 2);
    SDVariable angle = t3.mul(omega);
    SDVariable timeEmb = sd.concat(2, sd.math.sin(angle), sd.math.cos(angle));
    SDVariable oneHot = sd.oneHot(v, variables, -1, 1.0, 0.0, DataType.FLOAT);
    SDVariable varEmb = sd.reshape(sd.reshape(oneHot, -1, variables).mmul(w.get("Evar")), sd.concat(0,
        sd.sizeAt(t, 0).castTo(DataType.LONG).reshape(1), sd.constant(Nd4j.createFromArray((long) length, (long) dm))));
    SDVariable valEmb = sd.expandDims(x, 2).mul(w.get("wv")).add(w.get("bv"));
    SDVariable e = varEmb.add(valEmb).add(timeEmb);
    SDVariable q = proj(e, w.get("Wq"), dm);
    SDVariable k = proj(e, w.get("Wk"), dm);
    SDVariable val = proj(e, w.get("Wv"), dm);
    SDVariable scores = sd.mmul(q, k, false, true, false).div(Math.sqrt(dm));
    SDVariable bias = sd.expandDims(m.rsub(1.0).mul(-1e9), 1);
    SDVariable att = sd.nn.softmax(scores.add(bias), -1);
    SDVariable h = e.add(sd.mmul(att, val));
    SDVariable m3 = sd.expandDims(m, 2);
    SDVariable pooled = h.mul(m3).sum(1).div(sd.math.max(m.sum(true, 1), sd.constant(Nd4j.scalar(1f))));
    out = sd.identity("pooled", pooled);
  }

  private SDVariable proj(SDVariable e, SDVariable wmat, int dm) {
    SDVariable shape = sd.shape(e);
    return sd.reshape(sd.reshape(e, -1, dm).mmul(wmat), shape);
  }

  public SameDiff graph() {
    return sd;
  }

  /** Pooled encodings [N, dm] for sequence arrays [N, L] as {@link EhrBatch} holds them. */
  public INDArray forward(INDArray times, INDArray vars, INDArray values, INDArray mask) {
    if (times.size(1) != length) throw new EncodeException("MEDAI-ENC-062", "transformer was built for length " + length + ", got " + times.size(1));
    Map<String, INDArray> ph = new LinkedHashMap<>();
    ph.put("seq_times", times.castTo(DataType.FLOAT));
    ph.put("seq_vars", vars.castTo(DataType.INT));
    ph.put("seq_values", values.castTo(DataType.FLOAT));
    ph.put("seq_mask", mask.castTo(DataType.FLOAT));
    return sd.output(ph, out.name()).get(out.name());
  }
}
