package org.medai.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;

/**
 * The same kernel tests on every backend provider on the class path. A backend that is not
 * available here (CUDA without a GPU) is skipped with the probe's reason. Expected values come
 * from closed forms computed in the test with the same float32 fused multiply-add.
 */
@Tag("no-nd4j")
class BackendConformanceTest {

  static Stream<String> backends() {
    return Backends.providers().stream().map(BackendProvider::name);
  }

  private static Backend open(String name) {
    BackendProvider p = Backends.provider(name).orElseThrow();
    Availability a = p.probe();
    assumeTrue(a.available(), () -> name + " backend unavailable: " + a.reason());
    return p.create(BackendOptions.defaults().withCpuThreads(2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void fill_float32_setsEveryElement(String name) {
    try (Backend b = open(name); MemoryScope s = MemoryScope.open()) {
      Tensor t = b.allocate(DType.FLOAT32, s, 3, 1000, 777);
      b.fill(t, 2.5);
      float[] host = b.download(t, s).toFloatArray();
      for (float v : host) assertEquals(2.5f, v);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void axpy_randomVectors_matchesFusedMultiplyAdd(String name) {
    Random rnd = new Random(11);
    int n = 1_000_003;
    float[] x = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) rnd.nextGaussian();
      y[i] = (float) rnd.nextGaussian();
    }
    float alpha = 0.37f;
    try (Backend b = open(name); MemoryScope s = MemoryScope.open()) {
      Tensor dx = b.upload(Tensor.ofFloats(s, x, n), s);
      Tensor dy = b.upload(Tensor.ofFloats(s, y, n), s);
      b.axpy(alpha, dx, dy);
      float[] out = b.download(dy, s).toFloatArray();
      float[] expected = new float[n];
      for (int i = 0; i < n; i++) expected[i] = Math.fma(alpha, x[i], y[i]);
      assertArrayEquals(expected, out);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void convert_int16WithRescale_matchesClosedForm(String name) {
    int n = 512 * 512 + 13;
    short[] stored = new short[n];
    Random rnd = new Random(5);
    for (int i = 0; i < n; i++) stored[i] = (short) (rnd.nextInt(65536) - 32768);
    float slope = 0.5f;
    float intercept = -1024f;
    try (Backend b = open(name); MemoryScope s = MemoryScope.open()) {
      Tensor src = b.upload(Tensor.ofShorts(s, stored, n), s);
      Tensor dst = b.allocate(DType.FLOAT32, s, n);
      b.convert(src, dst, slope, intercept);
      float[] out = b.download(dst, s).toFloatArray();
      for (int i = 0; i < n; i++) {
        assertEquals(stored[i] * 0.5f - 1024f, out[i], "element " + i);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void convert_everySourceDType_matchesElementwiseReference(String name) {
    try (Backend b = open(name); MemoryScope s = MemoryScope.open()) {
      for (DType dt : DType.values()) {
        Tensor host = Tensor.allocate(dt, s, 4099);
        for (int i = 0; i < 4099; i++) {
          double v = dt.isFloating() ? (i - 2000) * 0.25 : Math.max(dt.minValue(), Math.min(dt.maxValue(), i - 2000));
          host.setDouble(v, i);
        }
        Tensor dst = b.allocate(DType.FLOAT32, s, 4099);
        b.convert(b.upload(host, s), dst, 2f, 3f);
        Tensor out = b.download(dst, s);
        for (int i = 0; i < 4099; i++) {
          float expected = Math.fma((float) host.getDouble(i), 2f, 3f);
          assertEquals(expected, (float) out.getDouble(i), dt + " element " + i);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void fill_everyDType_matchesJavaCastOfValue(String name) {
    double[] values = {-2.75, 300.5, 1e6};
    try (Backend b = open(name); MemoryScope s = MemoryScope.open()) {
      for (DType dt : DType.values()) {
        for (double v : values) {
          Tensor t = b.allocate(dt, s, 1031);
          b.fill(t, v);
          Tensor host = b.download(t, s);
          double expected = switch (dt) {
            case FLOAT32 -> (float) v;
            case FLOAT64 -> v;
            case INT32 -> (int) v;
            case INT16 -> (short) (long) v;
            case UINT16 -> ((short) (long) v) & 0xFFFF;
            case INT8 -> (byte) (long) v;
            case UINT8 -> ((byte) (long) v) & 0xFF;
          };
          for (int i = 0; i < 1031; i += 103) assertEquals(expected, host.getDouble(i), dt + " " + v + " element " + i);
          assertEquals(expected, host.getDouble(1030), dt + " " + v + " last element");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void copy_int16Tensor_roundTripsEveryElement(String name) {
    int n = 700_001;
    short[] values = new short[n];
    for (int i = 0; i < n; i++) values[i] = (short) (i * 7919);
    try (Backend b = open(name); MemoryScope s = MemoryScope.open()) {
      Tensor src = b.upload(Tensor.ofShorts(s, values, n), s);
      Tensor dst = b.allocate(DType.INT16, s, n);
      b.copy(src, dst);
      Tensor host = b.download(dst, s);
      short[] out = new short[n];
      host.hostBuffer().read(0, out);
      assertArrayEquals(values, out);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void allocate_deviceTensors_countedByScopeAndReleasedOnClose(String name) {
    try (Backend b = open(name); MemoryScope outer = MemoryScope.open()) {
      try (MemoryScope inner = outer.child()) {
        Tensor t = b.allocate(DType.FLOAT32, inner, 1 << 20);
        assertEquals(4L << 20, inner.liveBytes());
        assertEquals(name.equals("cpu") ? "cpu" : name + ":0", t.device());
      }
      assertEquals(0, outer.liveBytes());
    }
  }
}
