package org.medai.nlp.text;

/**
 * One sentence (or one line-level segment such as a vitals line or a list item) of a note.
 * Immutable, thread-safe.
 *
 * @param index position of the sentence in the note, from 0
 * @param start first UTF-16 index in the note, inclusive (leading whitespace excluded)
 * @param end last UTF-16 index, exclusive (trailing whitespace excluded)
 */
public record Sentence(int index, int start, int end) {

  public Sentence {
    if (index < 0) throw new IllegalArgumentException("negative sentence index");
    new Span(start, end);
  }

  public Span span() {
    return new Span(start, end);
  }

  /** The sentence's text, cut from the note it was split from. */
  public String text(String note) {
    return note.substring(start, end);
  }

  public boolean contains(Span s) {
    return start <= s.start() && s.end() <= end;
  }
}
