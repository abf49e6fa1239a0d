package org.medai.imaging.io.dicom.codec;

/**
 * Decodes one compressed frame (the concatenated fragments of an encapsulated frame) into stored
 * values: little-endian, {@link FrameInfo#bytesPerSample()} bytes per sample, samples interleaved
 * (colour as RGB, after any YBR→RGB conversion the codec implies), signed values sign-extended to
 * the sample size. Implementations are stateless and thread-safe.
 */
public interface FrameDecoder {

  /**
   * @param compressed the frame's bytes, fragment headers removed
   * @param info the frame's pixel description
   * @return exactly {@code info.frameBytes()} bytes
   * @throws org.medai.imaging.io.dicom.DicomFormatException when the stream is malformed or truncated
   */
  byte[] decode(byte[] compressed, FrameInfo info);
}
