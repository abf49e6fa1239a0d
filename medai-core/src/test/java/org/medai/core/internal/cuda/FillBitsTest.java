package org.medai.core.internal.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.medai.core.internal.UnsafeAccess;
import org.medai.core.internal.cpu.CpuKernels;
import org.medai.core.memory.MemoryScope;
import org.medai.core.memory.NativeBuffer;
import org.medai.core.tensor.DType;

/**
 * The CUDA fill kernels write a bit pattern the host computes; it must be the bytes the CPU twin
 * writes for the same value, for every dtype, including fractions, negatives and values out of range.
 */
@Tag("no-nd4j")
class FillBitsTest {
  private static final double[] VALUES = {0, 1, -1, 2.5, -2.7, 127.9, 128, 255, 256, -129, 32767.5, 40000, -40000,
      65535, 1e10, -1e10, Double.NaN, Double.POSITIVE_INFINITY, 0.1, -0.0};

  @Test
  void fillBits_everyDTypeAndValue_matchesCpuKernelBytes() {
    try (MemoryScope s = MemoryScope.open()) {
      NativeBuffer b = s.allocate(8);
      for (DType dt : DType.values()) {
        for (double v : VALUES) {
          b.fillBytes((byte) 0);
          CpuKernels.fill(dt, b.address(), 0, 1, v);
          long cpu = UnsafeAccess.U.getLong(b.address()); // little-endian: the element's bytes, zero above
          assertEquals(Long.toHexString(cpu), Long.toHexString(CudaBackend.fillBits(dt, v)), dt + " value " + v);
        }
      }
    }
  }
}
