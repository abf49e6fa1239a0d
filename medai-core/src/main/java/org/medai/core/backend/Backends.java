package org.medai.core.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.medai.core.tensor.Tensor;

/** Lists the backend providers on the class path. Stateless: every call asks the {@link ServiceLoader}. */
public final class Backends {
  private Backends() {}

  /** All providers, highest rank first. Constructing them loads no native code. */
  public static List<BackendProvider> providers() {
    List<BackendProvider> list = new ArrayList<>();
    for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
      list.add(p);
    }
    list.sort(Comparator.comparingInt(BackendProvider::rank).reversed());
    return list;
  }

  public static Optional<BackendProvider> provider(String name) {
    return providers().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * The device backend that allocated {@code t}'s memory ({@link DeviceMemory}), or empty for host
   * tensors. Lets a module run its own kernels on a device tensor through {@link Backend#kernels()}.
   */
  public static Optional<Backend> owning(Tensor t) {
    return t.memory() instanceof DeviceMemory d ? Optional.of(d.backend()) : Optional.empty();
  }
}
