package org.medai.nlp.internal.deid;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medai.nlp.deid.PhiSpan;
import org.medai.nlp.deid.PhiType;
import org.medai.nlp.text.Span;

/** Pattern and context recognisers for every PHI type except names. Stateless, thread-safe. */
public final class PhiPatterns {
  private PhiPatterns() {}

  private static final Pattern EMAIL = Pattern.compile("(?<![\\w.%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,6}\\.[A-Za-z]{2,24}\\b");
  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|ftp://|www\\.)[^\\s<>\"']+");
  private static final Pattern BARE_DOMAIN = Pattern.compile("(?i)(?<![\\w.-])[a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63}){0,6}\\.(?:com|org|net|edu|gov|io|us|info|health)(?:/[^\\s<>\"']*)?\\b");
  private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.]\\d)");
  private static final Pattern IPV6 = Pattern.compile("(?i)\\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\\b|\\b(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:?){1,6}\\b");
  private static final Pattern SSN = Pattern.compile("(?<![\\d-])\\d{3}([- ])\\d{2}\\1\\d{4}(?![\\d-])");
  private static final Pattern SSN_CONTEXT = Pattern.compile("(?i)\\b(?:SSN|SS#|S\\.S\\.N\\.?|social\\s+security(?:\\s+(?:number|no\\.?|#))?)\\s*[:#]?\\s*(?<id>\\d{9}|\\d{3}[- .]?\\d{2}[- .]?\\d{4})\\b");
  private static final Pattern PHONE = Pattern.compile(
      "(?<![\\d-])(?:\\+?1[\\s.-]?)?(?:\\(\\d{3}\\)\\s?|\\d{3}[\\s.-])\\d{3}[\\s.-]\\d{4}(?:\\s*(?:x|ext\\.?|extension)\\s*\\d{1,5})?(?![\\d-])");
  private static final Pattern PHONE_CONTEXT = Pattern.compile(
      "(?i)\\b(?:phone|tel|telephone|cell|mobile|pager|fax|contact|call|ph)\\.?\\s*(?:#|no\\.?|number)?\\s*[:#]?\\s*(?<id>\\+?\\d[\\d\\s().-]{8,16}\\d)");
  private static final String ID_VALUE = "(?<id>(?=[A-Za-z-]*\\d)[A-Za-z0-9][A-Za-z0-9-]{2,19}[A-Za-z0-9])";
  private static final Pattern MRN = Pattern.compile("(?i)\\b(?:MRN|MR#|MR\\s*(?:No\\.?|Number)|Med(?:ical)?\\s+rec(?:ord)?\\.?(?:\\s+(?:number|no\\.?|#))?"
      + "|(?:hospital|unit|chart|record)\\s*(?:#|no\\.?|number)|medical\\s+record|record)\\s*[:#]?\\s*(?:is\\s+)?" + ID_VALUE);
  private static final Pattern ACCOUNT = Pattern.compile("(?i)\\b(?:acct|account|acc|billing|encounter|visit|fin|claim|invoice|csn|har)\\s*(?:#|no\\.?|number|num|id)?\\s*[:#]?\\s*(?:is\\s+)?" + ID_VALUE);
  private static final Pattern OTHER_ID = Pattern.compile("(?i)\\b(?:patient\\s+id|member\\s+(?:id|#|number)|subscriber\\s+(?:id|#)|policy\\s*(?:#|no\\.?|number|id)?|health\\s+plan\\s*(?:#|id|no\\.?|number)?"
      + "|insurance\\s*(?:#|id|no\\.?|number)|licen[cs]e\\s*(?:#|no\\.?|number)?|DEA\\s*#?|NPI|device\\s+(?:serial|id)(?:\\s+(?:number|no\\.?|#))?"
      + "|serial\\s*(?:#|no\\.?|number)|badge\\s*#?|plate|vin|ID|identifier)\\s*[:#]?\\s*(?:is\\s+)?" + ID_VALUE);
  private static final Pattern LONG_NUMBER = Pattern.compile("(?<![\\d.,/-])(?:\\d-?){6,30}\\d(?![\\d.,/]\\d|\\d)");
  private static final Pattern ALNUM_ID = Pattern.compile("\\b(?=[A-Z0-9-]*\\d)(?=[A-Z0-9-]*[A-Z])[A-Z]{1,4}-?\\d{5,}\\b|\\b\\d{2,}-\\d{3,}-\\d{2,}\\b");
  private static final Pattern AGE = Pattern.compile("(?i)\\b(?<age>9\\d|1[0-2]\\d)(?:\\s*|-)(?:years?|yrs?|y/?o|y\\.o\\.?|yo|-?year-old|year-old)\\b|(?i)\\b(?:age[ds]?|aged)\\s*:?\\s*(?<age2>9\\d|1[0-2]\\d)\\b");
  private static final String SUFFIX = "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy"
      + "|Highway|Hwy|Square|Sq|Trail|Trl|Loop|Row|Path|Pike|Alley|Crescent|Cres|Close|Plaza)";
  private static final Pattern STREET = Pattern.compile("\\b\\d{1,6}(?:-\\d{1,4})?[A-Z]?\\s+(?:(?:[NSEW]\\.?|North|South|East|West|N\\.?[EW]\\.?|S\\.?[EW]\\.?)\\s+)?"
      + "(?:[A-Z][A-Za-z']+|\\d{1,3}(?:st|nd|rd|th))(?:\\s+[A-Z][A-Za-z']+){0,3}\\s+" + SUFFIX + "\\b\\.?"
      + "(?:\\s+(?:[NSEW]|N[EW]|S[EW])\\b)?(?:,?\\s*(?:Apt|Apartment|Unit|Suite|Ste|Room|Rm|Fl|Floor|#)\\.?\\s*#?\\s*[A-Za-z0-9-]{1,6})?");
  private static final Pattern PO_BOX = Pattern.compile("(?i)\\bP\\.?\\s?O\\.?\\s*Box\\s+\\d+\\b");
  private static final String STATES = "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
      + "|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky"
      + "|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico"
      + "|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont"
      + "|Virginia|Washington|West Virginia|Wisconsin|Wyoming";
  private static final Pattern CITY_STATE = Pattern.compile("\\b(?<city>[A-Z][a-zA-Z'.]+(?:[ -][A-Z][a-zA-Z'.]+){0,2}),\\s*(?:" + STATES + ")\\b\\.?(?:,?\\s+(?<zip>\\d{5}(?:-\\d{4})?)\\b)?");
  private static final Pattern ZIP5 = Pattern.compile("(?<![\\d-])\\d{5}(?:-\\d{4})?(?![\\d-])");
  private static final Pattern STATE_BEFORE = Pattern.compile("\\b(?:" + STATES + ")\\.?,?\\s{1,3}$");
  private static final Pattern ZIP_CONTEXT = Pattern.compile("(?i)\\b(?:zip|zip\\s*code|zipcode|postal\\s*code)\\s*[:#]?\\s*(?<zip>\\d{5}(?:-\\d{4})?)\\b");
  private static final Pattern CITY_CONTEXT = Pattern.compile("(?i:\\b(?:lives|living|resides|residing|lived|moved|relocated|resident|born|travel(?:l?ed)?|visiting|from|home)\\s+(?:in|at|to|near|of|from)\\s+)"
      + "(?<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})");
  private static final Pattern ADDRESS_LINE = Pattern.compile("(?i)\\b(?:address|addr|home\\s+address|residence)\\s*:\\s*(?<id>[^\\n]{4,80}?)(?=\\.\\s|\\.?\\n|\\.?$)");

  /** Adds every pattern match in {@code text} to {@code out}. */
  public static void detect(String text, boolean recallFirst, List<PhiSpan> out) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (text.indexOf('@') >= 0) add(EMAIL, text, PhiType.EMAIL, PhiSpan.Source.PATTERN, null, out);
    for (Matcher m = URL.matcher(text); m.find(); ) {
      int e = m.end();
      while (e > m.start() && ".,;:)]}!?".indexOf(text.charAt(e - 1)) >= 0) e--;
      out.add(new PhiSpan(PhiType.URL, new Span(m.start(), e), PhiSpan.Source.PATTERN));
    }
    if (recallFirst) add(BARE_DOMAIN, text, PhiType.URL, PhiSpan.Source.PATTERN, null, out);
    add(IPV4, text, PhiType.IP, PhiSpan.Source.PATTERN, null, out);
    add(IPV6, text, PhiType.IP, PhiSpan.Source.PATTERN, null, out);
    add(SSN, text, PhiType.SSN, PhiSpan.Source.PATTERN, null, out);
    if (lower.contains("ss") || lower.contains("social")) add(SSN_CONTEXT, text, PhiType.SSN, PhiSpan.Source.CONTEXT, "id", out);
    for (Matcher m = PHONE.matcher(text); m.find(); ) out.add(new PhiSpan(phoneType(text, m.start()), new Span(m.start(), m.end()), PhiSpan.Source.PATTERN));
    for (Matcher m = PHONE_CONTEXT.matcher(text); m.find(); ) {
      int digits = (int) m.group("id").chars().filter(Character::isDigit).count();
      if (digits >= 10 && digits <= 11) out.add(new PhiSpan(phoneType(text, m.start("id")), new Span(m.start("id"), m.end("id")), PhiSpan.Source.CONTEXT));
    }
    for (int pi = 0; pi < DatePatterns.ALL.size(); pi++) {
      boolean contextual = pi == DatePatterns.MONTH_DAY_WITH_CONTEXT;
      for (Matcher m = DatePatterns.ALL.get(pi).matcher(text); m.find(); ) {
        String mon = DateShifter.group(m, "mon");
        if (mon != null && !Character.isUpperCase(mon.charAt(0))) continue;
        if (mon != null && mon.equals("May") && DateShifter.group(m, "d") != null && DateShifter.group(m, "y") == null
            && DateShifter.group(m, "yy") == null
            && !recallFirst) continue;
        if (mon == null && DateShifter.group(m, "y") == null && DateShifter.group(m, "yy") == null && nearPainScore(text, contextual ? m.start("md") : m.start(), m.end())) {
          continue;
        }
        int ds = contextual ? m.start("md") : m.start();
        out.add(new PhiSpan(PhiType.DATE, new Span(ds, m.end()), contextual ? PhiSpan.Source.CONTEXT : PhiSpan.Source.PATTERN));
      }
    }
    add(MRN, text, PhiType.MRN, PhiSpan.Source.CONTEXT, "id", out);
    add(ACCOUNT, text, PhiType.ACCOUNT, PhiSpan.Source.CONTEXT, "id", out);
    add(OTHER_ID, text, PhiType.ID, PhiSpan.Source.CONTEXT, "id", out);
    for (Matcher m = ALNUM_ID.matcher(text); m.find(); ) {
      if (text.substring(Math.max(0, m.start() - 6), m.start()).toUpperCase(Locale.ROOT).contains("NDC")) continue; // drug code
      out.add(new PhiSpan(PhiType.ID, new Span(m.start(), m.end()), PhiSpan.Source.PATTERN));
    }
    for (Matcher m = LONG_NUMBER.matcher(text); recallFirst && m.find(); ) {
      if (text.substring(Math.max(0, m.start() - 6), m.start()).toUpperCase(Locale.ROOT).contains("NDC")) continue;
      out.add(new PhiSpan(PhiType.ID, new Span(m.start(), m.end()), PhiSpan.Source.PATTERN));
    }
    for (Matcher m = AGE.matcher(text); m.find(); ) {
      String g = m.group("age") != null ? "age" : "age2";
      out.add(new PhiSpan(PhiType.AGE, new Span(m.start(g), m.end(g)), PhiSpan.Source.PATTERN));
    }
    add(STREET, text, PhiType.ADDRESS, PhiSpan.Source.PATTERN, null, out);
    add(PO_BOX, text, PhiType.ADDRESS, PhiSpan.Source.PATTERN, null, out);
    for (Matcher m = CITY_STATE.matcher(text); m.find(); ) {
      String st = text.substring(m.end("city"), m.end()).replaceAll("[^A-Za-z]", "");
      if (m.group("zip") == null && (st.equals("MD") || st.equals("PA") || st.equals("DE") || st.equals("ME") || st.equals("OR"))) {
        continue; // "Jane Roe, MD" is a credential, not Maryland
      }
      if (!isStopCity(m.group("city"))) out.add(new PhiSpan(PhiType.ADDRESS, new Span(m.start("city"), m.end("city")), PhiSpan.Source.CONTEXT));
      if (m.group("zip") != null) out.add(new PhiSpan(PhiType.ZIP, new Span(m.start("zip"), m.end("zip")), PhiSpan.Source.CONTEXT));
    }
    // A ZIP after a state: find 5-digit numbers first, then look for the state just before (cheap).
    for (Matcher m = ZIP5.matcher(text); m.find(); ) {
      if (STATE_BEFORE.matcher(text).region(Math.max(0, m.start() - 20), m.start()).useTransparentBounds(true).find()) {
        out.add(new PhiSpan(PhiType.ZIP, new Span(m.start(), m.end()), PhiSpan.Source.CONTEXT));
      }
    }
    add(ZIP_CONTEXT, text, PhiType.ZIP, PhiSpan.Source.CONTEXT, "zip", out);
    for (Matcher m = CITY_CONTEXT.matcher(text); m.find(); ) {
      if (!isStopCity(m.group("city"))) out.add(new PhiSpan(PhiType.ADDRESS, new Span(m.start("city"), m.end("city")), PhiSpan.Source.CONTEXT));
    }
    for (Matcher m = ADDRESS_LINE.matcher(text); m.find(); ) {
      int e = m.end("id");
      while (e > m.start("id") && Character.isWhitespace(text.charAt(e - 1))) e--;
      Span line = new Span(m.start("id"), e);
      // Where the street, city or ZIP were found on their own, keep those finer (typed) spans.
      if (out.stream().anyMatch(p -> (p.type() == PhiType.ADDRESS || p.type() == PhiType.ZIP) && line.overlaps(p.span()))) continue;
      out.add(new PhiSpan(PhiType.ADDRESS, new Span(m.start("id"), e), PhiSpan.Source.CONTEXT));
    }
  }

  private static final java.util.Set<String> STOP_CITY = java.util.Set.of("the", "a", "an", "his", "her", "their", "home", "bed", "er", "ed",
      "icu", "clinic", "hospital", "rehab", "the ed", "nursing", "assisted", "jail", "prison", "shelter", "work", "school", "today");

  private static boolean isStopCity(String c) {
    return STOP_CITY.contains(c.toLowerCase(Locale.ROOT).split("[ -]")[0]);
  }

  /** "8/10" beside the word pain is a pain score, not a date. */
  private static boolean nearPainScore(String text, int s, int e) {
    String around = text.substring(Math.max(0, s - 25), Math.min(text.length(), e + 25)).toLowerCase(Locale.ROOT);
    return text.startsWith("/10", s + text.substring(s, e).indexOf('/')) && around.contains("pain");
  }

  private static PhiType phoneType(String text, int start) {
    int from = Math.max(0, start - 16);
    return text.substring(from, start).toLowerCase(Locale.ROOT).contains("fax") ? PhiType.FAX : PhiType.PHONE;
  }

  private static void add(Pattern p, String text, PhiType type, PhiSpan.Source src, String group, List<PhiSpan> out) {
    for (Matcher m = p.matcher(text); m.find(); ) {
      int s = group == null ? m.start() : m.start(group);
      int e = group == null ? m.end() : m.end(group);
      if (e > s) out.add(new PhiSpan(type, new Span(s, e), src));
    }
  }
}
