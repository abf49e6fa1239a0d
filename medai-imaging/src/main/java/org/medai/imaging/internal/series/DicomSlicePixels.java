package org.medai.imaging.internal.series;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.medai.core.ReadLimits;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomPixels;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.series.SliceHeader;
import org.medai.imaging.io.series.SlicePixels;

/**
 * Stored values of DICOM slices for series assembly, through {@link DicomPixels#frameRgb}: native
 * frames are read by file offset (BitsStored masked, signed values sign-extended, planar colour
 * interleaved, YBR to RGB); compressed frames go to the codec registered for their transfer
 * syntax. Thread-safe: files with several frames are parsed once and the parse shared.
 */
public final class DicomSlicePixels implements SlicePixels {
  private final DicomReader reader;
  private final ReadLimits limits;
  private final Map<Path, DicomFile> multiFrame = new ConcurrentHashMap<>();

  public DicomSlicePixels(ReadLimits limits) {
    this.limits = limits;
    this.reader = DicomReader.builder().limits(limits).build();
  }

  /** Serves frames of an already parsed file without parsing it again. */
  public DicomSlicePixels with(Path file, DicomFile parsed) {
    multiFrame.put(file, parsed);
    return this;
  }

  @Override
  public byte[] read(SliceHeader s) {
    DicomFile f = multiFrame.get(s.source());
    if (f == null) {
      f = reader.read(s.source());
      if (DicomPixels.numberOfFrames(f.dataset()) > 1) multiFrame.put(s.source(), f);
    }
    return DicomPixels.frameRgb(f, s.frame(), limits);
  }
}
