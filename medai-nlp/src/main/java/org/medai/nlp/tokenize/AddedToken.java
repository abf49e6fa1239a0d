package org.medai.nlp.tokenize;

/**
 * A token matched in the input before the model runs, as HuggingFace's {@code AddedToken}:
 * {@code normalized=false} tokens are matched on the original text, the others on the normalised
 * text. Immutable.
 *
 * @param id vocabulary id
 * @param content the token text
 * @param singleWord match only when not inside a word
 * @param lstrip swallow whitespace on its left
 * @param rstrip swallow whitespace on its right
 * @param normalized match on normalised text rather than the original
 * @param special a special token (skipped when decoding with {@code skipSpecialTokens})
 */
public record AddedToken(int id, String content, boolean singleWord, boolean lstrip, boolean rstrip,
    boolean normalized, boolean special) {
  public AddedToken {
    if (content == null || content.isEmpty()) {
      throw new TokenizerException("MEDAI-TOK-023", "added token " + id + " has empty content");
    }
  }
}
