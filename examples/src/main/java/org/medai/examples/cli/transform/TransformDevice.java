package org.medai.examples.cli.transform;

import org.medai.core.backend.Availability;
import org.medai.core.backend.Backend;
import org.medai.core.backend.BackendProvider;
import org.medai.core.backend.Backends;
import org.medai.core.backend.Device;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.Volume;
import org.medai.examples.cli.BadInputException;

/**
 * {@code --device cpu|cuda|auto} of the transform commands. {@code cpu} runs on the host;
 * {@code cuda} opens the CUDA backend or fails with exit code 3 and the probe's reason;
 * {@code auto} takes CUDA where it works, else the CPU, and says which on stderr (one line). The
 * volume is uploaded once, transformed on the device, and downloaded once for writing.
 * Not thread-safe; one per command run, closed by the command.
 */
final class TransformDevice implements AutoCloseable {
  private final Backend backend;
  private final String name;

  private TransformDevice(Backend backend, String name) {
    this.backend = backend;
    this.name = name;
  }

  static TransformDevice open(String requested) {
    Device d;
    try {
      d = Device.parse(requested);
    } catch (RuntimeException e) {
      throw new BadInputException("--device must be cpu, cuda or auto; got " + requested);
    }
    if (d.backend().equals("cpu")) return new TransformDevice(null, "cpu");
    BackendProvider cuda = Backends.provider("cuda").orElse(null);
    Availability a = cuda == null ? Availability.no("no cuda provider on the class path") : cuda.probe();
    if (!a.available()) {
      if (d.backend().equals("cuda")) {
        throw new BadInputException("--device cuda: CUDA is unavailable: " + a.reason() + "; use --device cpu or auto");
      }
      System.err.println("medai: --device auto: CUDA unavailable (" + a.reason() + "); using cpu");
      return new TransformDevice(null, "cpu");
    }
    Backend b = d.backend().equals("cuda") ? d.open() : Device.cuda().open();
    if (d.backend().equals("auto")) System.err.println("medai: --device auto: using cuda (" + b.deviceDescription() + ")");
    return new TransformDevice(b, "cuda");
  }

  /** {@code cpu} or {@code cuda}. */
  String name() {
    return name;
  }

  /** The volume where the transform runs: itself on the CPU, an uploaded copy on CUDA. */
  Volume place(Volume v, MemoryScope scope) {
    return backend == null ? v : Volume.of(backend.upload(v.data(), scope), v.geometry());
  }

  /** Waits for the device's queued work (nothing on the CPU). */
  void synchronize() {
    if (backend != null) backend.synchronize();
  }

  /** A host volume for writing: itself on the CPU, a downloaded copy on CUDA. */
  Volume toHost(Volume v, MemoryScope scope) {
    return v.data().isHost() ? v : Volume.of(backend.download(v.data(), scope), v.geometry());
  }

  @Override
  public void close() {
    if (backend != null) backend.close();
  }
}
