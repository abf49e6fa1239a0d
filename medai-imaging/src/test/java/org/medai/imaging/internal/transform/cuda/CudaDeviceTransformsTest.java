package org.medai.imaging.internal.transform.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.medai.core.backend.Availability;
import org.medai.core.backend.Backend;
import org.medai.core.backend.BackendProvider;
import org.medai.core.backend.Backends;
import org.medai.core.backend.Device;

/**
 * The device conformance suite on the real CUDA backend: CUDA and CPU agree within 1e-5 relative
 * for every interpolation × boundary × dtype on random volumes and random oblique, anisotropic
 * geometries, and for reorientation, intensity and a pipeline. Runs where a GPU is usable; skipped
 * with the CUDA probe's reason elsewhere (CI). Run on a GPU machine by scripts/gpu-check.sh.
 */
@Tag("no-nd4j")
class CudaDeviceTransformsTest extends DeviceTransformConformance {
  private static Backend backend;

  @BeforeAll
  static void open() {
    BackendProvider p = Backends.provider("cuda").orElse(null);
    assumeTrue(p != null, "cuda backend unavailable: no cuda provider on the class path");
    Availability a = p.probe();
    assumeTrue(a.available(), () -> "cuda backend unavailable: " + a.reason());
    backend = Device.cuda().open();
  }

  @AfterAll
  static void close() {
    if (backend != null) backend.close();
  }

  @Override
  Backend backend() {
    return backend;
  }
}
