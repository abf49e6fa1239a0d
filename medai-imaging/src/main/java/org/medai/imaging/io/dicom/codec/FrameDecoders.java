package org.medai.imaging.io.dicom.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the {@link FrameDecoder} for a transfer syntax among the {@link FrameDecoderProvider}s on
 * the class path. Providers are loaded once, on first use, with this class's class loader; a
 * provider that fails to load is skipped (it can never break native decoding). Thread-safe.
 */
public final class FrameDecoders {
  private FrameDecoders() {
  }

  private static final class Holder {
    static final List<FrameDecoderProvider> PROVIDERS = load();
  }

  /** The decoder of the highest-priority provider claiming {@code transferSyntaxUid}, if any. */
  public static Optional<FrameDecoder> forTransferSyntax(String transferSyntaxUid) {
    FrameDecoderProvider best = null;
    for (FrameDecoderProvider p : Holder.PROVIDERS) {
      if (p.transferSyntaxUids().contains(transferSyntaxUid) && (best == null || p.priority() > best.priority())) {
        best = p;
      }
    }
    return best == null ? Optional.empty() : Optional.ofNullable(best.decoder(transferSyntaxUid));
  }

  /** The providers found, in discovery order. */
  public static List<FrameDecoderProvider> providers() {
    return Holder.PROVIDERS;
  }

  private static List<FrameDecoderProvider> load() {
    List<FrameDecoderProvider> out = new ArrayList<>();
    var it = ServiceLoader.load(FrameDecoderProvider.class, FrameDecoders.class.getClassLoader()).iterator();
    while (true) {
      try {
        if (!it.hasNext()) break;
        out.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        // a broken provider is skipped; the syntax it claimed then reports as unsupported
      }
    }
    return List.copyOf(out);
  }
}
