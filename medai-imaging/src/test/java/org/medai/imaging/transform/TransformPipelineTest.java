package org.medai.imaging.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.medai.core.GeometryException;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;

class TransformPipelineTest {

  static final TransformPipeline PIPE = TransformPipeline.builder()
      .reorient("RAS")
      .resampleToSpacing(Vec3.of(1.2, 1.3, 1.5), ResampleOptions.linear().withRescale(1, -1024))
      .window(40, 400)
      .build();

  @Test
  void pipeline_equalsStepByStepCalls_andFreesIntermediates() {
    try (MemoryScope inputs = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      Geometry g = new Geometry(Extent.of(30, 28, 12), Vec3.of(0.7, 0.7, 2.5), Vec3.of(-20, 10, 5),
          TestVolumes.smallRotation(new Random(1), 0.2));
      Volume ct = TestVolumes.random(g, DType.INT16, 2, inputs);
      byte[] expect;
      try (MemoryScope s = MemoryScope.open()) {
        Volume r = Reorient.to(ct, "RAS", pool, s);
        Volume iso = Resample.toSpacing(r, Vec3.of(1.2, 1.3, 1.5), ResampleOptions.linear().withRescale(1, -1024), pool, s);
        expect = TestVolumes.bytes(Intensity.window(iso, 40, 400, pool, s));
      }
      try (MemoryScope scope = MemoryScope.open()) {
        Volume out = PIPE.apply(ct, pool, scope);
        assertArrayEquals(expect, TestVolumes.bytes(out));
        assertEquals(out.data().byteSize(), scope.liveBytes(), "only the result remains allocated");
        assertEquals("RAS", out.geometry().orientationCode());
      }
      assertEquals(3, PIPE.describe().size());
    }
  }

  @Test
  void pipeline_sharedAcrossThreads_givesIdenticalResults() throws Exception {
    try (MemoryScope inputs = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      Geometry g = Geometry.axisAligned(Extent.of(24, 20, 10), Vec3.of(0.8, 0.8, 3), Vec3.ZERO);
      List<Volume> vols = new ArrayList<>();
      List<byte[]> serial = new ArrayList<>();
      for (int v = 0; v < 4; v++) {
        vols.add(TestVolumes.random(g, DType.INT16, 10 + v, inputs));
        try (MemoryScope s = MemoryScope.open()) {
          serial.add(TestVolumes.bytes(PIPE.apply(vols.get(v), pool, s)));
        }
      }
      ExecutorService ex = Executors.newFixedThreadPool(4);
      try {
        List<Future<byte[]>> fs = new ArrayList<>();
        for (int rep = 0; rep < 3; rep++) {
          for (Volume v : vols) {
            fs.add(ex.submit(() -> {
              try (MemoryScope s = MemoryScope.open()) {
                return TestVolumes.bytes(PIPE.apply(v, pool, s));
              }
            }));
          }
        }
        for (int f = 0; f < fs.size(); f++) assertArrayEquals(serial.get(f % 4), fs.get(f).get());
      } finally {
        ex.shutdown();
      }
    }
  }

  @Test
  void builder_badOrientationCode_failsAtBuildTime() {
    assertThrows(GeometryException.class, () -> TransformPipeline.builder().reorient("LLS"));
  }
}
