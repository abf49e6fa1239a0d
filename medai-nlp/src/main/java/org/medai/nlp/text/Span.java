package org.medai.nlp.text;

import org.medai.core.InvalidArgumentException;

/**
 * A half-open range {@code [start, end)} of UTF-16 indices into a Java {@code String}. Immutable,
 * thread-safe.
 *
 * @param start first char index, inclusive
 * @param end last char index, exclusive
 */
public record Span(int start, int end) implements Comparable<Span> {

  public Span {
    if (start < 0 || end < start) {
      throw new InvalidArgumentException("MEDAI-NLPTEXT-001",
          "span [" + start + ", " + end + ") is invalid; expected 0 <= start <= end");
    }
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(Span o) {
    return start < o.end && o.start < end;
  }

  public boolean contains(Span o) {
    return start <= o.start && o.end <= end;
  }

  /** The covered characters of {@code text}. */
  public String of(CharSequence text) {
    return text.subSequence(start, end).toString();
  }

  @Override
  public int compareTo(Span o) {
    return start != o.start ? Integer.compare(start, o.start) : Integer.compare(o.end, end);
  }
}
