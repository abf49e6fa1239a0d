package org.medai.imaging.internal.dicom;

/** Little-endian reads and in-place byte swaps over arrays. Stateless. */
public final class Bytes {
  private Bytes() {
  }

  public static int u16(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  public static int i32(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
  }

  public static long i64(byte[] b, int i) {
    return (i32(b, i) & 0xFFFFFFFFL) | ((long) i32(b, i + 4)) << 32;
  }

  public static void put16(byte[] b, int i, int v) {
    b[i] = (byte) v;
    b[i + 1] = (byte) (v >>> 8);
  }

  public static void put32(byte[] b, int i, int v) {
    b[i] = (byte) v;
    b[i + 1] = (byte) (v >>> 8);
    b[i + 2] = (byte) (v >>> 16);
    b[i + 3] = (byte) (v >>> 24);
  }

  public static void put64(byte[] b, int i, long v) {
    put32(b, i, (int) v);
    put32(b, i + 4, (int) (v >>> 32));
  }

  /** Reverses each {@code unit}-byte group in {@code b[off, off+len)}; a trailing partial group is left as is. */
  public static void swap(byte[] b, int off, int len, int unit) {
    int end = off + len - len % unit;
    for (int i = off; i < end; i += unit) {
      for (int a = i, z = i + unit - 1; a < z; a++, z--) {
        byte t = b[a];
        b[a] = b[z];
        b[z] = t;
      }
    }
  }
}
