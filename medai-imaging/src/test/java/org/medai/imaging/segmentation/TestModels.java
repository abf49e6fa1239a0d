package org.medai.imaging.segmentation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.medai.core.model.Model;
import org.medai.core.model.ModelOptions;
import org.medai.core.model.ModelRuntimes;
import org.medai.core.nd4j.SameDiffModels;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv3DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** The committed test models (tools/test-model/make_test_models.py) in both runtimes. */
final class TestModels {
  private TestModels() {}

  static Path resource(String name) {
    try {
      return Path.of(TestModels.class.getResource("/org/medai/imaging/models/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Model onnx(String name) {
    return ModelRuntimes.load(resource(name + ".onnx"), ModelOptions.defaults().withThreads(1));
  }

  static JsonNode json(String file) throws IOException {
    try (InputStream in = TestModels.class.getResourceAsStream("/org/medai/imaging/models/" + file)) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** A torch Conv3d weight [oC, iC, kD, kH, kW] as ND4J's [kD, kH, kW, iC, oC]. */
  private static INDArray convWeight(JsonNode w) {
    long[] shape = new long[w.get("shape").size()];
    for (int i = 0; i < shape.length; i++) shape[i] = w.get("shape").get(i).asLong();
    float[] v = new float[w.get("values").size()];
    for (int i = 0; i < v.length; i++) v[i] = (float) w.get("values").get(i).asDouble();
    return Nd4j.create(v, shape, 'c').permute(2, 3, 4, 1, 0).dup('c');
  }

  private static INDArray vector(JsonNode w) {
    float[] v = new float[w.get("values").size()];
    for (int i = 0; i < v.length; i++) v[i] = (float) w.get("values").get(i).asDouble();
    return Nd4j.create(v, new long[] {v.length}, 'c');
  }

  private static Conv3DConfig conv(int k, int pad) {
    return Conv3DConfig.builder().kD(k).kH(k).kW(k).sD(1).sH(1).sW(1).pD(pad).pH(pad).pW(pad)
        .dD(1).dH(1).dW(1).biasUsed(true).paddingMode(PaddingMode.VALID).dataFormat("NCDHW").build();
  }

  /** tiny3d rebuilt in SameDiff from the same weights. */
  static Model tiny3dSameDiff() throws IOException {
    JsonNode w = json("tiny3d.weights.json");
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("image", DataType.FLOAT, -1, 1, -1, -1, -1);
    SDVariable w1 = sd.constant("w1", convWeight(w.get("conv1.weight")));
    SDVariable b1 = sd.constant("b1", vector(w.get("conv1.bias")));
    SDVariable w2 = sd.constant("w2", convWeight(w.get("conv2.weight")));
    SDVariable b2 = sd.constant("b2", vector(w.get("conv2.bias")));
    SDVariable h = sd.nn.relu(sd.cnn.conv3d(x, w1, b1, conv(3, 1)), 0);
    sd.cnn.conv3d("output", h, w2, b2, conv(1, 0));
    return SameDiffModels.of(sd, "image", "output", new long[] {-1, 1, -1, -1, -1}, new long[] {-1, 2, -1, -1, -1});
  }
}
