package org.medai.nlp.text;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.medai.nlp.internal.text.Lexicons;

/**
 * A user-supplied terminology: rows of (code, term). A code may have many terms (synonyms) and a
 * term may carry many codes. Immutable and thread-safe.
 */
public final class Terminology {

  /**
   * One row.
   *
   * @param code concept code, for example {@code I10}
   * @param term surface form, for example {@code hypertension}
   */
  public record Entry(String code, String term) {
    public Entry {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(term, "term");
      if (code.isBlank() || term.isBlank()) {
        throw new LexiconException("MEDAI-NLPTEXT-020", "terminology row has an empty code or term; give both");
      }
    }
  }

  private final List<Entry> entries;

  private Terminology(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static Terminology of(List<Entry> entries) {
    return new Terminology(entries);
  }

  /**
   * Parses rows {@code code<TAB>term} (or {@code code,term} when a line has no tab) from
   * {@code reader} (not closed); blank lines and lines starting with '#' are skipped.
   */
  public static Terminology parse(Reader reader, String sourceName) {
    List<String[]> rows = Lexicons.readTsv(reader, sourceName, 1);
    List<Entry> out = new ArrayList<>(rows.size());
    int no = 0;
    for (String[] r : rows) {
      no++;
      String[] cols = r;
      if (cols.length < 2) {
        int comma = r[0].indexOf(',');
        if (comma < 0) {
          throw new LexiconException("MEDAI-NLPTEXT-021", "terminology " + sourceName + " row " + no
              + " has no tab or comma; expected code<TAB>term");
        }
        cols = new String[] {r[0].substring(0, comma).strip(), r[0].substring(comma + 1).strip()};
      }
      out.add(new Entry(cols[0], cols[1]));
    }
    return new Terminology(out);
  }

  /** A small ICD-10-CM demo terminology of common findings and diagnoses shipped with medai-nlp. */
  public static Terminology demo() {
    List<Entry> out = new ArrayList<>();
    for (String[] r : Lexicons.readTsv("/org/medai/nlp/text/demo-terminology.tsv", 2)) out.add(new Entry(r[0], r[1]));
    return new Terminology(out);
  }

  public List<Entry> entries() {
    return entries;
  }

  public int size() {
    return entries.size();
  }
}
