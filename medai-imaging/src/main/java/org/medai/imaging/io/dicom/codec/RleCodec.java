package org.medai.imaging.io.dicom.codec;

import java.util.Set;
import org.medai.imaging.internal.codec.RleDecoder;

/**
 * The RLE Lossless family (PS3.5 Annex G): 8, 16 and 32-bit samples, one or three samples per
 * pixel. Colour frames are stored plane by plane in segments and come out interleaved; no colour
 * conversion is applied (RLE does not imply one). Registered as a {@link FrameDecoderProvider}
 * (ServiceLoader); the decoder is stateless and thread-safe.
 */
public final class RleCodec extends SingleDecoderProvider {
  /** RLE Lossless. */
  public static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";
  /** Transfer syntaxes this family decodes. */
  public static final Set<String> TRANSFER_SYNTAX_UIDS = Set.of(RLE_LOSSLESS);

  private static final FrameDecoder DECODER = new RleDecoder();

  /** The service-loader constructor; cheap, never throws. Prefer {@link #decoder()} in code. */
  public RleCodec() {
    super("rle", TRANSFER_SYNTAX_UIDS, DECODER);
  }

  /** The shared, thread-safe decoder for every UID in {@link #TRANSFER_SYNTAX_UIDS}. */
  public static FrameDecoder decoder() {
    return DECODER;
  }
}
