package org.medai.imaging.internal.codec;

/**
 * Writes decoded integer samples into a little-endian output frame of 1, 2 or 4 bytes per sample,
 * applying the stored-value rule of {@link org.medai.imaging.io.dicom.codec.FrameDecoder}: values
 * are kept in {@code precision} bits and, when signed, sign-extended to the sample size.
 */
final class SampleWriter {
  private SampleWriter() {}

  /** Converts a sample decoded with {@code precision} bits to its stored value. */
  static int stored(int value, int precision, boolean signed) {
    if (precision >= 32) {
      return value;
    }
    int masked = value & ((1 << precision) - 1);
    if (signed) {
      int shift = 32 - precision;
      return (masked << shift) >> shift;
    }
    return masked;
  }

  static void put(byte[] out, int sampleIndex, int bytesPerSample, int value) {
    switch (bytesPerSample) {
      case 1 -> out[sampleIndex] = (byte) value;
      case 2 -> {
        int p = sampleIndex << 1;
        out[p] = (byte) value;
        out[p + 1] = (byte) (value >> 8);
      }
      default -> {
        int p = sampleIndex << 2;
        out[p] = (byte) value;
        out[p + 1] = (byte) (value >> 8);
        out[p + 2] = (byte) (value >> 16);
        out[p + 3] = (byte) (value >> 24);
      }
    }
  }
}
