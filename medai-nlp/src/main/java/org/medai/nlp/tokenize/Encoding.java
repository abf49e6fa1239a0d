package org.medai.nlp.tokenize;

import java.util.List;

/**
 * The result of encoding one text: parallel columns of token ids, token strings, type ids,
 * attention mask, special-tokens mask and offsets, plus the overflowing windows when truncation
 * cut the text. Offsets are half-open ranges into the original Java String, in UTF-16 units
 * ({@link #startUtf16}, usable with {@code String.substring}) and in Unicode code points
 * ({@link #startCodePoint}, HuggingFace's "char" offsets); special and padding tokens have
 * (0, 0). Immutable and thread-safe; array accessors return copies, the indexed accessors do not
 * allocate.
 */
public final class Encoding {
  private final int[] ids;
  private final String[] tokens;
  private final int[] typeIds;
  private final byte[] attention;
  private final byte[] special;
  private final int[] startU16;
  private final int[] endU16;
  private final int[] startCp;
  private final int[] endCp;
  private final List<Encoding> overflowing;

  /** Internal constructor; arrays are taken over, not copied. */
  Encoding(int[] ids, String[] tokens, int[] typeIds, byte[] attention, byte[] special,
      int[] startU16, int[] endU16, int[] startCp, int[] endCp, List<Encoding> overflowing) {
    this.ids = ids;
    this.tokens = tokens;
    this.typeIds = typeIds;
    this.attention = attention;
    this.special = special;
    this.startU16 = startU16;
    this.endU16 = endU16;
    this.startCp = startCp;
    this.endCp = endCp;
    this.overflowing = List.copyOf(overflowing);
  }

  /** Number of tokens, padding included. */
  public int length() {
    return ids.length;
  }

  public int id(int i) {
    return ids[i];
  }

  public String token(int i) {
    return tokens[i];
  }

  public int startUtf16(int i) {
    return startU16[i];
  }

  public int endUtf16(int i) {
    return endU16[i];
  }

  public int startCodePoint(int i) {
    return startCp[i];
  }

  public int endCodePoint(int i) {
    return endCp[i];
  }

  public int[] ids() {
    return ids.clone();
  }

  /** Ids widened to {@code long}, the element type most model runtimes take. */
  public long[] idsAsLong() {
    long[] r = new long[ids.length];
    for (int i = 0; i < ids.length; i++) r[i] = ids[i];
    return r;
  }

  public String[] tokens() {
    return tokens.clone();
  }

  public int[] typeIds() {
    return typeIds.clone();
  }

  /** 1 for real tokens, 0 for padding. */
  public int[] attentionMask() {
    int[] r = new int[attention.length];
    for (int i = 0; i < r.length; i++) r[i] = attention[i];
    return r;
  }

  /** 1 for tokens the post-processor or padding added, 0 for tokens of the text. */
  public int[] specialTokensMask() {
    int[] r = new int[special.length];
    for (int i = 0; i < r.length; i++) r[i] = special[i];
    return r;
  }

  /** Offsets as {@code [start0, end0, start1, end1, ...]} in UTF-16 units. */
  public int[] offsetsUtf16() {
    return interleave(startU16, endU16);
  }

  /** Offsets as {@code [start0, end0, start1, end1, ...]} in code points. */
  public int[] offsetsCodePoints() {
    return interleave(startCp, endCp);
  }

  private static int[] interleave(int[] s, int[] e) {
    int[] r = new int[s.length * 2];
    for (int i = 0; i < s.length; i++) {
      r[2 * i] = s[i];
      r[2 * i + 1] = e[i];
    }
    return r;
  }

  /** Windows cut off by truncation, in order, each with its own special tokens and padding. */
  public List<Encoding> overflowing() {
    return overflowing;
  }
}
