package org.medai.ehr.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The SameDiff GRU-D layer against the paper's equations worked by hand for D = H = 1, T = 2. */
class GruDCellTest {

  static INDArray s(double v) {
    return Nd4j.create(new float[] {(float) v}, new long[] {1}, DataType.FLOAT);
  }

  static INDArray m11(double v) {
    return Nd4j.create(new float[] {(float) v}, new long[] {1, 1}, DataType.FLOAT);
  }

  @Test
  void forward_oneVariableOneUnit_matchesHandComputation() {
    Map<String, INDArray> w = new LinkedHashMap<>();
    w.put("wgx", s(1));
    w.put("bgx", s(0));
    w.put("Wgh", m11(1));
    w.put("bgh", s(0));
    for (String k : new String[] {"Wr", "Wz", "Vr", "Vz", "V"}) w.put(k, m11(0));
    for (String k : new String[] {"Ur", "Uz"}) w.put(k, m11(0));
    w.put("W", m11(1));
    w.put("U", m11(1));
    for (String k : new String[] {"br", "bz", "b"}) w.put(k, s(0));
    double mean = 0.5;
    GruDCell cell = new GruDCell(2, w, s(mean));
    // sample 0: observed 2 at t0, missing at t1 (forward-filled 2), 1 h gap; sample 1: observed 1 at t0 and t1
    INDArray x = Nd4j.create(new float[] {2, 2, 1, 1}, new long[] {2, 2, 1}, DataType.FLOAT);
    INDArray m = Nd4j.create(new float[] {1, 0, 1, 1}, new long[] {2, 2, 1}, DataType.FLOAT);
    INDArray d = Nd4j.create(new float[] {0, 1, 0, 1}, new long[] {2, 2, 1}, DataType.FLOAT);
    INDArray h = cell.forward(x, m, d);
    assertArrayEquals(new long[] {2, 1}, h.shape());

    // By hand. Every r and z gate has zero weights: r = z = sigmoid(0) = 0.5.
    double e1 = Math.exp(-1);
    // sample 0, t0: gx = exp(-relu(0)) = 1, xh = 2; h = 0; hc = tanh(2); h1 = 0.5 * 0 + 0.5 * tanh(2)
    double h1 = 0.5 * Math.tanh(2);
    // t1: gx = exp(-1), m = 0: xh = e1 * 2 + (1 - e1) * 0.5; gh = exp(-1): h = e1 * h1; hc = tanh(xh + 0.5 * h)
    double xh = e1 * 2 + (1 - e1) * mean;
    double hd = e1 * h1;
    double h2 = 0.5 * hd + 0.5 * Math.tanh(xh + 0.5 * hd);
    // sample 1: xh = 1 at both steps (observed)
    double g1 = 0.5 * Math.tanh(1);
    double gd = e1 * g1;
    double g2 = 0.5 * gd + 0.5 * Math.tanh(1 + 0.5 * gd);
    assertEquals(h2, h.getDouble(0, 0), 1e-6);
    assertEquals(g2, h.getDouble(1, 0), 1e-6);
  }

  @Test
  void forward_gridSamplesFromEncoder_finiteHiddenStatesOfRequestedWidth() {
    GridSpec spec = GridEncoderTest.spec(Imputation.FORWARD_FILL);
    GridEncoder enc = new GridEncoder(spec, GridEncoderTest.stats(spec));
    GridSample g = enc.encode(GridEncoderTest.handTimeline(), GridEncoderTest.T0, GridEncoderTest.at(4, 59));
    EhrBatch b = EhrBatch.of(java.util.List.of(g, g), java.util.List.of(), java.util.List.of(), null);
    Map<String, INDArray> nd = b.toNd4j();
    GruDCell cell = new GruDCell(5, GruDCell.randomWeights(2, 8, 1), Nd4j.create(new float[] {100, 75}, new long[] {2}, DataType.FLOAT));
    INDArray h = cell.forward(nd.get("grid_values"), nd.get("grid_mask"), nd.get("grid_delta"));
    assertArrayEquals(new long[] {2, 8}, h.shape());
    for (float v : h.data().asFloat()) assertEquals(true, Float.isFinite(v) && Math.abs(v) <= 1);
    assertArrayEquals(h.getRow(0).toFloatVector(), h.getRow(1).toFloatVector(), 0f);
  }
}
