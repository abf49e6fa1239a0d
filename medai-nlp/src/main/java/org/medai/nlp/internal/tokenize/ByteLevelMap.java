package org.medai.nlp.internal.tokenize;

/** GPT-2's reversible byte to printable-character map. Constant tables; thread-safe. */
public final class ByteLevelMap {
  private ByteLevelMap() {}

  /** Character standing for each byte. */
  public static final char[] BYTE_CHAR = new char[256];
  /** Byte for each character of {@link #BYTE_CHAR} (index by char, -1 if none), chars < 0x200. */
  public static final int[] CHAR_BYTE = new int[0x200];

  static {
    java.util.Arrays.fill(CHAR_BYTE, -1);
    int n = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      char c = printable ? (char) b : (char) (256 + n++);
      BYTE_CHAR[b] = c;
      CHAR_BYTE[c] = b;
    }
  }

  /** Writes the UTF-8 bytes of code point {@code c} into {@code buf}; returns the count. */
  public static int utf8(int c, byte[] buf) {
    if (c < 0x80) {
      buf[0] = (byte) c;
      return 1;
    }
    if (c < 0x800) {
      buf[0] = (byte) (0xC0 | (c >> 6));
      buf[1] = (byte) (0x80 | (c & 0x3F));
      return 2;
    }
    if (c < 0x10000) {
      buf[0] = (byte) (0xE0 | (c >> 12));
      buf[1] = (byte) (0x80 | ((c >> 6) & 0x3F));
      buf[2] = (byte) (0x80 | (c & 0x3F));
      return 3;
    }
    buf[0] = (byte) (0xF0 | (c >> 18));
    buf[1] = (byte) (0x80 | ((c >> 12) & 0x3F));
    buf[2] = (byte) (0x80 | ((c >> 6) & 0x3F));
    buf[3] = (byte) (0x80 | (c & 0x3F));
    return 4;
  }
}
