package org.medai.imaging.io.series;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.medai.core.ReadLimits;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.memory.MemoryScope;
import org.medai.imaging.internal.series.DicomSlicePixels;
import org.medai.imaging.internal.series.DicomSlices;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomReader;

/**
 * DICOM to {@link org.medai.core.tensor.Volume}: a folder holding one series, a {@link ScannedSeries}, or one multi-frame
 * file (classic or enhanced, with per-frame functional groups). Assembly rules are those of
 * {@link SeriesAssembler}. Stateless and thread-safe; the volume belongs to the caller's scope.
 *
 * <pre>{@code
 * try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(4)) {
 *   SeriesVolume ct = DicomVolumes.read(folder, AssemblyOptions.defaults(), ReadLimits.defaults(), pool, scope);
 * }
 * }</pre>
 */
public final class DicomVolumes {
  private DicomVolumes() {}

  /**
   * Reads a series folder (exactly one image series under it, searched recursively) or a
   * multi-frame file into one volume.
   */
  public static SeriesVolume read(Path src, AssemblyOptions options, ReadLimits limits, WorkPool pool, MemoryScope scope) {
    if (Files.isRegularFile(src)) return readFile(src, options, limits, pool, scope);
    ScanResult scan = SeriesScanner.scan(src, limits, pool);
    List<ScannedSeries> all = scan.allSeries();
    if (all.isEmpty()) {
      throw new SeriesAssemblyException("MEDAI-SERIES-040",
          "no DICOM image under %s (%d files looked at, %d skipped); point at a series folder"
              .formatted(src.getFileName(), scan.filesSeen(), scan.filesSkipped()));
    }
    if (all.size() > 1) {
      StringBuilder sb = new StringBuilder();
      for (ScannedSeries s : all) {
        sb.append(sb.length() == 0 ? "" : ", ").append("series number ").append(s.seriesNumber())
            .append(" (").append(s.slices().size()).append(" slices)");
      }
      throw new SeriesAssemblyException("MEDAI-SERIES-041",
          "%s holds %d series (%s); point at the folder of one series, or scan with SeriesScanner and read one"
              .formatted(src.getFileName(), all.size(), sb));
    }
    return read(all.get(0), options, limits, pool, scope);
  }

  /** Assembles one scanned series. */
  public static SeriesVolume read(ScannedSeries series, AssemblyOptions options, ReadLimits limits, WorkPool pool,
                                  MemoryScope scope) {
    return SeriesAssembler.assemble(series.slices(), new DicomSlicePixels(limits), options, limits, pool, scope);
  }

  /** Reads one file: a multi-frame image becomes a volume of its frames, a single frame a one-slice volume. */
  public static SeriesVolume readFile(Path file, AssemblyOptions options, ReadLimits limits, WorkPool pool,
                                      MemoryScope scope) {
    DicomFile f = DicomReader.builder().limits(limits).build().read(file);
    List<SliceHeader> slices = DicomSlices.of(file, f, limits);
    if (slices.isEmpty()) {
      throw new SeriesAssemblyException("MEDAI-SERIES-042",
          "%s holds no image (Rows, Columns or pixel data missing)".formatted(file.getFileName()));
    }
    return SeriesAssembler.assemble(slices, new DicomSlicePixels(limits).with(file, f), options, limits, pool, scope);
  }
}
