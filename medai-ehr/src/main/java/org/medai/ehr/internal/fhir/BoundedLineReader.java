package org.medai.ehr.internal.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads {@code \n}-terminated lines (a trailing {@code \r} is dropped) from a byte stream without
 * ever holding more than {@code maxLineBytes} of one line: a longer line is consumed and reported as
 * too long rather than buffered. Not thread-safe; the caller closes the stream.
 */
public final class BoundedLineReader {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private byte[] line = new byte[1024];
  private int len;
  private boolean tooLong;
  private long lineNumber;
  private long bytesRead;

  public BoundedLineReader(InputStream in, long maxLineBytes) {
    this.in = in;
    this.maxLineBytes = (int) Math.min(Integer.MAX_VALUE - 16, maxLineBytes);
  }

  /** Advances to the next line; false at end of input. */
  public boolean next() throws IOException {
    len = 0;
    tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == lim) {
        lim = in.read(buf, 0, buf.length);
        pos = 0;
        if (lim <= 0) {
          lim = 0;
          if (any) lineNumber++;
          return any;
        }
        bytesRead += lim;
      }
      any = true;
      int start = pos;
      while (pos < lim && buf[pos] != '\n') pos++;
      append(start, pos - start);
      if (pos < lim) {
        pos++;
        lineNumber++;
        if (!tooLong && len > 0 && line[len - 1] == '\r') len--;
        return true;
      }
    }
  }

  private void append(int start, int n) {
    if (tooLong || n == 0) return;
    if ((long) len + n > maxLineBytes) {
      tooLong = true;
      len = 0;
      return;
    }
    if (len + n > line.length) line = Arrays.copyOf(line, Math.max(len + n, Math.min(maxLineBytes, line.length * 2)));
    System.arraycopy(buf, start, line, len, n);
    len += n;
  }

  /** 1-based number of the current line. */
  public long lineNumber() {
    return lineNumber;
  }

  /** True when the current line was longer than the limit (its content is not available). */
  public boolean tooLong() {
    return tooLong;
  }

  /** True when the current line holds only whitespace. */
  public boolean blank() {
    if (tooLong) return false;
    for (int i = 0; i < len; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') return false;
    }
    return true;
  }

  /** The current line decoded as UTF-8. */
  public String text() {
    return new String(line, 0, len, StandardCharsets.UTF_8);
  }

  public int length() {
    return len;
  }

  public long bytesRead() {
    return bytesRead;
  }
}
