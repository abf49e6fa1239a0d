package org.medai.nlp.internal.deid;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shifts a date string by a number of days and writes it back in the same format: field order,
 * separators, zero padding, two- or four-digit year, month name spelled out or abbreviated, its
 * letter case and ordinal suffixes. Dates without a year are shifted within leap year 2000; dates
 * without a day move their month by the shift applied to the 15th. Stateless, thread-safe.
 */
public final class DateShifter {
  private DateShifter() {}

  private static final String[] FULL = {"January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December"};

  /** The shifted string, or {@code null} when {@code date} matches no known date format. */
  public static String shift(String date, int days) {
    for (Pattern p : DatePatterns.ALL) {
      Matcher m = p.matcher(date);
      if (m.matches()) return shift(m, date, days);
      // The context-anchored pattern (on 3/4) cannot match a bare "3/4"; try its core.
    }
    Matcher md = Pattern.compile("(?<m>0?[1-9]|1[0-2])(?<s>/)(?<d>0?[1-9]|[12]\\d|3[01])").matcher(date);
    return md.matches() ? shift(md, date, days) : null;
  }

  /** The named group's value, or null when the group is absent from the pattern or did not match. */
  public static String group(Matcher m, String name) {
    try {
      return m.group(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String shift(Matcher m, String date, int days) {
    String y = group(m, "y");
    String yy = group(m, "yy");
    String mo = group(m, "m");
    String mon = group(m, "mon");
    String d = group(m, "d");
    int month = mo != null ? Integer.parseInt(mo) : monthOf(mon);
    int year = y != null ? Integer.parseInt(y) : yy != null ? pivot(Integer.parseInt(yy)) : 2000;
    boolean hasDay = d != null;
    int day = hasDay ? Integer.parseInt(d) : 15;
    YearMonth ym = YearMonth.of(year, month);
    day = Math.min(Math.max(day, 1), ym.lengthOfMonth());
    LocalDate shifted = LocalDate.of(year, month, day).plusDays(days);
    StringBuilder out = new StringBuilder(date);
    // Replace groups from the right so earlier offsets stay valid.
    record Rep(int start, int end, String text) {}
    java.util.List<Rep> reps = new java.util.ArrayList<>();
    if (y != null) reps.add(new Rep(m.start("y"), m.end("y"), Integer.toString(shifted.getYear())));
    if (yy != null) reps.add(new Rep(m.start("yy"), m.end("yy"), String.format(Locale.ROOT, "%02d", shifted.getYear() % 100)));
    if (mo != null) reps.add(new Rep(m.start("m"), m.end("m"), pad(shifted.getMonthValue(), mo)));
    if (mon != null) reps.add(new Rep(m.start("mon"), m.end("mon"), monthName(shifted.getMonthValue(), mon)));
    if (hasDay) reps.add(new Rep(m.start("d"), m.end("d"), pad(shifted.getDayOfMonth(), d)));
    String suf = group(m, "suf");
    if (suf != null) {
      String s = ordinal(shifted.getDayOfMonth());
      reps.add(new Rep(m.start("suf"), m.end("suf"), Character.isUpperCase(suf.charAt(0)) ? s.toUpperCase(Locale.ROOT) : s));
    }
    reps.sort((a, b) -> Integer.compare(b.start, a.start));
    for (Rep r : reps) out.replace(r.start, r.end, r.text);
    return out.toString();
  }

  /** Two-digit years: 00-29 are 2000-2029, 30-99 are 1930-1999. */
  static int pivot(int yy) {
    return yy < 30 ? 2000 + yy : 1900 + yy;
  }

  private static String pad(int v, String original) {
    return original.length() == 2 ? String.format(Locale.ROOT, "%02d", v) : Integer.toString(v);
  }

  private static int monthOf(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < 12; i++) {
      if (FULL[i].toLowerCase(Locale.ROOT).startsWith(n.substring(0, 3))) return i + 1;
    }
    throw new IllegalArgumentException("not a month name");
  }

  private static String monthName(int month, String original) {
    String full = FULL[month - 1];
    String name = original.length() <= 4 && !original.equalsIgnoreCase("June") && !original.equalsIgnoreCase("July")
        && !original.equalsIgnoreCase("May") ? full.substring(0, 3) : full;
    if (original.length() == 4 && original.equalsIgnoreCase("sept")) name = full.substring(0, 3);
    if (original.length() > 1 && original.chars().allMatch(Character::isUpperCase)) return name.toUpperCase(Locale.ROOT);
    if (Character.isLowerCase(original.charAt(0))) return name.toLowerCase(Locale.ROOT);
    return name;
  }

  private static String ordinal(int d) {
    if (d >= 11 && d <= 13) return "th";
    return switch (d % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
  }
}
