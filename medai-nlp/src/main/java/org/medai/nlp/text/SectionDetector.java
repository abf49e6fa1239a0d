package org.medai.nlp.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds section headers in a note and cuts it into {@link Section}s.
 *
 * <p>A header is: a line whose text before a colon is a lexicon form ({@code "HPI: 67 yo ..."},
 * {@code "Allergies:"}); a line that is a lexicon form on its own, without a colon
 * ({@code "HISTORY OF PRESENT ILLNESS"}, {@code "Assessment and Plan"}); a known form with a colon
 * after a sentence end on the same line ({@code "... pain. HPI: ..."}); or an all-caps line of
 * words ending in a colon with nothing after it (named {@link Section#OTHER}). Leading markdown
 * ({@code #}, {@code *}, {@code _}) is ignored. Text before the first header is in no section.
 *
 * <p>Immutable and thread-safe; linear in the text length.
 */
public final class SectionDetector {

  private static final Pattern INLINE = Pattern.compile("(?<=[.;!?]\\s{1,4})([A-Za-z][A-Za-z &/-]{0,40}):");
  private static final int MAX_HEADER_CHARS = 60;
  private static volatile SectionDetector defaults;

  private final SectionLexicon lexicon;

  public SectionDetector(SectionLexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** A detector with {@link SectionLexicon#defaults()}. */
  public static SectionDetector defaults() {
    SectionDetector d = defaults;
    if (d == null) {
      d = new SectionDetector(SectionLexicon.defaults());
      defaults = d;
    }
    return d;
  }

  public SectionLexicon lexicon() {
    return lexicon;
  }

  /** Sections of {@code text} in order; empty when no header is found. */
  public List<Section> detect(String text) {
    List<String> names = new ArrayList<>();
    List<Span> headers = new ArrayList<>();
    for (int[] line : SentenceSplitter.lines(text)) {
      int s = line[0];
      int e = line[1];
      while (s < e && (Character.isWhitespace(text.charAt(s)) || "#*_=".indexOf(text.charAt(s)) >= 0)) s++;
      int te = e;
      while (te > s && Character.isWhitespace(text.charAt(te - 1))) te--;
      if (s >= te) continue;
      headerAtLineStart(text, s, te, names, headers);
      Matcher m = INLINE.matcher(text).region(s, te);
      while (m.find()) {
        if (!headers.isEmpty() && headers.get(headers.size() - 1).end() > m.start()) continue;
        Optional<String> name = lexicon.lookup(m.group(1));
        if (name.isPresent() && m.group(1).strip().length() >= 2) {
          names.add(name.get());
          headers.add(new Span(m.start(), m.end()));
        }
      }
    }
    List<Section> out = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      int end = i + 1 < headers.size() ? headers.get(i + 1).start() : text.length();
      while (end > headers.get(i).end() && Character.isWhitespace(text.charAt(end - 1))) end--;
      out.add(new Section(names.get(i), headers.get(i), new Span(headers.get(i).start(), end)));
    }
    return List.copyOf(out);
  }

  private void headerAtLineStart(String text, int s, int te, List<String> names, List<Span> headers) {
    int colon = -1;
    for (int i = s; i < te && i - s <= MAX_HEADER_CHARS; i++) {
      if (text.charAt(i) == ':') {
        colon = i;
        break;
      }
    }
    if (colon > s) {
      String head = stripMarkup(text.substring(s, colon));
      Optional<String> name = lexicon.lookup(head);
      if (name.isPresent()) {
        names.add(name.get());
        headers.add(new Span(s, colon + 1));
        return;
      }
      boolean alone = text.substring(colon + 1, te).isBlank();
      if (alone && isAllCapsWords(head)) {
        names.add(Section.OTHER);
        headers.add(new Span(s, colon + 1));
        return;
      }
    }
    if (te - s <= MAX_HEADER_CHARS) {
      String whole = stripMarkup(text.substring(s, te));
      Optional<String> name = lexicon.lookup(whole);
      if (name.isPresent() && !whole.endsWith(".")) {
        names.add(name.get());
        headers.add(new Span(s, te));
      }
    }
  }

  private static String stripMarkup(String s) {
    int e = s.length();
    while (e > 0 && ("*_#=:- ".indexOf(s.charAt(e - 1)) >= 0)) e--;
    return s.substring(0, e);
  }

  private static boolean isAllCapsWords(String s) {
    int letters = 0;
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLowerCase(c) || Character.isDigit(c)) return false;
      if (Character.isLetter(c)) {
        letters++;
        if (!inWord) words++;
        inWord = true;
      } else {
        inWord = false;
      }
    }
    return letters >= 4 && words <= 6;
  }

  /** The section containing {@code offset}, if any (sections are sorted and disjoint). */
  public static Optional<Section> sectionAt(List<Section> sections, int offset) {
    int lo = 0;
    int hi = sections.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Section s = sections.get(mid);
      if (offset < s.span().start()) hi = mid - 1;
      else if (offset >= s.span().end()) lo = mid + 1;
      else return Optional.of(s);
    }
    return Optional.empty();
  }
}
