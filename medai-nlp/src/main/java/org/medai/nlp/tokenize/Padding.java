package org.medai.nlp.tokenize;

/**
 * Padding settings, as HuggingFace's {@code PaddingParams}. Padding tokens get attention mask 0,
 * special-tokens mask 1 and offsets (0, 0). Immutable.
 *
 * @param fixedLength pad every encoding to this many tokens; 0 means pad a batch to its longest
 *     encoding ({@code BatchLongest})
 * @param padToMultipleOf round the target length up to a multiple of this (0 or 1: no rounding)
 * @param left pad on the left instead of the right
 * @param padId id of the padding token
 * @param padTypeId type id given to padding tokens
 * @param padToken the padding token's string
 */
public record Padding(int fixedLength, int padToMultipleOf, boolean left, int padId, int padTypeId,
    String padToken) {

  public Padding {
    if (fixedLength < 0 || padToMultipleOf < 0) {
      throw new TokenizerException("MEDAI-TOK-022", "padding lengths must be non-negative, got fixed "
          + fixedLength + " and multiple " + padToMultipleOf);
    }
    if (padToken == null) padToken = "[PAD]";
  }

  /** Pads to the longest encoding of a batch, on the right. */
  public static Padding batchLongest(int padId, String padToken) {
    return new Padding(0, 0, false, padId, 0, padToken);
  }

  /** Pads every encoding to {@code length} tokens, on the right. */
  public static Padding fixed(int length, int padId, String padToken) {
    return new Padding(length, 0, false, padId, 0, padToken);
  }

  /** The length an encoding of {@code longest} tokens is padded to. */
  public int targetLength(int longest) {
    int t = fixedLength > 0 ? fixedLength : longest;
    if (padToMultipleOf > 1 && t % padToMultipleOf != 0) t += padToMultipleOf - t % padToMultipleOf;
    return t;
  }
}
