package org.medai.nlp.context;

import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.medai.nlp.internal.text.Lexicons;
import org.medai.nlp.text.LexiconException;

/**
 * ConText trigger, pseudo-trigger and termination phrases.
 *
 * <p>The shipped default ({@code org/medai/nlp/context/context-lexicon.tsv}) was written for
 * medai from the trigger categories NegEx and ConText publish. Rows are
 * {@code phrase<TAB>kind<TAB>category<TAB>direction}; see the file's header. Callers may parse
 * their own in the same format or extend the default with {@link #plus(ContextLexicon)}.
 * Immutable and thread-safe.
 */
public final class ContextLexicon {

  /** What a phrase does. */
  public enum Kind { TRIGGER, PSEUDO, TERMINATION }

  /** Which side of a trigger its scope lies on. */
  public enum Direction { FORWARD, BACKWARD, BOTH, NONE }

  /**
   * One lexicon row.
   *
   * @param phrase the phrase, matched case-insensitively on word and punctuation tokens
   * @param kind trigger, pseudo-trigger or termination
   * @param categories for a trigger or pseudo-trigger its one category; for a termination the categories whose scope it closes
   * @param direction scope direction of a trigger; {@link Direction#NONE} otherwise
   */
  public record Rule(String phrase, Kind kind, Set<ContextCategory> categories, Direction direction) {
    public Rule {
      Objects.requireNonNull(phrase, "phrase");
      categories = Set.copyOf(categories);
      if (kind == Kind.TRIGGER && (categories.size() != 1 || direction == Direction.NONE)) {
        throw new LexiconException("MEDAI-NLPTEXT-030",
            "a context trigger needs exactly one category and a direction (forward, backward or both)");
      }
    }
  }

  private static volatile ContextLexicon defaults;
  private final List<Rule> rules;

  private ContextLexicon(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The shipped default lexicon. */
  public static ContextLexicon defaults() {
    ContextLexicon d = defaults;
    if (d == null) {
      d = fromRows(Lexicons.readTsv("/org/medai/nlp/context/context-lexicon.tsv", 4), "context-lexicon.tsv");
      defaults = d;
    }
    return d;
  }

  /** Parses rows from {@code reader} (not closed). */
  public static ContextLexicon parse(Reader reader, String sourceName) {
    return fromRows(Lexicons.readTsv(reader, sourceName, 4), sourceName);
  }

  public static ContextLexicon of(List<Rule> rules) {
    return new ContextLexicon(rules);
  }

  /** This lexicon with {@code other}'s rules appended. */
  public ContextLexicon plus(ContextLexicon other) {
    List<Rule> r = new ArrayList<>(rules);
    r.addAll(other.rules);
    return new ContextLexicon(r);
  }

  public List<Rule> rules() {
    return rules;
  }

  private static ContextLexicon fromRows(List<String[]> rows, String where) {
    List<Rule> out = new ArrayList<>(rows.size());
    int no = 0;
    for (String[] r : rows) {
      no++;
      try {
        Kind kind = Kind.valueOf(r[1].toUpperCase(Locale.ROOT));
        Set<ContextCategory> cats = EnumSet.noneOf(ContextCategory.class);
        if (r[2].equalsIgnoreCase("all")) {
          cats = EnumSet.allOf(ContextCategory.class);
        } else {
          for (String c : r[2].split(",")) cats.add(ContextCategory.valueOf(c.strip().toUpperCase(Locale.ROOT)));
        }
        Direction dir = r[3].equals("-") ? Direction.NONE : Direction.valueOf(r[3].toUpperCase(Locale.ROOT));
        out.add(new Rule(r[0], kind, cats, dir));
      } catch (IllegalArgumentException e) {
        throw new LexiconException("MEDAI-NLPTEXT-031", "context lexicon " + where + " row " + no
            + " has an unknown kind, category or direction; expected trigger|pseudo|termination, "
            + "negated|possible|hypothetical|historical|family|all, forward|backward|both|-");
      }
    }
    return new ContextLexicon(out);
  }
}
