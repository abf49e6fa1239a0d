package org.medai.imaging.internal.codec;

/**
 * A JPEG Huffman decoding table (T.81 Annex C and F.2.2.3) with a 9-bit lookup for short codes.
 * Immutable after construction and thread-safe.
 */
final class HuffmanTable {
  private static final int FAST_BITS = 9;

  private final short[] fast = new short[1 << FAST_BITS];
  private final int[] maxCode = new int[18];
  private final int[] valPtr = new int[17];
  private final int[] minCode = new int[17];
  private final byte[] values;
  private final String codec;

  /**
   * @param counts number of codes of each length 1..16 (index 0 is length 1)
   * @param values the symbols in code order
   * @param offset where the table definition starts in the stream, for messages
   */
  HuffmanTable(String codec, int[] counts, byte[] values, long offset) {
    this.codec = codec;
    this.values = values;
    int code = 0;
    int k = 0;
    for (int len = 1; len <= 16; len++) {
      int n = counts[len - 1];
      valPtr[len] = k;
      minCode[len] = code;
      code += n;
      k += n;
      if (code > (1 << len)) {
        throw CodecErrors.malformed(codec, offset, "Huffman table has more codes of length " + len
            + " than fit (" + code + " > " + (1 << len) + ")");
      }
      maxCode[len] = n > 0 ? code - 1 : -1;
      if (len <= FAST_BITS) {
        for (int c = minCode[len]; c < code; c++) {
          int sym = values[valPtr[len] + c - minCode[len]] & 0xFF;
          int shift = FAST_BITS - len;
          for (int f = c << shift; f < (c + 1) << shift; f++) {
            fast[f] = (short) (len << 8 | sym);
          }
        }
      }
      code <<= 1;
    }
    maxCode[17] = Integer.MAX_VALUE;
  }

  /** Decodes one symbol (0..255). */
  int decode(JpegBitReader in) {
    int e = fast[in.peek(FAST_BITS)];
    if (e != 0) {
      in.skip(e >> 8);
      return e & 0xFF;
    }
    int code16 = in.peek(16);
    for (int len = FAST_BITS + 1; len <= 16; len++) {
      int c = code16 >>> (16 - len);
      if (c <= maxCode[len]) {
        in.skip(len);
        return values[valPtr[len] + c - minCode[len]] & 0xFF;
      }
    }
    throw CodecErrors.malformed(codec, in.position(), "invalid Huffman code (no table entry for 0x"
        + Integer.toHexString(code16) + ")");
  }
}
