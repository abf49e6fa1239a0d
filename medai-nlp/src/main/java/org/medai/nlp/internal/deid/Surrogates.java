package org.medai.nlp.internal.deid;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medai.nlp.deid.PatientKey;
import org.medai.nlp.deid.PhiType;
import org.medai.nlp.internal.text.Lexicons;

/**
 * Makes surrogates: keyed HMAC-SHA256 of the normalised original picks a dictionary entry or
 * digits, so one original always gets one surrogate under one patient key. Formats are kept
 * (separators, letter case, digit counts). Immutable after construction, thread-safe.
 */
public final class Surrogates {

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z][A-Za-z']*|\\d+");
  private static final Set<String> KEEP_WORDS = Set.of("street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive",
      "dr", "lane", "ln", "way", "court", "ct", "place", "pl", "terrace", "ter", "circle", "cir", "parkway", "pkwy", "highway",
      "hwy", "square", "sq", "trail", "trl", "loop", "row", "path", "pike", "alley", "crescent", "cres", "close", "plaza", "apt",
      "apartment", "unit", "suite", "ste", "room", "rm", "fl", "floor", "po", "box", "p", "o", "n", "s", "e", "w", "ne", "nw",
      "se", "sw", "north", "south", "east", "west");
  private static final Pattern STATE = Pattern.compile("[A-Z]{2}");

  private final List<String> firstNames;
  private final List<String> surnames;
  private final List<String> streets;
  private final List<String> cities;
  private final NameRecognizer names;

  public Surrogates(NameRecognizer names) {
    this.names = names;
    firstNames = Lexicons.readList("/org/medai/nlp/deid/first-names.txt");
    surnames = Lexicons.readList("/org/medai/nlp/deid/surnames.txt");
    streets = Lexicons.readList("/org/medai/nlp/deid/streets.txt");
    cities = Lexicons.readList("/org/medai/nlp/deid/cities.txt");
  }

  /** The surrogate for {@code original} of type {@code type} under {@code key}. */
  public String surrogate(PhiType type, String original, PatientKey key) {
    return switch (type) {
      case NAME -> name(original, key);
      case DATE -> {
        String s = DateShifter.shift(original, key.dateShiftDays());
        yield s != null ? s : digits(original, key, "date");
      }
      case AGE -> "90+";
      case PHONE, FAX -> phone(original, key);
      case SSN -> ssn(original, key);
      case EMAIL -> {
        byte[] h = key.hmac("email:" + original.toLowerCase(Locale.ROOT));
        yield pick(firstNames, h, 0).toLowerCase(Locale.ROOT) + "." + pick(surnames, h, 4).toLowerCase(Locale.ROOT) + "@example.org";
      }
      case URL -> "https://example.org/r/" + HexFormat.of().formatHex(key.hmac("url:" + original.toLowerCase(Locale.ROOT)), 0, 4);
      case IP -> {
        byte[] h = key.hmac("ip:" + original);
        yield "192.0.2." + (1 + (h[0] & 0xff) % 254);
      }
      case MRN, ACCOUNT, ID, ZIP -> digits(original, key, type.name());
      case ADDRESS -> address(original, key);
    };
  }

  private String name(String original, PatientKey key) {
    StringBuilder out = new StringBuilder(original.length());
    Matcher m = TOKEN.matcher(original);
    int last = 0;
    while (m.find()) {
      out.append(original, last, m.start());
      String tok = m.group();
      String norm = tok.toLowerCase(Locale.ROOT);
      byte[] h = key.hmac("name:" + norm);
      String sur;
      if (tok.length() == 1) {
        sur = String.valueOf((char) ('A' + (h[0] & 0xff) % 26));
      } else {
        List<String> pool = names.isFirstName(tok) ? firstNames : surnames;
        sur = pick(pool, h, 0);
        if (sur.equalsIgnoreCase(tok)) sur = pick(pool, h, 4);
        if (sur.equalsIgnoreCase(tok)) sur = pool.get((pool.indexOf(sur) + 1) % pool.size());
      }
      out.append(matchCase(sur, tok));
      last = m.end();
    }
    return out.append(original, last, original.length()).toString();
  }

  private String address(String original, PatientKey key) {
    StringBuilder out = new StringBuilder(original.length());
    Matcher m = TOKEN.matcher(original);
    int last = 0;
    boolean afterComma = false;
    boolean lastWasStreetWord = false;
    while (m.find()) {
      String between = original.substring(last, m.start());
      if (between.contains(",")) afterComma = true;
      out.append(between);
      String tok = m.group();
      String norm = tok.toLowerCase(Locale.ROOT);
      if (Character.isDigit(tok.charAt(0))) {
        out.append(digits(tok, key, "addr"));
        lastWasStreetWord = false;
      } else if (KEEP_WORDS.contains(norm) || (afterComma && STATE.matcher(tok).matches())) {
        out.append(tok);
        lastWasStreetWord = false;
      } else if (lastWasStreetWord) {
        // Multi-word street or city names collapse into the one surrogate word already written.
        out.setLength(out.length() - between.length());
      } else {
        byte[] h = key.hmac("addr:" + (afterComma ? "city:" : "street:") + norm);
        String sur = afterComma || !startsWithNumber(original) ? pick(cities, h, 0) : pick(streets, h, 0);
        out.append(matchCase(sur, tok));
        lastWasStreetWord = true;
      }
      last = m.end();
    }
    return out.append(original, last, original.length()).toString();
  }

  private static boolean startsWithNumber(String s) {
    String t = s.strip();
    return !t.isEmpty() && Character.isDigit(t.charAt(0));
  }

  private String phone(String original, PatientKey key) {
    String digitsOnly = original.replaceAll("\\D", "");
    String core = digitsOnly.length() > 10 ? digitsOnly.substring(digitsOnly.length() - 10) : digitsOnly;
    byte[] h = key.hmac("phone:" + core);
    StringBuilder out = new StringBuilder(original.length());
    int k = 0;
    int lead = digitsOnly.length() - core.length();
    int seen = 0;
    for (int i = 0; i < original.length(); i++) {
      char c = original.charAt(i);
      if (!Character.isDigit(c)) {
        out.append(c);
        continue;
      }
      if (seen++ < lead) {
        out.append(c);
        continue;
      }
      int v = (h[k % h.length] & 0xff) % 10;
      if ((k == 0 || k == 3) && v < 2) v += 2;
      out.append((char) ('0' + v));
      k++;
    }
    return out.toString();
  }

  private String ssn(String original, PatientKey key) {
    String s = digits(original, key, "ssn");
    int first = firstDigit(s);
    // 9xx is never issued as an SSN, so a surrogate can never be someone's real number.
    return first < 0 ? s : s.substring(0, first) + '9' + s.substring(first + 1);
  }

  private static int firstDigit(String s) {
    for (int i = 0; i < s.length(); i++) if (Character.isDigit(s.charAt(i))) return i;
    return -1;
  }

  /** Same length and layout; each digit, upper-case and lower-case letter replaced by one of its class. */
  private static String digits(String original, PatientKey key, String domain) {
    String norm = original.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    byte[] h = key.hmac(domain + ":" + norm);
    StringBuilder out = new StringBuilder(original.length());
    int k = 0;
    for (int i = 0; i < original.length(); i++) {
      char c = original.charAt(i);
      int b = h[k % h.length] & 0xff;
      if (k >= h.length) b = (b + k * 31) & 0xff;
      if (Character.isDigit(c)) {
        out.append((char) ('0' + b % 10));
        k++;
      } else if (c >= 'A' && c <= 'Z') {
        out.append((char) ('A' + b % 26));
        k++;
      } else if (c >= 'a' && c <= 'z') {
        out.append((char) ('a' + b % 26));
        k++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String pick(List<String> pool, byte[] h, int at) {
    int v = ((h[at] & 0x7f) << 24) | ((h[at + 1] & 0xff) << 16) | ((h[at + 2] & 0xff) << 8) | (h[at + 3] & 0xff);
    return pool.get(v % pool.size());
  }

  private static String matchCase(String sur, String like) {
    if (like.length() > 1 && like.chars().allMatch(c -> !Character.isLetter(c) || Character.isUpperCase(c))) {
      return sur.toUpperCase(Locale.ROOT);
    }
    if (Character.isLowerCase(like.charAt(0))) return sur.toLowerCase(Locale.ROOT);
    return sur;
  }
}
