package org.medai.nlp.internal.deid;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Date patterns with named groups ({@code y} four-digit year, {@code yy} two-digit year, {@code m}
 * numeric month, {@code mon} month name, {@code d} day, {@code suf} ordinal suffix) shared by the
 * detector and the format-preserving date shifter. Immutable.
 */
public final class DatePatterns {
  private DatePatterns() {}

  static final String MONTH = "(?<mon>(?i:January|February|March|April|May|June|July|August|September|October|November|December"
      + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec))";
  private static final String Y4 = "(?<y>(?:18|19|20)\\d{2})";
  private static final String YEAR = "(?:" + Y4 + "|(?<yy>\\d{2}))";
  private static final String M = "(?<m>0?[1-9]|1[0-2])";
  private static final String D = "(?<d>0?[1-9]|[12]\\d|3[01])";
  private static final String DAY_TEXT = "(?<d>[0-3]?\\d)(?<suf>st|nd|rd|th)?";

  /** Ordered: more specific first. */
  public static final List<Pattern> ALL = List.of(
      // 2021-03-04, 2021/3/4, 2021.03.04 (also the date part of 2021-03-04T10:00)
      Pattern.compile("(?<![\\d.])" + Y4 + "(?<s>[-/.])" + M + "\\k<s>" + D + "(?![\\d])"),
      // 03/04/2021, 3-4-21, 03.04.2021
      Pattern.compile("(?<![\\d./-])" + M + "(?<s>[-/.])" + D + "\\k<s>" + YEAR + "(?![\\d/-]|\\.\\d)"),
      // 31/12/2020 (day first, unambiguous only)
      Pattern.compile("(?<![\\d./-])(?<d>1[3-9]|2\\d|3[01])(?<s>[-/.])" + M + "\\k<s>" + YEAR + "(?![\\d/-]|\\.\\d)"),
      // March 4, 2021 / Mar. 4th 2021
      Pattern.compile("\\b" + MONTH + "\\.?\\s{1,3}" + DAY_TEXT + ",?\\s{1,3}" + Y4 + "\\b"),
      // 4 March 2021 / 04-Mar-2021 / 4th of March, 2021 / 04MAR2021
      Pattern.compile("\\b" + DAY_TEXT + "(?:\\s+of)?[\\s-]?" + MONTH + "\\.?[\\s,-]{0,3}" + YEAR + "\\b"),
      // March 2021 / Mar-2021
      Pattern.compile("\\b" + MONTH + "\\.?,?[\\s-]{1,3}" + Y4 + "\\b"),
      // March 4 / Mar 4th (no year)
      Pattern.compile("\\b" + MONTH + "\\.?\\s{1,3}" + DAY_TEXT + "\\b(?!\\s*[:.]\\d)"),
      // 4 March / 4th of March (no year)
      Pattern.compile("\\b" + DAY_TEXT + "(?:\\s+of)?\\s" + MONTH + "\\b"),
      // on 3/4, since 12/25 (month/day with a date word before it)
      Pattern.compile("(?i:\\b(?:on|since|from|until|till|through|thru|dated|by|of|date|started|begun|starting)\\s{1,3})"
          + "(?<![\\d/])(?<md>" + M + "(?<s>/)" + D + ")(?![\\d/])"));

  /** Index of the month/day-only pattern in {@link #ALL}: its match includes the context word; the date is group {@code md}. */
  public static final int MONTH_DAY_WITH_CONTEXT = 8;
}
