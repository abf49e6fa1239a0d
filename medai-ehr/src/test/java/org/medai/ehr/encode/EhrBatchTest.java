package org.medai.ehr.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.Tensor;
import org.medai.ehr.timeline.PatientTimeline;
import org.nd4j.linalg.api.ndarray.INDArray;

class EhrBatchTest {

  static EhrBatch sampleBatch() {
    GridSpec s = GridEncoderTest.spec(Imputation.FORWARD_FILL);
    GridEncoder enc = new GridEncoder(s, GridEncoderTest.stats(s));
    PatientTimeline tl = GridEncoderTest.handTimeline();
    SequenceEncoder seq = new SequenceEncoder(s.variables(), 8, Duration.ofHours(1), null);
    List<GridSample> g = List.of(enc.encode(tl, GridEncoderTest.T0, GridEncoderTest.at(4, 59)),
        enc.encode(tl, GridEncoderTest.T0, GridEncoderTest.at(1, 30)));
    List<SequenceSample> q = List.of(seq.encode(tl, GridEncoderTest.T0, GridEncoderTest.at(4, 59)),
        seq.encode(tl, GridEncoderTest.T0, GridEncoderTest.at(1, 30)));
    List<float[]> st = List.of(StaticFeatures.encode(tl, GridEncoderTest.T0), StaticFeatures.encode(tl, GridEncoderTest.T0));
    return EhrBatch.of(g, q, st, new float[] {1, 0});
  }

  @Test
  void batch_twoSamples_tensorsAndNd4jHoldTheSameValuesAsTheSamples() {
    EhrBatch b = sampleBatch();
    assertArrayEquals(new long[] {2, 5, 2}, b.shapes().get("grid_values"));
    assertArrayEquals(new long[] {2, 8}, b.shapes().get("seq_vars"));
    try (MemoryScope scope = MemoryScope.open()) {
      Map<String, Tensor> t = b.toTensors(scope);
      assertArrayEquals(b.floats("grid_values"), t.get("grid_values").toFloatArray());
      assertEquals(120f, (float) t.get("grid_values").getDouble(0, 3, 0));
      assertEquals(0f, (float) t.get("grid_time_mask").getDouble(1, 2), "second sample is padded after its cutoff");
      assertEquals(1.0, t.get("seq_vars").getDouble(0, 2), "third triplet is the 01:15 heart rate");
    }
    Map<String, INDArray> nd = b.toNd4j();
    assertArrayEquals(b.floats("grid_delta"), nd.get("grid_delta").data().asFloat());
    assertArrayEquals(new long[] {2, 5, 2}, nd.get("grid_delta").shape());
    assertEquals(1, nd.get("seq_vars").getInt(0, 2));
  }

  @Test
  void writeNpy_batch_numpyReadsSameValues(@TempDir Path dir) throws Exception {
    EhrBatch b = sampleBatch();
    b.writeNpy(dir);
    byte[] head = Files.readAllBytes(dir.resolve("grid_values.npy"));
    int headerLen = (head[8] & 0xFF) | (head[9] & 0xFF) << 8;
    assertEquals(0, (10 + headerLen) % 64);
    assertEquals(10 + headerLen + 4 * 20, head.length);
    Path py = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(py), "/usr/bin/python3 with numpy is the oracle for .npy; absent here");
    Process p = new ProcessBuilder(py.toString(), "-c", "import numpy,sys; a=numpy.load(sys.argv[1]); v=numpy.load(sys.argv[2]);"
        + "print(a.dtype, a.shape, repr(float(a.sum())), v.dtype, v.shape, int(v.sum()))",
        dir.resolve("grid_values.npy").toString(), dir.resolve("seq_vars.npy").toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor(60, TimeUnit.SECONDS);
    assumeTrue(!out.contains("No module named"), "numpy is not installed for /usr/bin/python3");
    double sum = 0;
    for (float f : b.floats("grid_values")) sum += f;
    String[] parts = out.split(" ");
    assertEquals("float32", parts[0], out);
    assertEquals("(2,", parts[1], out);
    assertEquals(sum, Double.parseDouble(parts[4]), 1e-2, out);
    assertEquals("int32", parts[5], out);
    assertEquals("(2,", parts[6], out);
    assertEquals("8)", parts[7], out);
  }
}
