package org.medai.imaging.io.dicom.codec;

import java.util.Set;
import org.medai.imaging.internal.codec.JpegLsDecoder;

/**
 * The JPEG-LS family (ITU-T T.87): lossless and near-lossless, default or preset (LSE) thresholds,
 * interleave modes none/line/sample, 2-16 bit precision. Mapping tables, restart intervals and the
 * HP colour transforms are not supported and raise {@code MEDAI-CODEC-003}. Registered as a
 * {@link FrameDecoderProvider} (ServiceLoader); the decoder is stateless and thread-safe and
 * produces stored values.
 */
public final class JpegLsCodec extends SingleDecoderProvider {
  /** JPEG-LS Lossless Image Compression. */
  public static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
  /** JPEG-LS Lossy (Near-Lossless) Image Compression. */
  public static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
  /** Transfer syntaxes this family decodes. */
  public static final Set<String> TRANSFER_SYNTAX_UIDS = Set.of(JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS);

  private static final FrameDecoder DECODER = new JpegLsDecoder();

  /** The service-loader constructor; cheap, never throws. Prefer {@link #decoder()} in code. */
  public JpegLsCodec() {
    super("jpeg-ls", TRANSFER_SYNTAX_UIDS, DECODER);
  }

  /** The shared, thread-safe decoder for every UID in {@link #TRANSFER_SYNTAX_UIDS}. */
  public static FrameDecoder decoder() {
    return DECODER;
  }
}
