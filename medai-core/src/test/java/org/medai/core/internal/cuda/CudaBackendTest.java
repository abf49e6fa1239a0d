package org.medai.core.internal.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.InvalidArgumentException;
import org.medai.core.backend.Availability;
import org.medai.core.backend.Backend;
import org.medai.core.backend.BackendOptions;
import org.medai.core.backend.Backends;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;

/** CUDA-specific behaviour beyond the conformance suite: the kernel disk cache, device accounting, misuse. GPU only. */
@Tag("no-nd4j")
class CudaBackendTest {

  @BeforeEach
  void gpu() {
    Availability a = Backends.provider("cuda").orElseThrow().probe();
    assumeTrue(a.available(), () -> "cuda backend unavailable: " + a.reason());
  }

  private static Backend open(Path cacheDir) {
    return Backends.provider("cuda").orElseThrow().create(BackendOptions.defaults().withKernelCacheDir(cacheDir));
  }

  @Test
  void kernelCacheDir_secondBackend_loadsCubinWithoutCompiling(@TempDir Path dir) throws IOException {
    float[] expected = {Math.fma(-3f, 0.5f, 1f), Math.fma(7f, 0.5f, 1f)};
    try (MemoryScope s = MemoryScope.open()) {
      try (CudaBackend b = (CudaBackend) open(dir); MemoryScope t = s.child()) {
        Tensor dst = b.allocate(DType.FLOAT32, t, 2);
        b.convert(b.upload(Tensor.ofShorts(t, new short[] {-3, 7}, 2), t), dst, 0.5f, 1f);
        assertEquals(expected[1], b.download(dst, t).toFloatArray()[1]);
        assertEquals(1, b.kernelCompilations());
      }
      try (Stream<Path> files = Files.list(dir)) {
        assertTrue(files.anyMatch(p -> p.getFileName().toString().matches("convert-[0-9a-f]{24}-sm_\\d+\\.cubin")));
      }
      try (CudaBackend b = (CudaBackend) open(dir); MemoryScope t = s.child()) {
        Tensor dst = b.allocate(DType.FLOAT32, t, 2);
        b.convert(b.upload(Tensor.ofShorts(t, new short[] {-3, 7}, 2), t), dst, 0.5f, 1f);
        float[] out = b.download(dst, t).toFloatArray();
        assertEquals(expected[0], out[0]);
        assertEquals(expected[1], out[1]);
        assertEquals(0, b.kernelCompilations());
      }
    }
  }

  @Test
  void allocate_countsDeviceBytesNotHostBytes() {
    try (Backend b = open(null); MemoryScope s = MemoryScope.open()) {
      b.allocate(DType.INT16, s, 1000);
      assertEquals(2000, s.liveDeviceBytes());
      assertEquals(0, s.liveHostBytes());
    }
  }

  @Test
  void convert_hostTensorOnCudaBackend_throwsSayingUploadFirst() {
    try (Backend b = open(null); MemoryScope s = MemoryScope.open()) {
      Tensor host = Tensor.ofShorts(s, new short[] {1, 2, 3}, 3);
      Tensor dst = b.allocate(DType.FLOAT32, s, 3);
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> b.convert(host, dst, 1f, 0f));
      assertTrue(e.getMessage().contains("upload"), e.getMessage());
    }
  }
}
