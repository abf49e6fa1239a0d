package org.medai.ehr.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The SameDiff time-aware transformer against attention worked by hand for dm = 2, two real triplets and one pad. */
class TimeAwareTransformerTest {

  @Test
  void forward_twoTripletsAndPadding_matchesHandComputation() {
    Map<String, INDArray> w = new LinkedHashMap<>();
    w.put("Evar", Nd4j.create(new float[] {1, 0, 0, 1}, new long[] {2, 2}, DataType.FLOAT));
    w.put("wv", Nd4j.create(new float[] {1, 1}, new long[] {2}, DataType.FLOAT));
    w.put("bv", Nd4j.create(new float[] {0, 0}, new long[] {2}, DataType.FLOAT));
    for (String k : new String[] {"Wq", "Wk", "Wv"}) w.put(k, Nd4j.create(new float[] {1, 0, 0, 1}, new long[] {2, 2}, DataType.FLOAT));
    TimeAwareTransformer tr = new TimeAwareTransformer(3, 2, w);
    INDArray times = Nd4j.create(new float[] {0, 1, 0}, new long[] {1, 3}, DataType.FLOAT);
    INDArray vars = Nd4j.create(new int[] {0, 1, 0}, new long[] {1, 3}, DataType.INT32);
    INDArray values = Nd4j.create(new float[] {1, 2, 0}, new long[] {1, 3}, DataType.FLOAT);
    INDArray mask = Nd4j.create(new float[] {1, 1, 0}, new long[] {1, 3}, DataType.FLOAT);
    INDArray out = tr.forward(times, vars, values, mask);
    assertArrayEquals(new long[] {1, 2}, out.shape());

    // By hand. dm = 2 gives one frequency, w_0 = 1: time embedding [sin t, cos t].
    // e1 = onehot(0) Evar + 1 * [1, 1] + [sin 0, cos 0] = [1, 0] + [1, 1] + [0, 1] = [2, 2]
    double[] e1 = {2, 2};
    // e2 = [0, 1] + 2 * [1, 1] + [sin 1, cos 1]
    double[] e2 = {2 + Math.sin(1), 3 + Math.cos(1)};
    // identity projections: q = k = v = e; the padded key is masked out, so each real token attends to e1, e2 only
    double[][] e = {e1, e2};
    double[] pooled = new double[2];
    for (int i = 0; i < 2; i++) {
      double s1 = (e[i][0] * e1[0] + e[i][1] * e1[1]) / Math.sqrt(2);
      double s2 = (e[i][0] * e2[0] + e[i][1] * e2[1]) / Math.sqrt(2);
      double mx = Math.max(s1, s2);
      double a1 = Math.exp(s1 - mx) / (Math.exp(s1 - mx) + Math.exp(s2 - mx));
      double a2 = 1 - a1;
      for (int c = 0; c < 2; c++) pooled[c] += (e[i][c] + a1 * e1[c] + a2 * e2[c]) / 2;
    }
    assertEquals(pooled[0], out.getDouble(0, 0), 1e-4);
    assertEquals(pooled[1], out.getDouble(0, 1), 1e-4);
  }

  @Test
  void forward_batchFromSequenceEncoder_eachRowEqualsTheSampleEncodedAlone() {
    GridSpec spec = GridEncoderTest.spec(Imputation.FORWARD_FILL);
    SequenceEncoder enc = new SequenceEncoder(spec.variables(), 8, java.time.Duration.ofHours(1), GridEncoderTest.stats(spec));
    SequenceSample a = enc.encode(GridEncoderTest.handTimeline(), GridEncoderTest.T0, GridEncoderTest.at(4, 59));
    SequenceSample b = enc.encode(GridEncoderTest.handTimeline(), GridEncoderTest.T0, GridEncoderTest.at(1, 30));
    Map<String, INDArray> nd = EhrBatch.of(java.util.List.of(), java.util.List.of(a, b, a), java.util.List.of(), null).toNd4j();
    Nd4j.getRandom().setSeed(5);
    Map<String, INDArray> w = new LinkedHashMap<>();
    w.put("Evar", Nd4j.rand(DataType.FLOAT, 2, 4));
    w.put("wv", Nd4j.rand(DataType.FLOAT, 4));
    w.put("bv", Nd4j.zeros(DataType.FLOAT, 4));
    for (String k : new String[] {"Wq", "Wk", "Wv"}) w.put(k, Nd4j.rand(DataType.FLOAT, 4, 4).subi(0.5));
    TimeAwareTransformer tr = new TimeAwareTransformer(8, 2, w);
    INDArray out = tr.forward(nd.get("seq_times"), nd.get("seq_vars"), nd.get("seq_values"), nd.get("seq_mask"));
    assertArrayEquals(new long[] {3, 4}, out.shape());
    assertArrayEquals(out.getRow(0).toFloatVector(), out.getRow(2).toFloatVector(), 0f);
    // a sample encodes the same alone as inside a batch
    TimeAwareTransformer alone = new TimeAwareTransformer(8, 2, w);
    INDArray single = alone.forward(nd.get("seq_times").getRows(1), nd.get("seq_vars").getRows(1), nd.get("seq_values").getRows(1),
        nd.get("seq_mask").getRows(1));
    assertArrayEquals(out.getRow(1).toFloatVector(), single.getRow(0).toFloatVector(), 1e-5f);
  }
}
