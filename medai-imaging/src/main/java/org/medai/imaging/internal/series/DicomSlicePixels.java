package org.medai.imaging.internal.series;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.medai.core.ReadLimits;
import org.medai.imaging.io.dicom.BulkData;
import org.medai.imaging.io.dicom.DicomElement;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.Tag;
import org.medai.imaging.io.series.SeriesAssemblyException;
import org.medai.imaging.io.series.SliceHeader;
import org.medai.imaging.io.series.SlicePixels;

/**
 * Stored values of DICOM slices for series assembly, read with the project's DICOM parser. Native
 * (uncompressed) pixel data is read straight from the file by offset, one frame at a time;
 * compressed (encapsulated) pixel data is refused with a message. Thread-safe: files with several
 * frames are parsed once and their parse shared.
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
      if (f.dataset().getInt(Tag.NumberOfFrames, 1) > 1) multiFrame.put(s.source(), f);
    }
    DicomElement e = f.dataset().get(Tag.PixelData);
    if (e == null) e = f.dataset().get(Tag.FloatPixelData);
    if (e == null) e = f.dataset().get(Tag.DoubleFloatPixelData);
    if (e == null) {
      throw new SeriesAssemblyException("MEDAI-SERIES-033", "%s has no pixel data".formatted(s.label()));
    }
    byte[] frame;
    if (e.isEncapsulated()) {
      throw new SeriesAssemblyException("MEDAI-SERIES-036",
          ("%s: pixel data is compressed (%s); series assembly reads native pixel data only, "
              + "decompress the series first (for example with dcmdjpeg or gdcmconv --raw)")
              .formatted(s.label(), f.transferSyntax().name()));
    } else {
      frame = nativeFrame(f, e, s);
    }
    int planar = f.dataset().getInt(Tag.PlanarConfiguration, 0);
    if (s.samplesPerPixel() > 1 && planar == 1 && !e.isEncapsulated()) frame = interleave(frame, s);
    return frame;
  }

  private byte[] nativeFrame(DicomFile f, DicomElement e, SliceHeader s) {
    long fb = s.storedBytes();
    long start = s.frame() * fb;
    if (e.length() < start + fb) {
      throw new SeriesAssemblyException("MEDAI-SERIES-034",
          "%s: pixel data holds %d bytes; frame %d needs bytes %d to %d (the file is truncated)"
              .formatted(s.label(), e.length(), s.frame(), start, start + fb));
    }
    if (fb > Integer.MAX_VALUE - 8) {
      throw new SeriesAssemblyException("MEDAI-SERIES-035", "%s: a frame of %d bytes is larger than 2 GiB".formatted(s.label(), fb));
    }
    byte[] src;
    int off;
    if (e.bytes() != null) {
      src = e.bytes();
      off = (int) start;
    } else {
      BulkData b = e.bulkData();
      if (b.isInMemory()) {
        src = b.bytes(limits);
        off = (int) start;
      } else {
        int swap = f.transferSyntax().bigEndian() ? s.storedType().byteSize() : 0;
        return BulkData.ofFile(b.file(), b.offset() + start, fb, swap).bytes(limits);
      }
    }
    if (off == 0 && src.length == fb) return src;
    byte[] out = new byte[(int) fb];
    System.arraycopy(src, off, out, 0, (int) fb);
    return out;
  }

  /** Planar configuration 1 (RRR…GGG…BBB) to interleaved samples. */
  private static byte[] interleave(byte[] planar, SliceHeader s) {
    int n = s.rows() * s.columns();
    int size = s.storedType().byteSize();
    int spp = s.samplesPerPixel();
    byte[] out = new byte[planar.length];
    for (int c = 0; c < spp; c++) {
      for (int p = 0; p < n; p++) {
        System.arraycopy(planar, (c * n + p) * size, out, (p * spp + c) * size, size);
      }
    }
    return out;
  }
}
