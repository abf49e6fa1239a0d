package org.medai.ehr.internal.npy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes NumPy {@code .npy} files, format version 1.0: magic, a little-endian uint16 header length,
 * a Python-literal header dict padded with spaces to a multiple of 64 bytes, then the C-order data.
 * Stateless and thread-safe.
 */
public final class NpyWriter {
  private NpyWriter() {}

  public static void writeFloat32(Path file, float[] data, long... shape) throws IOException {
    check(data.length, shape);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(header("<f4", shape));
      ByteBuffer b = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : data) {
        if (!b.hasRemaining()) flush(b, out);
        b.putFloat(v);
      }
      flush(b, out);
    }
  }

  public static void writeInt32(Path file, int[] data, long... shape) throws IOException {
    check(data.length, shape);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(header("<i4", shape));
      ByteBuffer b = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
      for (int v : data) {
        if (!b.hasRemaining()) flush(b, out);
        b.putInt(v);
      }
      flush(b, out);
    }
  }

  private static void flush(ByteBuffer b, OutputStream out) throws IOException {
    out.write(b.array(), 0, b.position());
    b.clear();
  }

  static byte[] header(String descr, long[] shape) {
    StringBuilder sh = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sh.append(shape[i]);
      if (shape.length == 1 || i < shape.length - 1) sh.append(i < shape.length - 1 ? ", " : ",");
    }
    sh.append(')');
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + sh + ", }";
    int unpadded = 10 + dict.length() + 1;
    int padded = (unpadded + 63) / 64 * 64;
    String h = dict + " ".repeat(padded - unpadded) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    b.putShort((short) h.length());
    b.put(h.getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }

  private static void check(long n, long[] shape) {
    long count = 1;
    for (long s : shape) count *= s;
    if (count != n) throw new IllegalArgumentException(n + " values do not fill shape " + java.util.Arrays.toString(shape));
  }
}
