package org.medai.nlp.internal.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.medai.nlp.text.LexiconException;

/** Reads the tab-separated lexicon resources shipped with medai-nlp ('#' comments, blank lines skipped). */
public final class Lexicons {
  private Lexicons() {}

  /** Reads a classpath resource; every row must have at least {@code minColumns} columns. */
  public static List<String[]> readTsv(String resource, int minColumns) {
    InputStream in = Lexicons.class.getResourceAsStream(resource);
    if (in == null) {
      throw new LexiconException("MEDAI-NLPTEXT-010",
          "lexicon resource " + resource + " is missing from the classpath; check that medai-nlp's jar is intact");
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return readTsv(r, resource, minColumns);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads rows from {@code reader} (not closed); {@code where} names the source in error messages. */
  public static List<String[]> readTsv(Reader reader, String where, int minColumns) {
    List<String[]> rows = new ArrayList<>();
    try {
      BufferedReader br = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
      String line;
      int no = 0;
      while ((line = br.readLine()) != null) {
        no++;
        if (no == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
        if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
        String[] cols = line.split("\t", -1);
        for (int i = 0; i < cols.length; i++) cols[i] = cols[i].strip();
        if (cols.length < minColumns || cols[0].isEmpty()) {
          throw new LexiconException("MEDAI-NLPTEXT-011", "lexicon " + where + " line " + no + " has "
              + cols.length + " tab-separated columns; expected at least " + minColumns + " with a non-empty first column");
        }
        rows.add(cols);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Reads a one-entry-per-line resource (first column only). */
  public static List<String> readList(String resource) {
    List<String> out = new ArrayList<>();
    for (String[] r : readTsv(resource, 1)) out.add(r[0]);
    return out;
  }
}
