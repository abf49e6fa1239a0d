package org.medai.nlp.text;

import java.util.Objects;

/**
 * One section of a note: its canonical name from the header lexicon (for example
 * {@code history_of_present_illness}), the header's span and the whole section's span (header
 * included, up to the next header or the end of the note, trailing whitespace excluded). Headers
 * that are not in the lexicon but look like headers (an all-caps line ending in a colon) get the
 * name {@value #OTHER}. Immutable, thread-safe; offsets are UTF-16 indices into the note.
 *
 * @param name canonical section name
 * @param header span of the header text (colon included when present)
 * @param span span of the section, header included
 */
public record Section(String name, Span header, Span span) {

  /** Name given to header-like lines that the lexicon does not know. */
  public static final String OTHER = "other";

  public Section {
    Objects.requireNonNull(name, "name");
    if (!span.contains(header)) {
      throw new IllegalArgumentException("section header " + header + " lies outside section " + span);
    }
  }

  /** The body: from the end of the header to the end of the section. */
  public Span body() {
    return new Span(header.end(), span.end());
  }
}
