package org.medai.nlp.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.medai.nlp.internal.text.Lexicons;

/**
 * Splits clinical notes into sentences and line-level segments.
 *
 * <p>Rules, in order: a blank line, a line ending in a colon, a bullet or numbered list item, a
 * {@code Label: value} line (vitals, labs) and a short line without final punctuation (a heading)
 * each end a segment; a line that ends mid-phrase followed by a line starting in lower case is
 * joined (wrapped text). Inside a segment, {@code . ! ?} followed by whitespace ends a sentence
 * unless the word before is a known abbreviation ({@code Dr.}, {@code e.g.}, {@code vs.}), an
 * initial, or a list number, or unless the next word starts in lower case. Dosing abbreviations
 * ({@code b.i.d.}, {@code p.o.}) end a sentence only before an upper-case word. Decimals and doses
 * ({@code 2.5 mg}, {@code 0.9% NS}) never split because no whitespace follows their period.
 *
 * <p>Offsets are UTF-16 indices into the original string; sentences exclude surrounding
 * whitespace. Immutable and thread-safe; {@link #clinical()} is cheap after its first call. Cost is
 * linear in the text length.
 */
public final class SentenceSplitter {

  private static final Pattern BULLET = Pattern.compile(
      "^\\s*(?:[-*\u2022+\u2013\u00b7>]|\\d{1,2}[.)]|[a-zA-Z][)]|\\(\\d{1,2}\\)|\\[[ xX]?\\])\\s+");
  private static final Pattern LABEL = Pattern.compile("^\\s*[A-Za-z][A-Za-z0-9 /()&'.#-]{0,30}:(\\s|$)");
  private static final Set<String> CONNECTIVES = Set.of(
      "and", "or", "with", "of", "the", "to", "a", "an", "in", "on", "for", "by", "at", "from", "but",
      "was", "is", "were", "are", "has", "had", "her", "his", "as", "that", "which", "without", "no");
  private static final int SHORT_LINE = 40;
  private static volatile SentenceSplitter clinical;

  private final Set<String> neverFinal;
  private final Set<String> mayFinal;

  private SentenceSplitter(Collection<String> neverFinal, Collection<String> mayFinal) {
    this.neverFinal = Set.copyOf(lower(neverFinal));
    this.mayFinal = Set.copyOf(lower(mayFinal));
  }

  /** The splitter with the shipped clinical abbreviation list ({@code org/medai/nlp/text/abbreviations.tsv}). */
  public static SentenceSplitter clinical() {
    SentenceSplitter s = clinical;
    if (s == null) {
      List<String[]> rows = Lexicons.readTsv("/org/medai/nlp/text/abbreviations.tsv", 2);
      List<String> never = new ArrayList<>();
      List<String> may = new ArrayList<>();
      for (String[] r : rows) {
        if (r[1].equals("may_final")) may.add(r[0]);
        else never.add(r[0]);
      }
      s = new SentenceSplitter(never, may);
      clinical = s;
    }
    return s;
  }

  /**
   * A splitter with the caller's abbreviations (lower case, final period removed).
   *
   * @param neverFinal abbreviations after which a sentence never ends ({@code dr}, {@code e.g})
   * @param mayFinal abbreviations that end a sentence only before an upper-case word ({@code b.i.d})
   */
  public static SentenceSplitter withAbbreviations(Collection<String> neverFinal, Collection<String> mayFinal) {
    return new SentenceSplitter(neverFinal, mayFinal);
  }

  /** Splits {@code text}; returns sentences in order, never overlapping, none empty. */
  public List<Sentence> split(String text) {
    List<int[]> lines = lines(text);
    List<Sentence> out = new ArrayList<>();
    int blockStart = -1;
    int blockEnd = -1;
    String prev = null;
    boolean blankBefore = false;
    for (int[] line : lines) {
      String content = text.substring(line[0], line[1]);
      if (content.isBlank()) {
        blankBefore = true;
        continue;
      }
      if (prev != null && (blankBefore || breakBetween(prev, content))) {
        splitInside(text, blockStart, blockEnd, out);
        blockStart = -1;
      }
      if (blockStart < 0) blockStart = line[0];
      blockEnd = line[1];
      prev = content;
      blankBefore = false;
    }
    if (blockStart >= 0) splitInside(text, blockStart, blockEnd, out);
    return List.copyOf(out);
  }

