package org.medai.nlp.internal.tokenize;

/**
 * A single-sequence post-processor reduced to what it does: special tokens before and after the
 * sequence (with type ids), the sequence's type id, and ByteLevel/RoBERTa offset trimming.
 * Covers TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel and a Sequence of them.
 * Immutable and thread-safe.
 *
 * @param preIds ids of the special tokens before the sequence
 * @param preTokens their strings
 * @param preTypes their type ids
 * @param postIds ids of the special tokens after the sequence
 * @param postTokens their strings
 * @param postTypes their type ids
 * @param seqType type id of the sequence's tokens
 * @param trimOffsets trim whitespace (GPT-2's space character) off token offsets
 * @param trimAddPrefixSpace keep the first token's single leading space (the added prefix space)
 */
public record PostSpec(int[] preIds, String[] preTokens, int[] preTypes, int[] postIds,
    String[] postTokens, int[] postTypes, int seqType, boolean trimOffsets, boolean trimAddPrefixSpace) {

  public static final PostSpec NONE = new PostSpec(new int[0], new String[0], new int[0], new int[0],
      new String[0], new int[0], 0, false, false);

  /** Number of special tokens added around a sequence. */
  public int added() {
    return preIds.length + postIds.length;
  }

  /** Combines this (earlier in a Sequence) with a later post-processor. */
  public PostSpec then(PostSpec later) {
    if (later.added() > 0 && added() > 0) {
      throw new org.medai.nlp.tokenize.TokenizerException("MEDAI-TOK-030",
          "a Sequence post_processor with two processors that both add special tokens is not supported");
    }
    PostSpec spec = later.added() > 0 ? later : this;
    return new PostSpec(spec.preIds, spec.preTokens, spec.preTypes, spec.postIds, spec.postTokens,
        spec.postTypes, spec.seqType, trimOffsets || later.trimOffsets,
        trimOffsets ? trimAddPrefixSpace : later.trimAddPrefixSpace);
  }

  /**
   * HF's {@code process_offsets}: moves token starts past leading spaces and ends before trailing
   * ones, on tokens {@code [from, to)} of a window whose first token is {@code from}.
   */
  public void trim(String[] tokens, int[] start, int[] end, int from, int to) {
    if (!trimOffsets) return;
    for (int i = from; i < to; i++) {
      String tok = tokens[i];
      int lead = 0;
      while (lead < tok.length() && isSpace(tok.charAt(lead))) lead++;
      int trail = 0;
      while (trail < tok.length() && isSpace(tok.charAt(tok.length() - 1 - trail))) trail++;
      if (lead == 0 && trail == 0) continue;
      if (lead > 0) {
        boolean first = i == from || start[i] == 0;
        if (first && trimAddPrefixSpace && lead == 1) lead = 0;
        start[i] = Math.min(start[i] + lead, end[i]);
      }
      if (trail > 0 && end[i] >= trail) end[i] = Math.max(end[i] - trail, start[i]);
    }
  }

  private static boolean isSpace(char c) {
    return c == '\u0120' || CharClass.isWhitespace(c);
  }
}
