package org.medai.imaging.io.series;

import java.util.List;

/** A study found by {@link SeriesScanner}: its series ordered by series number, then UID. Immutable. */
public record ScannedStudy(String studyUid, List<ScannedSeries> series) {
  public ScannedStudy {
    series = List.copyOf(series);
  }
}
