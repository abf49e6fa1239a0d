package org.medai.imaging.internal.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.medai.core.ReadLimits;
import org.medai.imaging.io.dicom.DicomFormatException;

/**
 * A forward reader over a byte array or a stream, with a refillable window so that the parser can
 * peek at headers and skip values. Positions are absolute offsets in the source. Not thread-safe.
 */
public final class DicomInput {
  private static final int CHUNK = 16 * 1024;

  private byte[] buf;
  private int pos;
  private int lim;
  private long base;
  private final InputStream in;
  private final long total;
  private final boolean arrayBacked;
  private boolean eof;

  private DicomInput(byte[] buf, int pos, int lim, InputStream in, long total, boolean arrayBacked) {
    this.buf = buf;
    this.pos = pos;
    this.lim = lim;
    this.in = in;
    this.total = total;
    this.arrayBacked = arrayBacked;
    this.eof = in == null;
  }

  public static DicomInput of(byte[] data) {
    return new DicomInput(data, 0, data.length, null, data.length, true);
  }

  /** A stream source; {@code total} is its length when known, else -1. The caller closes the stream. */
  public static DicomInput of(InputStream in, long total) {
    return new DicomInput(new byte[CHUNK], 0, 0, in, total, false);
  }

  public long position() {
    return base + pos;
  }

  /** Bytes left in the source, or -1 when the source is a stream of unknown length. */
  public long remaining() {
    return total < 0 ? -1 : total - position();
  }

  /** True when the source is one array in memory (values can be sliced without copying). */
  public boolean isArrayBacked() {
    return arrayBacked;
  }

  public byte[] array() {
    return buf;
  }

  public int arrayPos() {
    return pos;
  }

  /** Makes {@code n} bytes available at the current position; false if the source ends first. */
  public boolean ensure(int n) {
    if (lim - pos >= n) return true;
    if (eof) return false;
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      base += pos;
      lim -= pos;
      pos = 0;
    }
    if (n > buf.length) buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
    try {
      while (lim < n) {
        int r = in.read(buf, lim, buf.length - lim);
        if (r < 0) {
          eof = true;
          return false;
        }
        lim += r;
      }
    } catch (IOException e) {
      throw new DicomFormatException("MEDAI-DICOM-004", position(), "cannot read input: " + e.getClass().getSimpleName(), e);
    }
    return true;
  }

  /** True when no byte remains. */
  public boolean atEnd() {
    return !ensure(1);
  }

  public int peekU16(int at, boolean bigEndian) {
    int a = buf[pos + at] & 0xFF;
    int b = buf[pos + at + 1] & 0xFF;
    return bigEndian ? a << 8 | b : b << 8 | a;
  }

  public int peekByte(int at) {
    return buf[pos + at] & 0xFF;
  }

  /** Reads an unsigned 16-bit value; {@link #ensure} must have been called. */
  public int u16(boolean bigEndian) {
    int v = peekU16(0, bigEndian);
    pos += 2;
    return v;
  }

  /** Reads a 32-bit value; {@link #ensure} must have been called. */
  public int i32(boolean bigEndian) {
    int a = buf[pos] & 0xFF;
    int b = buf[pos + 1] & 0xFF;
    int c = buf[pos + 2] & 0xFF;
    int d = buf[pos + 3] & 0xFF;
    pos += 4;
    return bigEndian ? a << 24 | b << 16 | c << 8 | d : d << 24 | c << 16 | b << 8 | a;
  }

  /**
   * Reads {@code n} bytes whose length the caller checked against limits and {@link #remaining()};
   * for streams of unknown length the array grows as bytes arrive, so a lying length field never
   * allocates more than the source holds (plus one chunk).
   */
  public byte[] read(long n, String what) {
    if (n > Integer.MAX_VALUE - 8) {
      throw new DicomFormatException("MEDAI-DICOM-002", position(),
          "%s: value of %d bytes does not fit one Java array; expected at most 2 GiB".formatted(what, n));
    }
    int len = (int) n;
    if (lim - pos >= len) {
      byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
      pos += len;
      return out;
    }
    long startPos = position();
    byte[] out = new byte[total >= 0 ? len : Math.min(len, 1 << 20)];
    int have = lim - pos;
    System.arraycopy(buf, pos, out, 0, have);
    pos = lim;
    try {
      while (have < len) {
        if (have == out.length) out = Arrays.copyOf(out, (int) Math.min(len, (long) out.length * 2));
        int r = in.read(out, have, out.length - have);
        if (r < 0) {
          eof = true;
          throw new DicomFormatException("MEDAI-DICOM-003", startPos,
              "%s: input ends after %d of %d value bytes; the file is truncated".formatted(what, have, len));
        }
        have += r;
        base += r;
      }
    } catch (IOException e) {
      throw new DicomFormatException("MEDAI-DICOM-004", position(), "cannot read input: " + e.getClass().getSimpleName(), e);
    }
    return out;
  }

  /** Reads up to {@code len} bytes (at least one unless the source has ended, then -1). */
  public int readAvailable(byte[] b, int off, int len) {
    if (len == 0) return 0;
    if (lim == pos && !ensure(1)) return -1;
    int n = Math.min(len, lim - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  /** Skips {@code n} bytes (checked by the caller); seeks in streams that support it. */
  public void skip(long n, String what) {
    long startPos = position();
    long inBuf = lim - pos;
    if (n <= inBuf) {
      pos += (int) n;
      return;
    }
    long left = n - inBuf;
    base += lim;
    pos = 0;
    lim = 0;
    if (in == null) {
      throw new DicomFormatException("MEDAI-DICOM-003", startPos,
          "%s: input ends before the %d value bytes; the file is truncated".formatted(what, n));
    }
    try {
      while (left > 0) {
        long s = in.skip(left);
        if (s <= 0) {
          if (in.read() < 0) {
            eof = true;
            throw new DicomFormatException("MEDAI-DICOM-003", startPos,
                "%s: input ends before the %d value bytes; the file is truncated".formatted(what, n));
          }
          s = 1;
        }
        left -= s;
        base += s;
      }
    } catch (IOException e) {
      throw new DicomFormatException("MEDAI-DICOM-004", position(), "cannot read input: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Checks a value length against the limits and the bytes that remain. */
  public void check(ReadLimits limits, String what, long length) {
    long rem = remaining();
    try {
      limits.checkLength(what, length, rem);
    } catch (org.medai.core.LimitExceededException e) {
      if (rem >= 0 && length > rem && length <= limits.maxElementBytes()) {
        throw new DicomFormatException("MEDAI-DICOM-005", position(),
            "%s: length %d exceeds the %d bytes that remain; the file is truncated or the length field is corrupt"
                .formatted(what, length, rem));
      }
      throw e;
    }
  }
}
