package org.medai.nlp.internal.tokenize;

import java.util.Map;

/** A subword model (WordPiece, BPE). Immutable and thread-safe once built. */
public interface Model {
  /**
   * Tokenises the word {@code t[from, to)}; {@code byteLevel} says the word must first be mapped
   * to GPT-2's byte characters. Tokens are appended with original UTF-16 offsets.
   */
  void tokenize(Text t, int from, int to, boolean byteLevel, TokenSink out);

  /** Id of a vocabulary entry, or -1. */
  int tokenToId(String token);

  /** The entry of an id, or null. */
  String idToToken(int id);

  int vocabSize();

  Map<String, Integer> vocab();
}
