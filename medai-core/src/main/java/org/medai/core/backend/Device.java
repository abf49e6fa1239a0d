package org.medai.core.backend;

import org.medai.core.BackendException;
import org.medai.core.InvalidArgumentException;
import org.slf4j.LoggerFactory;

/**
 * Which backend to run on, and what to do when it is unavailable. A value: build it, then
 * {@link #open()} a {@link Backend} (which the caller closes).
 *
 * <pre>{@code
 * try (Backend b = Device.auto().open()) { ... }          // CUDA where it works, else CPU
 * try (Backend b = Device.cuda().open()) { ... }          // CUDA or a BackendException saying why not
 * try (Backend b = Device.cuda().withFallback(OnFallback.USE_CPU).open()) { ... }
 * }</pre>
 *
 * @param backend {@code cpu}, {@code cuda} or {@code auto}
 * @param options threads and device index
 * @param onFallback policy when the backend is unavailable ({@code auto} always falls back to CPU)
 */
public record Device(String backend, BackendOptions options, OnFallback onFallback) {

  public static Device cpu() {
    return new Device("cpu", BackendOptions.defaults(), OnFallback.FAIL);
  }

  public static Device cpu(int threads) {
    return new Device("cpu", BackendOptions.defaults().withCpuThreads(threads), OnFallback.FAIL);
  }

  public static Device cuda() {
    return new Device("cuda", BackendOptions.defaults(), OnFallback.FAIL);
  }

  public static Device cuda(int deviceIndex) {
    return new Device("cuda", BackendOptions.defaults().withDeviceIndex(deviceIndex), OnFallback.FAIL);
  }

  /** The highest-ranked available backend: CUDA where it works, otherwise CPU. */
  public static Device auto() {
    return new Device("auto", BackendOptions.defaults(), OnFallback.USE_CPU);
  }

  /** Parses {@code cpu}, {@code cuda}, {@code cuda:N} or {@code auto}. */
  public static Device parse(String s) {
    if (s == null) throw new InvalidArgumentException("MEDAI-ARG-013", "device must be cpu, cuda, cuda:N or auto; got null");
    String v = s.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.equals("cpu")) return cpu();
    if (v.equals("auto")) return auto();
    if (v.equals("cuda")) return cuda();
    if (v.startsWith("cuda:")) {
      try {
        return cuda(Integer.parseInt(v.substring(5)));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new InvalidArgumentException("MEDAI-ARG-013", "device must be cpu, cuda, cuda:N or auto; got " + s);
  }

  public Device withFallback(OnFallback policy) {
    return new Device(backend, options, policy);
  }

  public Device withOptions(BackendOptions o) {
    return new Device(backend, o, onFallback);
  }

  public Device withCpuThreads(int n) {
    return new Device(backend, options.withCpuThreads(n), onFallback);
  }

  /** Creates the backend, applying the fallback policy when it is unavailable. */
  public Backend open() {
    if (backend.equals("auto")) {
      for (BackendProvider p : Backends.providers()) {
        if (p.probe().available()) return p.create(options);
      }
      throw new BackendException("MEDAI-BACKEND-001", "no backend is available; the cpu backend is missing from the class path");
    }
    BackendProvider p = Backends.provider(backend).orElse(null);
    String reason = p == null
        ? "no provider named '%s' on the class path".formatted(backend)
        : p.probe().reason();
    if (p != null && p.probe().available()) return p.create(options);
    if (onFallback == OnFallback.USE_CPU && !backend.equals("cpu")) {
      LoggerFactory.getLogger(Device.class).info("{} backend unavailable ({}); using cpu", backend, reason);
      return Device.cpu().withOptions(options).open();
    }
    throw new BackendException("MEDAI-BACKEND-002",
        "%s backend is unavailable: %s; use --device cpu or OnFallback.USE_CPU".formatted(backend, reason));
  }
}
