package org.medai.nlp.deid;

import java.util.Objects;
import org.medai.nlp.text.Span;

/**
 * A stretch of text that holds PHI. Immutable, thread-safe. Holds offsets only, never the text.
 *
 * @param type what kind of PHI
 * @param span UTF-16 offsets into the text that was scanned
 * @param source how it was found
 */
public record PhiSpan(PhiType type, Span span, Source source) {

  /** How a span was found. */
  public enum Source { PATTERN, DICTIONARY, CONTEXT }

  public PhiSpan {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(source, "source");
  }
}
