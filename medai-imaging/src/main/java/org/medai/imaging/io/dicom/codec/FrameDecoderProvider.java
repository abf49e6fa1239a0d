package org.medai.imaging.io.dicom.codec;

import java.util.Set;

/**
 * Service-provider interface for compressed pixel data decoders, found with
 * {@link java.util.ServiceLoader}: list implementations in
 * {@code META-INF/services/org.medai.imaging.io.dicom.codec.FrameDecoderProvider}. A provider is
 * instantiated once, lazily, on the first lookup; it must be cheap to construct and must not throw
 * (report unavailability by returning an empty set). Implementations are thread-safe.
 */
public interface FrameDecoderProvider {

  /** A short name for messages, e.g. {@code rle} or {@code jpeg-ls}. */
  String name();

  /** Transfer syntax UIDs whose frames this provider decodes. */
  Set<String> transferSyntaxUids();

  /** The decoder for one of {@link #transferSyntaxUids()}. */
  FrameDecoder decoder(String transferSyntaxUid);

  /** When several providers claim a syntax the highest priority wins (ties: first found). */
  default int priority() {
    return 0;
  }
}
