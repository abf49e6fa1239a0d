package org.medai.imaging.io.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.medai.core.ReadLimits;
import org.medai.imaging.internal.dicom.Bytes;

/**
 * A bulk value (pixel data, a fragment, a large OB/OW) either held in memory or referenced by file
 * offset and read only when asked. Immutable, thread-safe; a referenced file is opened and closed
 * on each {@link #bytes} call.
 */
public final class BulkData {
  private final byte[] array;
  private final int arrayOffset;
  private final Path file;
  private final long offset;
  private final long length;
  private final int swapUnit;

  private BulkData(byte[] array, int arrayOffset, Path file, long offset, long length, int swapUnit) {
    this.array = array;
    this.arrayOffset = arrayOffset;
    this.file = file;
    this.offset = offset;
    this.length = length;
    this.swapUnit = swapUnit;
  }

  /** Bytes held in memory (not copied). {@code sourceOffset} is where they were in the input, or -1. */
  public static BulkData ofBytes(byte[] bytes, long sourceOffset) {
    return new BulkData(bytes, 0, null, sourceOffset, bytes.length, 0);
  }

  /** A slice of an array held in memory (not copied); little-endian already. */
  public static BulkData ofSlice(byte[] array, int arrayOffset, int length, long sourceOffset) {
    return new BulkData(array, arrayOffset, null, sourceOffset, length, 0);
  }

  /**
   * A value in a file, read on demand.
   *
   * @param swapUnit byte size of the values to swap when the file is big-endian, 0 for none
   */
  public static BulkData ofFile(Path file, long offset, long length, int swapUnit) {
    return new BulkData(null, 0, file, offset, length, swapUnit);
  }

  /** Length in bytes. */
  public long length() {
    return length;
  }

  /** Offset of the value in its source (file or decompressed stream), or -1 when unknown. */
  public long offset() {
    return offset;
  }

  /** True when the bytes are in memory. */
  public boolean isInMemory() {
    return array != null;
  }

  /** The file this value is read from, or null when in memory. */
  public Path file() {
    return file;
  }

  /**
   * The bytes (little-endian). In-memory values are copied only when they are a slice; file values
   * are read now, after the length is checked against {@code limits} and the file's size.
   */
  public byte[] bytes(ReadLimits limits) {
    if (array != null) {
      if (arrayOffset == 0 && length == array.length) return array;
      byte[] out = new byte[(int) length];
      System.arraycopy(array, arrayOffset, out, 0, (int) length);
      return out;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      limits.checkLength("bulk data at offset " + offset, length, Math.max(0, size - offset));
      if (length > Integer.MAX_VALUE - 8) {
        throw new DicomFormatException("MEDAI-DICOM-002", offset,
            "bulk value of %d bytes does not fit one Java array; expected at most 2 GiB".formatted(length));
      }
      byte[] out = new byte[(int) length];
      ByteBuffer bb = ByteBuffer.wrap(out);
      long pos = offset;
      while (bb.hasRemaining()) {
        int r = ch.read(bb, pos);
        if (r < 0) {
          throw new DicomFormatException("MEDAI-DICOM-003", pos,
              "file ended inside a bulk value; expected %d more bytes".formatted(bb.remaining()));
        }
        pos += r;
      }
      if (swapUnit > 1) Bytes.swap(out, 0, out.length, swapUnit);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bulk data from " + file.getFileName(), e);
    }
  }

  /**
   * {@code len} bytes starting {@code from} bytes into the value (little-endian), read now.
   * Returns fewer bytes when the value is shorter; callers check the count.
   */
  public byte[] range(long from, int len, ReadLimits limits) {
    if (from < 0 || len < 0) throw new IllegalArgumentException("negative range");
    long n = Math.max(0, Math.min(len, length - from));
    limits.checkLength("bulk data range at offset " + offset, n, n);
    if (array != null) {
      byte[] out = new byte[(int) n];
      if (n > 0) System.arraycopy(array, (int) (arrayOffset + from), out, 0, (int) n);
      return out;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long avail = Math.max(0, Math.min(n, ch.size() - offset - from));
      byte[] out = new byte[(int) avail];
      ByteBuffer bb = ByteBuffer.wrap(out);
      long pos = offset + from;
      while (bb.hasRemaining()) {
        int r = ch.read(bb, pos);
        if (r < 0) break;
        pos += r;
      }
      if (swapUnit > 1) {
        if (from % swapUnit != 0) throw new IllegalArgumentException("range must start on a value boundary");
        Bytes.swap(out, 0, out.length, swapUnit);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bulk data from " + file.getFileName(), e);
    }
  }

  /** The backing array of an in-memory value (not a copy), or null. */
  byte[] array() {
    return array;
  }

  int arrayOffset() {
    return arrayOffset;
  }
}
