package org.medai.imaging.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medai.core.InvalidArgumentException;
import org.medai.core.memory.MemoryScope;
import org.medai.core.model.Model;
import org.medai.core.tensor.Tensor;
import org.nd4j.shade.jackson.databind.JsonNode;

/** The test model gives PyTorch's output in ONNX Runtime and in SameDiff. */
class ModelRuntimeParityTest {

  private static Tensor ramp(MemoryScope s, JsonNode ref) {
    long[] shape = new long[5];
    for (int i = 0; i < 5; i++) shape[i] = ref.get("input_shape").get(i).asLong();
    int n = (int) Tensor.elementCount(shape);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) i / n - 0.5f;
    return Tensor.ofFloats(s, v, shape);
  }

  private static float[] expected(JsonNode ref) {
    float[] e = new float[ref.get("output").size()];
    for (int i = 0; i < e.length; i++) e[i] = (float) ref.get("output").get(i).asDouble();
    return e;
  }

  @Test
  void tiny3d_onnxAndSameDiff_matchTorchWithin1e5() throws Exception {
    JsonNode ref = TestModels.json("tiny3d.reference.json");
    float[] torch = expected(ref);
    try (MemoryScope s = MemoryScope.open(); Model onnx = TestModels.onnx("tiny3d"); Model sd = TestModels.tiny3dSameDiff()) {
      Tensor in = ramp(s, ref);
      float[] a = onnx.run(in, s).toFloatArray();
      float[] b = sd.run(in, s).toFloatArray();
      assertEquals(torch.length, a.length);
      double maxOnnx = 0, maxSd = 0, maxPair = 0;
      for (int i = 0; i < torch.length; i++) {
        maxOnnx = Math.max(maxOnnx, Math.abs(a[i] - torch[i]));
        maxSd = Math.max(maxSd, Math.abs(b[i] - torch[i]));
        maxPair = Math.max(maxPair, Math.abs(a[i] - b[i]));
      }
      assertTrue(maxOnnx <= 1e-5, "onnx vs torch " + maxOnnx);
      assertTrue(maxSd <= 1e-5, "samediff vs torch " + maxSd);
      assertTrue(maxPair <= 1e-4, "onnx vs samediff " + maxPair);
    }
  }

  @Test
  void pointwise_onnx_matchesTorch() throws Exception {
    JsonNode ref = TestModels.json("pointwise.reference.json");
    try (MemoryScope s = MemoryScope.open(); Model onnx = TestModels.onnx("pointwise")) {
      float[] a = onnx.run(ramp(s, ref), s).toFloatArray();
      assertArrayEquals(expected(ref), a, 1e-6f);
    }
  }

  @Test
  void onnxModel_wrongChannelCount_failsNamingBothShapes() {
    try (MemoryScope s = MemoryScope.open(); Model onnx = TestModels.onnx("tiny3d")) {
      Tensor in = Tensor.zeros(org.medai.core.tensor.DType.FLOAT32, s, 1, 2, 4, 4, 4);
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> onnx.run(in, s));
      assertTrue(e.getMessage().contains("[1, 2, 4, 4, 4]") && e.getMessage().contains("[-1, 1, -1, -1, -1]"), e.getMessage());
    }
  }

  @Test
  void onnxModel_cudaRequestedWithoutGpuBuild_failsWithReasonInsteadOfFallingBack() {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA),
        "this ONNX Runtime has the CUDA provider");
    var e = assertThrows(org.medai.core.BackendException.class, () -> org.medai.core.model.ModelRuntimes.load(
        TestModels.resource("tiny3d.onnx"), org.medai.core.model.ModelOptions.defaults().withDevice("cuda")));
    assertEquals("MEDAI-MODEL-018", e.code());
  }
}
