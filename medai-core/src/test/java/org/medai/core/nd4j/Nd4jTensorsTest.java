package org.medai.core.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medai.core.InvalidArgumentException;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Tensor ↔ INDArray views share memory: writes through one side are read through the other, and
 * ND4J's own arithmetic on the view lands in the tensor. ND4J initialises once for the class
 * (on first use), not per test.
 */
class Nd4jTensorsTest {

  @Test
  void asINDArray_writesThroughEitherSide_areSeenByTheOther() {
    try (MemoryScope s = MemoryScope.open()) {
      float[] values = new float[2 * 3 * 4];
      for (int i = 0; i < values.length; i++) values[i] = i * 0.5f;
      Tensor t = Tensor.ofFloats(s, values, 2, 3, 4);
      INDArray a = Nd4jTensors.asINDArray(t);
      assertArrayEquals(new long[] {2, 3, 4}, a.shape());
      assertEquals(5.5f, a.getFloat(0, 2, 3)); // element 11 in C order
      t.setDouble(-7.25, 1, 2, 1);
      assertEquals(-7.25f, a.getFloat(1, 2, 1));
      a.putScalar(new long[] {0, 1, 2}, 42f);
      assertEquals(42.0, t.getDouble(0, 1, 2));
      a.addi(1f); // an ND4J op on the view writes the tensor's memory
      assertEquals(values[23] + 1f, (float) t.getDouble(1, 2, 3));
    }
  }

  @Test
  void asTensor_fromINDArrayAndRowView_sharesMemory() {
    INDArray m = Nd4j.linspace(0, 11, 12, DataType.FLOAT).reshape('c', 3, 4);
    try (MemoryScope s = MemoryScope.open()) {
      Tensor t = Nd4jTensors.asTensor(m, s);
      assertEquals(DType.FLOAT32, t.dtype());
      assertEquals(6.0, t.getDouble(1, 2));
      m.putScalar(2, 3, 100f);
      assertEquals(100.0, t.getDouble(2, 3));
      t.setDouble(-1, 0, 0);
      assertEquals(-1f, m.getFloat(0, 0));

      INDArray row = m.get(NDArrayIndex.point(1), NDArrayIndex.all());
      Tensor r = Nd4jTensors.asTensor(row, s);
      assertArrayEquals(new long[] {4}, r.shape());
      for (int j = 0; j < 4; j++) assertEquals(4 + j, r.getDouble(j), "row element " + j);
      INDArray column = m.get(NDArrayIndex.all(), NDArrayIndex.point(2));
      Tensor c = Nd4jTensors.asTensor(column, s);
      assertEquals(10.0, c.getDouble(2)); // m[2][2], strided view
      c.setDouble(55, 1);
      assertEquals(55f, m.getFloat(1, 2));
    }
  }

  @Test
  void roundTrip_tensorToINDArrayToTensor_sameAddress() {
    try (MemoryScope s = MemoryScope.open()) {
      Tensor t = Tensor.zeros(DType.FLOAT32, s, 8, 8);
      Tensor back = Nd4jTensors.asTensor(Nd4jTensors.asINDArray(t), s);
      assertEquals(t.hostBuffer().address(), back.hostBuffer().address());
      assertTrue(back.hostBuffer().isBorrowed());
      back.setDouble(3, 7, 7);
      assertEquals(3.0, t.getDouble(7, 7));
    }
  }

  @Test
  void asINDArray_int16Tensor_throwsWithHowToFix() {
    try (MemoryScope s = MemoryScope.open()) {
      Tensor t = Tensor.ofShorts(s, new short[] {1, 2}, 2);
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Nd4jTensors.asINDArray(t));
      assertEquals("MEDAI-ND4J-001", e.code());
    }
  }
}
