package org.medai.imaging.io.dicom;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medai.core.ReadLimits;
import org.medai.imaging.internal.dicom.DicomInput;
import org.medai.imaging.internal.dicom.DicomParser;

/**
 * Reads DICOM Part 10 files (with or without preamble and file meta header) and bare datasets in
 * implicit VR little endian, explicit VR little and big endian and deflated explicit VR little
 * endian; compressed syntaxes are parsed too (their pixel data stays encapsulated). Immutable and
 * thread-safe: configure once, read many files, from many threads.
 *
 * <pre>{@code
 * DicomReader headers = DicomReader.builder().stopBeforePixelData(true).build();
 * DicomFile f = headers.read(path);           // never reads pixel bytes
 * DicomFile full = DicomReader.defaults().read(path);   // pixel data referenced by file offset
 * }</pre>
 *
 * <p>Every length field is checked against {@link ReadLimits} and the bytes that remain before
 * anything is allocated; malformed input raises {@link DicomFormatException} (offset, tag and
 * expectation, never a value) and limit violations {@link org.medai.core.LimitExceededException}.
 * Offsets in a deflated file count bytes of the inflated dataset.
 */
public final class DicomReader {
  private static final DicomReader DEFAULTS = builder().build();

  private final ReadLimits limits;
  private final boolean stopBeforePixelData;
  private final long bulkThreshold;

  private DicomReader(Builder b) {
    this.limits = b.limits;
    this.stopBeforePixelData = b.stopBeforePixelData;
    this.bulkThreshold = b.bulkThreshold;
  }

  /** Default limits; pixel data and bulk values of 64 KiB or more referenced by file offset. */
  public static DicomReader defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public ReadLimits limits() {
    return limits;
  }

  /** Reads a file. Bulk values at least {@code bulkThreshold} bytes long are read on demand. */
  public DicomFile read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      long size = Files.size(file);
      return parse(DicomInput.of(in, size), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read DICOM file " + file.getFileName(), e);
    }
  }

  /** Reads bytes held in memory (bulk values are kept as slices of the array, not copied). */
  public DicomFile read(byte[] bytes) {
    return parse(DicomInput.of(bytes), null);
  }

  /** Reads a stream to its end (or to the pixel data when stopping before it); the caller closes it. */
  public DicomFile read(InputStream in) {
    return parse(DicomInput.of(in instanceof BufferedInputStream ? in : new BufferedInputStream(in), -1), null);
  }

  private DicomFile parse(DicomInput input, Path file) {
    DicomParser.Result r = new DicomParser(
        new DicomParser.Options(limits, stopBeforePixelData, bulkThreshold, file)).parse(input);
    return new DicomFile(r.meta(), r.dataset(), r.transferSyntax(), r.pixelDataOffset());
  }

  /** Configures a reader. Not thread-safe; the reader it builds is. */
  public static final class Builder {
    private ReadLimits limits = ReadLimits.defaults();
    private boolean stopBeforePixelData;
    private long bulkThreshold = 64 * 1024;

    public Builder limits(ReadLimits limits) {
      this.limits = java.util.Objects.requireNonNull(limits);
      return this;
    }

    /** Stop at the top-level (7FE0,0010): the header-only path, which never reads pixel bytes. */
    public Builder stopBeforePixelData(boolean stop) {
      this.stopBeforePixelData = stop;
      return this;
    }

    /**
     * Bulk values (OB, OW, OF, OD, OL, OV, UN, pixel data, fragments) at least this many bytes long
     * are referenced by file offset and skipped (files only; deflated files are always read).
     * {@code Long.MAX_VALUE} reads everything into memory.
     */
    public Builder bulkDataThreshold(long bytes) {
      if (bytes < 0) throw new IllegalArgumentException("threshold must be >= 0");
      this.bulkThreshold = bytes;
      return this;
    }

    public DicomReader build() {
      return new DicomReader(this);
    }
  }
}
