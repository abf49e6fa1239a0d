package org.medai.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.medai.core.BackendException;
import org.medai.core.InvalidArgumentException;
import org.medai.core.backend.DeviceKernels.Grid;
import org.medai.core.backend.DeviceKernels.Kernel;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;

/**
 * The public capability for other modules' kernels: value checks and the CPU backend's absence of
 * it everywhere; argument passing and 3-D grids on a GPU; NVRTC compilation of a module resource
 * where libnvrtc loads.
 */
@Tag("no-nd4j")
class DeviceKernelsTest {
  private static final String SOURCE = "/org/medai/core/backend/device_kernels_test.cu";

  @Test
  void cpuBackend_hasNoDeviceKernels_andHostTensorsNoOwningBackend() {
    try (Backend cpu = Device.cpu(1).open(); MemoryScope s = MemoryScope.open()) {
      assertTrue(cpu.kernels().isEmpty());
      assertTrue(Backends.owning(cpu.allocate(DType.FLOAT32, s, 4)).isEmpty());
    }
  }

  @Test
  void kernelAndGrid_invalidValues_throwWithCodes() {
    assertEquals("MEDAI-CUDA-040", assertThrows(InvalidArgumentException.class,
        () -> new Kernel(DeviceKernelsTest.class, "relative/k.cu", "f")).code());
    assertEquals("MEDAI-CUDA-040", assertThrows(InvalidArgumentException.class,
        () -> new Kernel(DeviceKernelsTest.class, SOURCE, "not a name")).code());
    assertEquals("MEDAI-CUDA-041", assertThrows(InvalidArgumentException.class, () -> new Grid(1, 1, 70000, 32, 1, 1)).code());
    assertEquals("MEDAI-CUDA-041", assertThrows(InvalidArgumentException.class, () -> new Grid(1, 1, 1, 64, 32, 1)).code());
  }

  @Test
  void gridCover_roundsUpAndCapsZ() {
    assertEquals(new Grid(4, 2, 65535, 32, 8, 1), Grid.cover(100, 9, 100_000, 32, 8));
    assertEquals(new Grid(1, 1, 1, 32, 8, 1), Grid.cover(1, 1, 1, 32, 8));
  }

  @Test
  void compile_missingResource_throwsNamingIt() {
    assumeTrue(DeviceKernels.compilerProblem().isEmpty(), () -> "NVRTC unavailable: " + DeviceKernels.compilerProblem().orElse(""));
    BackendException e = assertThrows(BackendException.class,
        () -> DeviceKernels.compile(DeviceKernelsTest.class, "/org/medai/core/backend/absent.cu", "compute_75"));
    assertTrue(e.getMessage().contains("absent.cu"), e.getMessage());
  }

  @Test
  void compile_moduleResourceToPtx_exportsItsKernels() {
    assumeTrue(DeviceKernels.compilerProblem().isEmpty(), () -> "NVRTC unavailable: " + DeviceKernels.compilerProblem().orElse(""));
    String ptx = new String(DeviceKernels.compile(DeviceKernelsTest.class, SOURCE, "compute_75"), StandardCharsets.US_ASCII);
    assertTrue(ptx.contains(".entry medai_test_args(") && ptx.contains(".entry medai_test_grid("), ptx);
  }

  private static Backend cuda() {
    Availability a = Backends.provider("cuda").orElseThrow().probe();
    assumeTrue(a.available(), () -> "cuda backend unavailable: " + a.reason());
    return Device.cuda().open();
  }

  @Test
  void cudaLaunch_everyArgumentKind_arrivesUnchanged() {
    try (Backend b = cuda(); MemoryScope s = MemoryScope.open()) {
      DeviceKernels k = b.kernels().orElseThrow();
      Tensor out = b.allocate(DType.FLOAT32, s, 5);
      Tensor in = b.upload(Tensor.ofShorts(s, new short[] {-123}, 1), s);
      assertSame(b, Backends.owning(out).orElseThrow());
      k.launch(new Kernel(DeviceKernelsTest.class, SOURCE, "medai_test_args"), k.gridStride(1),
          out, in, -7, 5L << 32, 2.5f, 1e-3);
      assertArrayEquals(new float[] {-7f, 5f, 2.5f, (float) 1e-3, -123f}, b.download(out, s).toFloatArray());
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
          () -> k.launch(new Kernel(DeviceKernelsTest.class, SOURCE, "medai_test_args"), k.gridStride(1), out, "x"));
      assertEquals("MEDAI-CUDA-042", e.code());
    }
  }

  @Test
  void cudaLaunch_threeDimensionalGrid_coversEveryIndex() {
    int nx = 37, ny = 11, nz = 5;
    try (Backend b = cuda(); MemoryScope s = MemoryScope.open()) {
      DeviceKernels k = b.kernels().orElseThrow();
      Tensor out = b.allocate(DType.FLOAT32, s, nz, ny, nx);
      b.fill(out, -1);
      k.launch(new Kernel(DeviceKernelsTest.class, SOURCE, "medai_test_grid"), new Grid(2, 2, 3, 32, 8, 1), out, nx, ny, nz);
      float[] got = b.download(out, s).toFloatArray();
      for (int z = 0; z < nz; z++) {
        for (int y = 0; y < ny; y++) {
          for (int x = 0; x < nx; x++) assertEquals(x + 1000f * y + 1000000f * z, got[(z * ny + y) * nx + x]);
        }
      }
    }
  }
}
