package org.medai.core.internal.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.medai.core.BackendException;
import org.medai.core.backend.Availability;
import org.medai.core.backend.Backend;
import org.medai.core.backend.BackendProvider;
import org.medai.core.backend.Backends;
import org.medai.core.backend.Device;

/** The cuda provider's probe: registered, never throws, caches, and explains itself where it fails. */
@Tag("no-nd4j")
class CudaProbeTest {

  @Test
  void providers_classPath_listCudaFirstWithRank100() {
    BackendProvider first = Backends.providers().get(0);
    assertEquals("cuda", first.name());
    assertEquals(100, first.rank());
  }

  @Test
  void probe_calledTwice_returnsTheCachedAnswerWithoutThrowing() {
    BackendProvider p = Backends.provider("cuda").orElseThrow();
    Availability a = p.probe();
    assertSame(a, p.probe());
    assertEquals(a.available(), a.reason().isEmpty(), "a reason exactly when unavailable: " + a);
  }

  @Test
  void open_cudaUnavailable_throwsBackendExceptionWithProbeReason() {
    Availability a = Backends.provider("cuda").orElseThrow().probe();
    assumeFalse(a.available(), "a GPU is present here: " + a.device());
    BackendException e = assertThrows(BackendException.class, () -> Device.cuda().open());
    assertTrue(e.getMessage().contains(a.reason()), e.getMessage());
    assertFalse(a.reason().contains("\n"), "one-line reason: " + a.reason());
  }

  @Test
  void autoDevice_cudaUnavailable_fallsBackToCpu() {
    Availability a = Backends.provider("cuda").orElseThrow().probe();
    assumeFalse(a.available(), "a GPU is present here: " + a.device());
    try (Backend b = Device.auto().open()) {
      assertEquals("cpu", b.name());
    }
  }

  @Test
  void reasonFor_missingDriverLibrary_saysNoNvidiaDriver() {
    UnsatisfiedLinkError e = new UnsatisfiedLinkError(
        "/root/.javacpp/cache/x/libjnicudart.so: libcuda.so.1: cannot open shared object file: No such file or directory");
    assertEquals("libcuda.so.1 not found: no NVIDIA driver on this machine", CudaProbe.reasonFor(e, "the CUDA runtime"));
  }
}
