package org.medai.imaging.io.dicom.codec;

/**
 * What a pixel decoder needs to know about one frame, from the Image Pixel module.
 *
 * @param rows Rows (0028,0010)
 * @param columns Columns (0028,0011)
 * @param samplesPerPixel SamplesPerPixel (0028,0002): 1 for grey, 3 for colour
 * @param bitsAllocated BitsAllocated (0028,0100): 1, 8, 16 or 32
 * @param bitsStored BitsStored (0028,0101)
 * @param signed PixelRepresentation (0028,0103) == 1
 * @param planarConfiguration PlanarConfiguration (0028,0006): 0 interleaved, 1 by plane
 * @param photometricInterpretation e.g. MONOCHROME2, RGB, YBR_FULL, YBR_FULL_422
 */
public record FrameInfo(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
                        boolean signed, int planarConfiguration, String photometricInterpretation) {

  /** Bytes per sample in decoded output: 1 for BitsAllocated ≤ 8, 2 for ≤ 16, 4 for 32. */
  public int bytesPerSample() {
    return bitsAllocated <= 8 ? 1 : bitsAllocated <= 16 ? 2 : 4;
  }

  /** Size of one decoded frame in bytes: rows × columns × samples × bytes per sample. */
  public long frameBytes() {
    return (long) rows * columns * samplesPerPixel * bytesPerSample();
  }
}
