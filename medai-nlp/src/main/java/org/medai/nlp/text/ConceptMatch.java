package org.medai.nlp.text;

import java.util.Objects;

/**
 * A terminology concept found in a note. Immutable, thread-safe.
 *
 * @param code the concept's code from the terminology row
 * @param term the terminology row's term (not the note's wording)
 * @param span where the note mentions it, UTF-16 offsets
 */
public record ConceptMatch(String code, String term, Span span) {
  public ConceptMatch {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(term, "term");
    Objects.requireNonNull(span, "span");
  }
}
