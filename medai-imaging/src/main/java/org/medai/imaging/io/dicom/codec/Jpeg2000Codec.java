package org.medai.imaging.io.dicom.codec;

import java.util.Set;
import org.medai.imaging.internal.codec.j2k.J2kDecoder;

/**
 * The JPEG 2000 family (ISO/IEC 15444-1): JPEG 2000 Image Compression (Lossless Only) and JPEG 2000
 * Image Compression, reversible 5/3 and irreversible 9/7, raw codestreams or JP2-wrapped ones.
 * Lossy frames decode bit-exactly as OpenJPEG 2.5 decodes them. Colour frames (YBR_RCT, YBR_ICT)
 * come out as RGB, interleaved. High-Throughput JPEG 2000, Part 2 extensions and sub-sampled
 * components raise {@code MEDAI-CODEC-003}. Registered as a {@link FrameDecoderProvider}
 * (ServiceLoader); the decoder is stateless and thread-safe and produces stored values.
 */
public final class Jpeg2000Codec extends SingleDecoderProvider {
  /** JPEG 2000 Image Compression (Lossless Only). */
  public static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
  /** JPEG 2000 Image Compression (lossless or lossy). */
  public static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
  /** Transfer syntaxes this family decodes. */
  public static final Set<String> TRANSFER_SYNTAX_UIDS = Set.of(JPEG_2000_LOSSLESS, JPEG_2000);

  private static final FrameDecoder DECODER = new J2kDecoder();

  /** The service-loader constructor; cheap, never throws. Prefer {@link #decoder()} in code. */
  public Jpeg2000Codec() {
    super("jpeg-2000", TRANSFER_SYNTAX_UIDS, DECODER);
  }

  /** The shared, thread-safe decoder for every UID in {@link #TRANSFER_SYNTAX_UIDS}. */
  public static FrameDecoder decoder() {
    return DECODER;
  }
}
