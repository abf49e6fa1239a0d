package org.medai.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.medai.core.GeometryException;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.memory.MemoryScope;

@Tag("no-nd4j")
class TensorTest {

  @Test
  void volume_memoryOrder_iFastestThenJThenK() {
    try (MemoryScope s = MemoryScope.open()) {
      Volume v = Volume.zeros(DType.INT16, Geometry.isotropic(Extent.of(4, 3, 2), 1), 1, s);
      v.set(7, 1, 0, 0);
      v.set(9, 0, 1, 0);
      v.set(11, 0, 0, 1);
      assertEquals(7, v.data().hostBuffer().getShort(2));
      assertEquals(9, v.data().hostBuffer().getShort(2 * 4));
      assertEquals(11, v.data().hostBuffer().getShort(2 * 12));
    }
  }

  @Test
  void volume_shapeMismatch_throwsNamingBoth() {
    try (MemoryScope s = MemoryScope.open()) {
      Tensor t = Tensor.allocate(DType.FLOAT32, s, 2, 3, 4);
      GeometryException e = assertThrows(GeometryException.class,
          () -> Volume.of(t, Geometry.isotropic(Extent.of(3, 3, 2), 1)));
      assertEquals("MEDAI-GEOM-021", e.code());
    }
  }

  @Test
  void setDouble_integerTypes_roundAndSaturate() {
    try (MemoryScope s = MemoryScope.open()) {
      Tensor t = Tensor.allocate(DType.UINT8, s, 4);
      t.setDouble(300, 0);
      t.setDouble(-5, 1);
      t.setDouble(2.5, 2);
      t.setDouble(254.4, 3);
      assertArrayEquals(new float[] {255, 0, 3, 254}, t.toFloatArray());
      Tensor u = Tensor.allocate(DType.UINT16, s, 1);
      u.setDouble(65535, 0);
      assertEquals(65535, u.getDouble(0));
    }
  }

  @Test
  void select_andReshape_shareMemory() {
    try (MemoryScope s = MemoryScope.open()) {
      Tensor t = Tensor.ofFloats(s, new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
      assertArrayEquals(new float[] {3, 4, 5}, t.select(1).toFloatArray());
      t.reshape(3, 2).setDouble(42, 2, 1);
      assertEquals(42, t.getDouble(1, 2));
    }
  }

  @Test
  void channelView_readsItsChannel() {
    try (MemoryScope s = MemoryScope.open()) {
      Volume v = Volume.zeros(DType.FLOAT32, Geometry.isotropic(Extent.of(2, 2, 2), 1), 3, s);
      v.set(5, 2, 1, 1, 1);
      assertEquals(5, v.channel(2).get(1, 1, 1));
      assertEquals(0, v.channel(1).get(1, 1, 1));
    }
  }
}
