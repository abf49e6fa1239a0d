package org.medai.imaging.io.series;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.medai.core.MedaiException;
import org.medai.core.ReadLimits;
import org.medai.core.concurrent.WorkPool;
import org.medai.imaging.internal.series.DicomSlices;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.Tag;

/**
 * Finds DICOM images under a folder (recursively) and groups them into studies and series from
 * their headers only: parsing stops before the pixel data, so no pixel byte is read. Files are
 * parsed in parallel on the caller's {@link WorkPool}. Files that are not DICOM, hold no image or
 * fail to parse are counted and skipped. Stateless and thread-safe.
 */
public final class SeriesScanner {
  private SeriesScanner() {}

  private record FileHeaders(Path file, List<SliceHeader> slices, String modality, int seriesNumber) {}

  /**
   * @param root a folder (or a single file)
   * @param pool threads for parsing; null parses on the calling thread
   */
  public static ScanResult scan(Path root, ReadLimits limits, WorkPool pool) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list folder " + root.getFileName(), e);
    }
    limits.checkItems("files under the scanned folder", files.size());
    DicomReader reader = DicomReader.builder().limits(limits).stopBeforePixelData(true).build();
    FileHeaders[] found = new FileHeaders[files.size()];
    WorkPool.RangeBody body = (from, to) -> {
      for (long i = from; i < to; i++) {
        Path p = files.get((int) i);
        try {
          DicomFile f = reader.read(p);
          List<SliceHeader> slices = DicomSlices.of(p, f, limits);
          if (!slices.isEmpty()) {
            found[(int) i] = new FileHeaders(p, slices, f.dataset().getString(Tag.Modality, ""),
                f.dataset().getInt(Tag.SeriesNumber, -1));
          }
        } catch (MedaiException | UncheckedIOException e) {
          // not DICOM, not an image, or malformed: counted as skipped below
        }
      }
    };
    if (pool == null) body.run(0, files.size());
    else pool.parallelFor(files.size(), 4, body);
    Map<String, Map<String, List<FileHeaders>>> byStudy = new TreeMap<>();
    int skipped = 0;
    for (FileHeaders fh : found) {
      if (fh == null) {
        skipped++;
        continue;
      }
      SliceHeader s0 = fh.slices().get(0);
      byStudy.computeIfAbsent(s0.studyUid(), k -> new LinkedHashMap<>())
          .computeIfAbsent(s0.seriesUid(), k -> new ArrayList<>()).add(fh);
    }
    List<ScannedStudy> studies = new ArrayList<>();
    for (var st : byStudy.entrySet()) {
      List<ScannedSeries> series = new ArrayList<>();
      for (var se : st.getValue().entrySet()) {
        List<SliceHeader> slices = new ArrayList<>();
        for (FileHeaders fh : se.getValue()) slices.addAll(fh.slices());
        FileHeaders first = se.getValue().get(0);
        series.add(new ScannedSeries(st.getKey(), se.getKey(), first.modality(), first.seriesNumber(),
            se.getValue().size(), slices));
      }
      series.sort(Comparator.comparingInt(ScannedSeries::seriesNumber).thenComparing(ScannedSeries::seriesUid));
      studies.add(new ScannedStudy(st.getKey(), series));
    }
    return new ScanResult(studies, files.size(), skipped);
  }
}
