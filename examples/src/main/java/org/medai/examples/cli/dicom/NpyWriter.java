package org.medai.examples.cli.dicom;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes NumPy {@code .npy} version 1.0 headers (C order); the caller streams the little-endian data after. */
final class NpyWriter {
  private NpyWriter() {
  }

  /** Writes the magic, version and header dictionary padded so that data starts at a multiple of 64. */
  static void writeHeader(OutputStream out, String descr, long[] shape) throws IOException {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(shape[i]);
      if (shape.length == 1 || i < shape.length - 1) s.append(shape.length == 1 ? "," : ", ");
    }
    s.append(')');
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + s + ", }";
    int unpadded = 10 + dict.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    if (header.length() > 65535) throw new IOException("npy header too long");
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(header.length() & 0xFF);
    out.write(header.length() >>> 8);
    out.write(header.getBytes(StandardCharsets.US_ASCII));
  }
}
