package org.medai.imaging.io.dicom.codec;

import java.util.Set;
import org.medai.imaging.internal.codec.JpegLosslessDecoder;

/**
 * The JPEG lossless family, process 14 (ITU-T T.81 Annex H, Huffman-coded, SOF3): any predictor
 * 1-7, point transform, restart intervals, 2-16 bit precision, several components. Registered as a
 * {@link FrameDecoderProvider} (ServiceLoader); the decoder is stateless and thread-safe and
 * produces stored values (signed per PixelRepresentation).
 */
public final class JpegLosslessCodec extends SingleDecoderProvider {
  /** JPEG Lossless, Non-Hierarchical (Process 14), any predictor. */
  public static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
  /** JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, selection value 1). */
  public static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
  /** Transfer syntaxes this family decodes. */
  public static final Set<String> TRANSFER_SYNTAX_UIDS = Set.of(JPEG_LOSSLESS, JPEG_LOSSLESS_SV1);

  private static final FrameDecoder DECODER = new JpegLosslessDecoder();

  /** The service-loader constructor; cheap, never throws. Prefer {@link #decoder()} in code. */
  public JpegLosslessCodec() {
    super("jpeg-lossless", TRANSFER_SYNTAX_UIDS, DECODER);
  }

  /** The shared, thread-safe decoder for every UID in {@link #TRANSFER_SYNTAX_UIDS}. */
  public static FrameDecoder decoder() {
    return DECODER;
  }
}
