package org.medai.nlp.text;

import java.io.Reader;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.medai.nlp.internal.text.Lexicons;

/**
 * Maps section header forms ({@code "HPI"}, {@code "History of Present Illness"},
 * {@code "A/P"}) to canonical section names ({@code history_of_present_illness},
 * {@code assessment_and_plan}). Header forms are compared after {@link #normalize(String)}: lower
 * case, {@code &} read as {@code and}, every other non-alphanumeric run read as one space.
 *
 * <p>The shipped default ({@code org/medai/nlp/text/sections.tsv}, rows {@code name<TAB>form})
 * covers the usual sections of H&amp;P, progress, discharge and radiology notes; callers can load
 * their own in the same format, or extend the default with {@link #plus(SectionLexicon)}.
 * Immutable and thread-safe.
 */
public final class SectionLexicon {

  private static volatile SectionLexicon defaults;
  private final Map<String, String> formToName;

  private SectionLexicon(Map<String, String> formToName) {
    this.formToName = Map.copyOf(formToName);
  }

  /** The shipped default lexicon. */
  public static SectionLexicon defaults() {
    SectionLexicon d = defaults;
    if (d == null) {
      d = fromRows(Lexicons.readTsv("/org/medai/nlp/text/sections.tsv", 2));
      defaults = d;
    }
    return d;
  }

  /** Parses {@code name<TAB>form} rows from {@code reader} (not closed); '#' starts a comment line. */
  public static SectionLexicon parse(Reader reader, String sourceName) {
    return fromRows(Lexicons.readTsv(reader, sourceName, 2));
  }

  /** Builds a lexicon from canonical names to their header forms. */
  public static SectionLexicon of(Map<String, ? extends Collection<String>> nameToForms) {
    Map<String, String> m = new HashMap<>();
    nameToForms.forEach((name, forms) -> forms.forEach(f -> put(m, name, f, "map")));
    return new SectionLexicon(m);
  }

  /** This lexicon with {@code other}'s forms added; {@code other} wins where both define a form. */
  public SectionLexicon plus(SectionLexicon other) {
    Map<String, String> m = new HashMap<>(formToName);
    m.putAll(other.formToName);
    return new SectionLexicon(m);
  }

  /** The canonical name for a header form, if the lexicon knows it. */
  public Optional<String> lookup(String headerText) {
    return Optional.ofNullable(formToName.get(normalize(headerText)));
  }

  /** Every canonical section name, sorted. */
  public Set<String> names() {
    return new TreeSet<>(formToName.values());
  }

  /** Lower case, {@code &} as {@code and}, runs of other non-alphanumerics as one space, trimmed. */
  public static String normalize(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean space = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(Character.toLowerCase(c));
        space = false;
      } else if (c == '&') {
        if (!space) sb.append(' ');
        sb.append("and ");
        space = true;
      } else if (!space) {
        sb.append(' ');
        space = true;
      }
    }
    int n = sb.length();
    if (n > 0 && sb.charAt(n - 1) == ' ') sb.setLength(n - 1);
    return sb.toString();
  }

  private static SectionLexicon fromRows(List<String[]> rows) {
    Map<String, String> m = new HashMap<>();
    for (String[] r : rows) put(m, r[0], r[1], "tsv");
    return new SectionLexicon(m);
  }

  private static void put(Map<String, String> m, String name, String form, String where) {
    String n = normalize(form);
    if (n.isEmpty() || name.isBlank()) {
      throw new LexiconException("MEDAI-NLPTEXT-012",
          "section lexicon (" + where + ") has an empty name or header form; give every row a name and a form with letters");
    }
    m.put(n, name.strip().toLowerCase(Locale.ROOT));
  }
}
