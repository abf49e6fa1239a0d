package org.medai.core.internal.cuda;

import org.medai.core.BackendException;
import org.medai.core.backend.Availability;
import org.medai.core.backend.Backend;
import org.medai.core.backend.BackendOptions;
import org.medai.core.backend.BackendProvider;

/**
 * The {@code cuda} backend provider (rank 100, preferred by {@code Device.auto()} where it works).
 * Constructing it loads nothing; the first {@link #probe()} loads the CUDA bindings once per process
 * and never throws. Thread-safe.
 */
public final class CudaBackendProvider implements BackendProvider {
  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public int rank() {
    return 100;
  }

  @Override
  public Availability probe() {
    return CudaProbe.get().availability();
  }

  @Override
  public Backend create(BackendOptions options) {
    CudaProbe.Result r = CudaProbe.get();
    if (!r.availability().available()) {
      throw new BackendException("MEDAI-CUDA-001",
          "cuda backend is unavailable: " + r.availability().reason() + "; use the cpu backend or OnFallback.USE_CPU");
    }
    if (options.deviceIndex() >= r.devices().size()) {
      throw new BackendException("MEDAI-CUDA-002", "cuda device %d does not exist; this machine has %d (cuda:0 to cuda:%d)"
          .formatted(options.deviceIndex(), r.devices().size(), r.devices().size() - 1));
    }
    return new CudaBackend(r.devices().get(options.deviceIndex()), options.kernelCacheDir());
  }
}
