package org.medai.imaging.io.series;

import java.util.List;

/**
 * What {@link SeriesScanner#scan} found under a folder. Immutable.
 *
 * @param studies studies ordered by UID
 * @param filesSeen regular files looked at
 * @param filesSkipped files that were not DICOM, held no image, or failed to parse (counted, never named with their content)
 */
public record ScanResult(List<ScannedStudy> studies, int filesSeen, int filesSkipped) {
  public ScanResult {
    studies = List.copyOf(studies);
  }

  /** Every series of every study. */
  public List<ScannedSeries> allSeries() {
    return studies.stream().flatMap(s -> s.series().stream()).toList();
  }
}
