package org.medai.nlp.internal.tokenize;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** Token ↔ id lookups shared by the vocabulary-based models (WordPiece, BPE). Immutable. */
abstract class VocabularyModel implements Model {
  protected final Map<String, Integer> vocab;
  protected final String[] idToToken;

  protected VocabularyModel(Map<String, Integer> vocab) {
    this.vocab = Collections.unmodifiableMap(new HashMap<>(vocab));
    int max = -1;
    for (int id : vocab.values()) max = Math.max(max, id);
    idToToken = new String[max + 1];
    for (Map.Entry<String, Integer> e : vocab.entrySet()) idToToken[e.getValue()] = e.getKey();
  }

  @Override
  public final int tokenToId(String token) {
    Integer i = vocab.get(token);
    return i == null ? -1 : i;
  }

  @Override
  public final String idToToken(int id) {
    return id >= 0 && id < idToToken.length ? idToToken[id] : null;
  }

  @Override
  public final int vocabSize() {
    return vocab.size();
  }

  @Override
  public final Map<String, Integer> vocab() {
    return vocab;
  }
}
