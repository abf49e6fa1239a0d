package org.medai.imaging.io.dicom.codec;

import java.util.Set;
import org.medai.imaging.internal.codec.JpegDctDecoder;

/**
 * The lossy JPEG family, Huffman-coded sequential DCT (ITU-T T.81): baseline 8-bit and extended
 * 8/12-bit. Output follows libjpeg-turbo's default decode (islow IDCT, fancy upsampling, integer
 * YCbCr→RGB), so YBR_FULL_422 and YBR_FULL frames come out as RGB. Progressive, hierarchical and
 * arithmetic-coded streams are refused with {@code MEDAI-CODEC-003}. Registered as a
 * {@link FrameDecoderProvider} (ServiceLoader); the decoder is stateless and thread-safe.
 */
public final class JpegCodec extends SingleDecoderProvider {
  /** JPEG Baseline (Process 1), 8-bit. */
  public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
  /** JPEG Extended (Process 2 and 4), 8 and 12-bit. */
  public static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
  /** Transfer syntaxes this family decodes. */
  public static final Set<String> TRANSFER_SYNTAX_UIDS = Set.of(JPEG_BASELINE, JPEG_EXTENDED);

  private static final FrameDecoder DECODER = new JpegDctDecoder();

  /** The service-loader constructor; cheap, never throws. Prefer {@link #decoder()} in code. */
  public JpegCodec() {
    super("jpeg", TRANSFER_SYNTAX_UIDS, DECODER);
  }

  /** The shared, thread-safe decoder for every UID in {@link #TRANSFER_SYNTAX_UIDS}. */
  public static FrameDecoder decoder() {
    return DECODER;
  }
}
