package org.medai.core.internal.cpu;

import org.medai.core.backend.Availability;
import org.medai.core.backend.Backend;
import org.medai.core.backend.BackendOptions;
import org.medai.core.backend.BackendProvider;

/** The always-available CPU backend. */
public final class CpuBackendProvider implements BackendProvider {
  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public int rank() {
    return 0;
  }

  @Override
  public Availability probe() {
    return Availability.yes(Runtime.getRuntime().availableProcessors() + " CPU threads available");
  }

  @Override
  public Backend create(BackendOptions options) {
    return new CpuBackend(options.cpuThreads());
  }
}
