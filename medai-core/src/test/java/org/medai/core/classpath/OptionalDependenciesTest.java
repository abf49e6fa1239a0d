package org.medai.core.classpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.medai.core.backend.Backend;
import org.medai.core.backend.Backends;
import org.medai.core.backend.Device;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;

/**
 * Proves the "ND4J is optional" promise: the {@code without-nd4j} surefire execution runs the
 * {@code no-nd4j} tests with ND4J's jars removed from the class path and sets
 * {@code medai.test.nd4jAbsent=true}; there ND4J must not be loadable while volumes, geometry,
 * memory and the backends (including the CUDA probe) still work.
 */
@Tag("no-nd4j")
class OptionalDependenciesTest {

  @Test
  void classPath_withoutNd4jExecution_cannotLoadNd4j() {
    assumeTrue(Boolean.getBoolean("medai.test.nd4jAbsent"), "runs in the without-nd4j surefire execution");
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.nd4j.linalg.factory.Nd4j"));
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.nd4j.linalg.api.ndarray.INDArray"));
  }

  @Test
  void coreClasses_withoutNd4j_loadAndWork() {
    Geometry g = Geometry.isotropic(new Extent(4, 5, 6), 1.5);
    Vec3 p = g.indexToPhysical(Vec3.of(1, 2, 3));
    assertEquals(4.5, p.z(), 1e-12);
    assertEquals(2, Backends.providers().size(), "cpu and cuda providers");
    Backends.provider("cuda").orElseThrow().probe(); // must not throw, GPU or not
    try (MemoryScope s = MemoryScope.open(); Backend b = Device.auto().withCpuThreads(2).open()) {
      Tensor src = b.upload(Tensor.ofShorts(s, new short[] {-1024, 0, 2048}, 3), s);
      Tensor dst = b.allocate(DType.FLOAT32, s, 3);
      b.convert(src, dst, 0.5f, 10f);
      assertEquals(1034.0, b.download(dst, s).getDouble(2));
    }
  }
}
