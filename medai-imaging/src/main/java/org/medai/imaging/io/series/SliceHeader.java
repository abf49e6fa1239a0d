package org.medai.imaging.io.series;

import java.nio.file.Path;
import org.medai.core.InvalidArgumentException;
import org.medai.core.geometry.Vec3;
import org.medai.core.tensor.DType;

/**
 * What series assembly needs to know about one 2-D image: a single-frame DICOM file, or one frame
 * of a multi-frame file (its per-frame functional groups already resolved). Geometry is DICOM
 * patient space (LPS, mm). Immutable and thread-safe.
 *
 * @param source the file it came from
 * @param frame frame index within the file (0 for single-frame files)
 * @param studyUid StudyInstanceUID (0020,000D), or "" when absent
 * @param seriesUid SeriesInstanceUID (0020,000E), or "" when absent
 * @param instanceNumber InstanceNumber (0020,0013) or the frame number, -1 when absent
 * @param rows Rows (0028,0010): the j extent
 * @param columns Columns (0028,0011): the i extent
 * @param samplesPerPixel 1 for grey, 3 for colour (channels of the volume)
 * @param storedType element type of the stored values (BitsAllocated, PixelRepresentation)
 * @param rowSpacingMm PixelSpacing[0]: distance between adjacent rows (along j), mm
 * @param columnSpacingMm PixelSpacing[1]: distance between adjacent columns (along i), mm
 * @param rowCosine ImageOrientationPatient[0..2]: direction of increasing column index (i), or null
 * @param columnCosine ImageOrientationPatient[3..5]: direction of increasing row index (j), or null
 * @param positionLps ImagePositionPatient: centre of the first voxel, or null
 * @param rescaleSlope RescaleSlope (1 when absent)
 * @param rescaleIntercept RescaleIntercept (0 when absent)
 */
public record SliceHeader(Path source, int frame, String studyUid, String seriesUid, int instanceNumber,
                          int rows, int columns, int samplesPerPixel, DType storedType,
                          double rowSpacingMm, double columnSpacingMm,
                          Vec3 rowCosine, Vec3 columnCosine, Vec3 positionLps,
                          double rescaleSlope, double rescaleIntercept) {

  public SliceHeader {
    if (rows < 1 || columns < 1 || samplesPerPixel < 1 || storedType == null) {
      throw new InvalidArgumentException("MEDAI-SERIES-001",
          "a slice needs rows, columns and samples of at least 1 and a stored type; got %d x %d x %d %s"
              .formatted(rows, columns, samplesPerPixel, storedType));
    }
    studyUid = studyUid == null ? "" : studyUid;
    seriesUid = seriesUid == null ? "" : seriesUid;
    if (!Double.isFinite(rescaleSlope)) rescaleSlope = 1;
    if (!Double.isFinite(rescaleIntercept)) rescaleIntercept = 0;
  }

  /** True when orientation, position and pixel spacing are all present and finite. */
  public boolean hasGeometry() {
    return finite(rowCosine) && finite(columnCosine) && finite(positionLps)
        && rowSpacingMm > 0 && columnSpacingMm > 0 && Double.isFinite(rowSpacingMm) && Double.isFinite(columnSpacingMm);
  }

  private static boolean finite(Vec3 v) {
    return v != null && Double.isFinite(v.x()) && Double.isFinite(v.y()) && Double.isFinite(v.z());
  }

  /** Bytes of this slice's stored values. */
  public long storedBytes() {
    return (long) rows * columns * samplesPerPixel * storedType.byteSize();
  }

  /** A short, patient-data-free label for messages: file name, frame and instance number. */
  public String label() {
    String f = source == null ? "?" : source.getFileName().toString();
    return f + (frame > 0 ? "#" + frame : "") + (instanceNumber >= 0 ? " (instance " + instanceNumber + ")" : "");
  }
}
