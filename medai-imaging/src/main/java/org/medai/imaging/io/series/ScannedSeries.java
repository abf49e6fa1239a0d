package org.medai.imaging.io.series;

import java.util.List;

/**
 * One DICOM series found by {@link SeriesScanner}: its slices (one per single-frame file, one per
 * frame of a multi-frame file) in file-name then frame order, not yet sorted in space. Immutable.
 *
 * @param studyUid StudyInstanceUID
 * @param seriesUid SeriesInstanceUID
 * @param modality Modality (0008,0060), "" when absent
 * @param seriesNumber SeriesNumber (0020,0011), -1 when absent
 * @param files number of files
 * @param slices the slices
 */
public record ScannedSeries(String studyUid, String seriesUid, String modality, int seriesNumber, int files,
                            List<SliceHeader> slices) {
  public ScannedSeries {
    slices = List.copyOf(slices);
  }
}