  private boolean breakBetween(String a, String b) {
    String at = a.strip();
    String bt = b.strip();
    char last = at.charAt(at.length() - 1);
    int lastNonClose = at.length() - 1;
    while (lastNonClose > 0 && isClosing(at.charAt(lastNonClose))) lastNonClose--;
    char term = at.charAt(lastNonClose);
    if (term == '.' || term == '!' || term == '?') {
      if (term == '.') {
        String tok = lastToken(at, lastNonClose);
        if (neverFinal.contains(tok) || isInitial(tok)) return false;
      }
      return true;
    }
    if (last == ':') return true;
    if (BULLET.matcher(b).find()) return true;
    if (LABEL.matcher(b).find()) return true;
    char first = bt.charAt(0);
    if (Character.isLowerCase(first)) return false;
    if (LABEL.matcher(a).find()) return true;
    if (last == ',' || last == ';' || last == '-' || last == '(' || last == '/' || last == '&') return false;
    String lastWord = lastToken(at, at.length()).toLowerCase(Locale.ROOT);
    if (CONNECTIVES.contains(lastWord)) return false;
    return at.length() < SHORT_LINE || isAllCaps(at);
  }

  private void splitInside(String text, int from, int to, List<Sentence> out) {
    int sentStart = from;
    int lineStart = from;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lineStart = i + 1;
        continue;
      }
      if (c != '.' && c != '!' && c != '?') continue;
      int j = i + 1;
      while (j < to && (text.charAt(j) == '.' || text.charAt(j) == '!' || text.charAt(j) == '?'
          || isClosing(text.charAt(j)))) {
        j++;
      }
      if (j >= to || !Character.isWhitespace(text.charAt(j))) {
        i = j - 1;
        continue;
      }
      int k = j;
      while (k < to && Character.isWhitespace(text.charAt(k))) k++;
      if (k >= to) break;
      char next = text.charAt(k);
      boolean split;
      if (c == '.' && j == i + 1) {
        split = periodEnds(text, sentStart, lineStart, i, next);
      } else if (c == '?' && (i == sentStart || Character.isWhitespace(text.charAt(i - 1)))) {
        split = false;
      } else {
        split = !Character.isLowerCase(next);
      }
      if (split) {
        emit(text, sentStart, j, out);
        sentStart = k;
      }
      i = j - 1;
    }
    emit(text, sentStart, to, out);
  }

  private boolean periodEnds(String text, int sentStart, int lineStart, int dot, char next) {
    if (Character.isLowerCase(next)) return false;
    int ts = dot;
    while (ts > sentStart && !Character.isWhitespace(text.charAt(ts - 1))) ts--;
    String raw = text.substring(ts, dot);
    String tok = stripOpening(raw).toLowerCase(Locale.ROOT);
    if (tok.isEmpty()) return true;
    if (tok.chars().allMatch(Character::isDigit) && tok.length() <= 2 && text.substring(lineStart, ts).isBlank()) {
      return false;
    }
    if (neverFinal.contains(tok)) return false;
    if (isInitial(stripOpening(raw))) return false;
    boolean dotted = tok.indexOf('.') > 0 && isDottedAbbreviation(tok);
    if (mayFinal.contains(tok) || dotted) return Character.isUpperCase(next);
    return true;
  }

  private static boolean isDottedAbbreviation(String tok) {
    for (String part : tok.split("\\.")) {
      if (part.isEmpty() || part.length() > 2 || !part.chars().allMatch(Character::isLetter)) return false;
    }
    return true;
  }

  private static boolean isInitial(String tok) {
    return tok.length() == 1 && Character.isUpperCase(tok.charAt(0));
  }

  private static void emit(String text, int from, int to, List<Sentence> out) {
    while (from < to && Character.isWhitespace(text.charAt(from))) from++;
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) to--;
    if (to > from) out.add(new Sentence(out.size(), from, to));
  }

  private static String lastToken(String s, int endExclusive) {
    int e = endExclusive;
    int b = e;
    while (b > 0 && !Character.isWhitespace(s.charAt(b - 1))) b--;
    return stripOpening(s.substring(b, e)).toLowerCase(Locale.ROOT);
  }

  private static String stripOpening(String s) {
    int b = 0;
    while (b < s.length() && "([{\"'".indexOf(s.charAt(b)) >= 0) b++;
    return s.substring(b);
  }

  private static boolean isClosing(char c) {
    return c == ')' || c == ']' || c == '"' || c == '\'' || c == '\u201d' || c == '\u2019';
  }

  private static boolean isAllCaps(String s) {
    int letters = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLowerCase(c)) return false;
      if (Character.isLetter(c)) letters++;
    }
    return letters >= 2;
  }

  /** Line content ranges [start, end) without terminators. */
  static List<int[]> lines(String text) {
    List<int[]> out = new ArrayList<>();
    int s = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(new int[] {s, i});
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
        s = i + 1;
      }
    }
    if (s < text.length()) out.add(new int[] {s, text.length()});
    return out;
  }

  private static List<String> lower(Collection<String> in) {
    List<String> out = new ArrayList<>();
    for (String s : in) out.add(s.toLowerCase(Locale.ROOT));
    return out;
  }
}
