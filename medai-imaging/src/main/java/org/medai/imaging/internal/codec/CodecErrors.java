package org.medai.imaging.internal.codec;

import org.medai.imaging.io.dicom.DicomFormatException;
import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * Error codes and checks shared by the compressed pixel-data decoders. Offsets in messages are
 * byte offsets into the compressed frame (fragment headers removed). Messages never carry pixel or
 * attribute values beyond the sizes and markers of the stream itself.
 */
public final class CodecErrors {
  /** The compressed stream is truncated: it ended before the decoder had what it needed. */
  public static final String TRUNCATED = "MEDAI-CODEC-001";
  /** The compressed stream is malformed: a marker, header or code did not have the expected form. */
  public static final String MALFORMED = "MEDAI-CODEC-002";
  /** The stream is valid but uses a feature this decoder does not implement. */
  public static final String UNSUPPORTED = "MEDAI-CODEC-003";
  /** The stream disagrees with the Image Pixel module (rows, columns, samples, bits). */
  public static final String MISMATCH = "MEDAI-CODEC-004";

  private CodecErrors() {}

  public static DicomFormatException truncated(String codec, long offset, String expected) {
    return new DicomFormatException(TRUNCATED, offset,
        codec + " stream ends early: expected " + expected + "; the frame's fragments are incomplete");
  }

  public static DicomFormatException malformed(String codec, long offset, String what) {
    return new DicomFormatException(MALFORMED, offset, codec + " stream is malformed: " + what);
  }

  public static DicomFormatException unsupported(String codec, long offset, String what) {
    return new DicomFormatException(UNSUPPORTED, offset, codec + " stream uses an unsupported feature: " + what);
  }

  public static DicomFormatException mismatch(String codec, long offset, String what) {
    return new DicomFormatException(MISMATCH, offset,
        codec + " stream does not match the Image Pixel attributes: " + what);
  }

  /**
   * Checks that the decoded frame fits a Java array and the basic attributes are sane, and returns
   * its size; every decoder calls this before allocating its output.
   */
  public static int checkedFrameBytes(String codec, FrameInfo info) {
    if (info.rows() <= 0 || info.columns() <= 0) {
      throw mismatch(codec, -1, "Rows and Columns must be positive, got " + info.rows() + "x" + info.columns());
    }
    if (info.samplesPerPixel() != 1 && info.samplesPerPixel() != 3 && info.samplesPerPixel() != 4) {
      throw mismatch(codec, -1, "SamplesPerPixel must be 1, 3 or 4, got " + info.samplesPerPixel());
    }
    if (info.bitsAllocated() <= 0 || info.bitsAllocated() > 32) {
      throw mismatch(codec, -1, "BitsAllocated must be 1..32, got " + info.bitsAllocated());
    }
    if (info.bitsStored() <= 0 || info.bitsStored() > info.bitsAllocated()) {
      throw mismatch(codec, -1, "BitsStored must be 1..BitsAllocated (" + info.bitsAllocated() + "), got "
          + info.bitsStored());
    }
    long bytes = info.frameBytes();
    if (bytes > Integer.MAX_VALUE - 16) {
      throw mismatch(codec, -1, "a decoded frame of " + bytes + " bytes exceeds the 2 GiB per-frame limit");
    }
    return (int) bytes;
  }
}
