package org.medai.imaging.internal.transform.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.medai.core.backend.Backend;

/**
 * The device conformance suite on the host emulation of the CUDA kernels: the same {@code .cu}
 * sources compiled with g++ ({@code -ffp-contract=off}, AddressSanitizer and UBSan) and launched
 * through medai's real device dispatch with the grids and arguments the CUDA backend would get
 * (argument kinds, count and element sizes checked against each kernel's C signature). This checks
 * the kernels' math (bit for bit: same operations, same order) and indexing against the CPU
 * reference where no GPU exists; it cannot check the CUDA compiler, the driver or concurrency. Skipped without a host C++ compiler.
 */
class EmulatedDeviceTransformsTest extends DeviceTransformConformance {
  private static EmulatedCudaBackend backend;

  @BeforeAll
  static void open() {
    String reason = KernelEmulator.unavailableReason();
    assumeTrue(reason == null, reason);
    backend = new EmulatedCudaBackend();
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      System.out.println("emulated kernel launches: " + backend.launches());
      backend.close();
    }
  }

  @Override
  Backend backend() {
    return backend;
  }

  @Override
  boolean requireBitExact() {
    return true;
  }
}
