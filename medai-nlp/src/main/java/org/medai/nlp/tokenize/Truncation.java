package org.medai.nlp.tokenize;

/**
 * Truncation settings, as HuggingFace's {@code TruncationParams}. {@code maxLength} counts every
 * token of a window including the special tokens the post-processor adds; the tokens that do not
 * fit leave as overflowing windows, consecutive windows sharing {@code stride} tokens. Immutable.
 *
 * @param maxLength tokens per window, special tokens included (at least 1)
 * @param stride tokens repeated from the end of one window at the start of the next (0 or more,
 *     below {@code maxLength} minus the special tokens)
 * @param strategy which sequence to cut (only single sequences are encoded, so all strategies cut
 *     the one sequence; {@code ONLY_SECOND} is rejected at encode time as HF does)
 * @param direction which end is cut off into overflowing windows
 */
public record Truncation(int maxLength, int stride, Strategy strategy, Direction direction) {

  /** HF's {@code TruncationStrategy}. */
  public enum Strategy { LONGEST_FIRST, ONLY_FIRST, ONLY_SECOND }

  /** HF's {@code TruncationDirection}. */
  public enum Direction { RIGHT, LEFT }

  public Truncation {
    if (maxLength < 1) {
      throw new TokenizerException("MEDAI-TOK-020", "truncation maxLength must be at least 1, got "
          + maxLength + "; pass the model's maximum sequence length (for example 512)");
    }
    if (stride < 0 || stride >= maxLength) {
      throw new TokenizerException("MEDAI-TOK-021", "truncation stride must be in [0, maxLength), got "
          + stride + " for maxLength " + maxLength + "; use a smaller stride");
    }
    if (strategy == null) strategy = Strategy.LONGEST_FIRST;
    if (direction == null) direction = Direction.RIGHT;
  }

  /** Right truncation, longest-first, at {@code maxLength} tokens with {@code stride} overlap. */
  public static Truncation of(int maxLength, int stride) {
    return new Truncation(maxLength, stride, Strategy.LONGEST_FIRST, Direction.RIGHT);
  }
}
