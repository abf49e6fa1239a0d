package org.medai.nlp.internal.deid;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medai.nlp.deid.PhiSpan;
import org.medai.nlp.deid.PhiType;
import org.medai.nlp.internal.text.Lexicons;
import org.medai.nlp.text.Span;

/**
 * Finds person names from context (titles, credentials, labels, relations), from the shipped
 * first-name and surname dictionaries, and by extending a found name over the capitalised words
 * and initials beside it. Immutable after construction, thread-safe.
 */
public final class NameRecognizer {

  private static final String CAP = "(?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?|[A-Z]{2,}(?:[-'][A-Z]+)?|O'[A-Z][a-z]+|Mc[A-Z][a-z]+)";
  private static final String INITIAL = "[A-Z]\\.";
  private static final String NAME_SEQ = "(?<name>(?:" + CAP + "|" + INITIAL + ")(?:,?\\s+(?:" + CAP + "|" + INITIAL + ")){0,3})";
  private static final Pattern TITLE = Pattern.compile("\\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Doctor|Nurse|Rev|Sr|Sra)\\.?\\s+" + NAME_SEQ);
  private static final Pattern CREDENTIAL = Pattern.compile(NAME_SEQ
      + ",?\\s+(?:MD|M\\.D\\.|DO|D\\.O\\.|RN|NP|PA-C|PA|PhD|DDS|DMD|LPN|CNA|MSW|LCSW|PharmD|FNP|APRN|CRNA|DPM|OD|MBBS)\\b");
  private static final Pattern LABEL = Pattern.compile("(?i:\\b(?:patient\\s+name|pt\\s+name|name|patient|pt|attending|resident|intern|fellow|pcp|physician|provider|surgeon"
      + "|referring(?:\\s+(?:physician|provider|md))?|signed(?:\\s+by)?|electronically\\s+signed\\s+by|dictated\\s+by|transcribed\\s+by|seen\\s+by|seen\\s+with"
      + "|discussed\\s+with|spoke\\s+with|contact|emergency\\s+contact|guardian|nok|next\\s+of\\s+kin|cc|author|consultant|interpreter|caregiver|witness"
      + "|wife|husband|son|daughter|mother|father|sister|brother|friend|spouse|partner|niece|nephew|grandson|granddaughter|aunt|uncle)"
      + "\\s*(?:is\\s+|was\\s+|named\\s+)?[:,\\-]?\\s*)" + NAME_SEQ);
  private static final Pattern LAST_FIRST = Pattern.compile("\\b(?<name>" + CAP + ",\\s*" + CAP + "(?:\\s+" + INITIAL + "|\\s+[A-Z]\\b)?)");
  /** "John Smith is a 45 year-old ..." (record systems append digits to names; they are allowed here). */
  private static final Pattern AGE_INTRO = Pattern.compile("(?<![\\p{L}\\d'-])(?<name>[A-Z][\\p{L}'-]*\\d{0,4}(?:[ \\t]+[A-Z][\\p{L}'-]*\\d{0,4}){0,3})"
      + "\\s+is\\s+an?\\s+(?:\\d{1,3}[- ](?:year|yr|month|week|day)s?[- ]old|newborn|infant|neonate)");
  private static final Pattern WORD = Pattern.compile(CAP);
  private static final Pattern NEXT_WORD = Pattern.compile("\\G(?:\\s+(?:" + CAP + "|" + INITIAL + "))");

  private final Set<String> firstNames;
  private final Set<String> surnames;
  private final Set<String> ambiguous;
  private final Set<String> stop;

  public NameRecognizer() {
    firstNames = lowerSet(Lexicons.readList("/org/medai/nlp/deid/first-names.txt"));
    surnames = lowerSet(Lexicons.readList("/org/medai/nlp/deid/surnames.txt"));
    ambiguous = lowerSet(Lexicons.readList("/org/medai/nlp/deid/ambiguous-names.txt"));
    stop = lowerSet(Lexicons.readList("/org/medai/nlp/deid/not-names.txt"));
  }

  public boolean isFirstName(String token) {
    return firstNames.contains(token.toLowerCase(Locale.ROOT));
  }

  public void detect(String text, boolean recallFirst, List<PhiSpan> out) {
    List<Span> found = new ArrayList<>();
    contextual(TITLE, text, found, false);
    contextual(CREDENTIAL, text, found, false);
    contextual(LABEL, text, found, true);
    contextual(AGE_INTRO, text, found, false);
    for (Matcher m = LAST_FIRST.matcher(text); m.find(); ) {
      String[] parts = m.group("name").split(",\\s*");
      String a = parts[0].toLowerCase(Locale.ROOT);
      String b = parts[1].split("\\s+")[0].toLowerCase(Locale.ROOT);
      if ((surnames.contains(a) || firstNames.contains(b)) && !stop.contains(a) && !stop.contains(b)) {
        found.add(new Span(m.start("name"), m.end("name")));
      }
    }
    for (Span s : found) out.add(new PhiSpan(PhiType.NAME, s, PhiSpan.Source.CONTEXT));
    for (Matcher m = WORD.matcher(text); m.find(); ) {
      String w = m.group().toLowerCase(Locale.ROOT);
      if (stop.contains(w) || ambiguous.contains(w)) continue;
      boolean first = firstNames.contains(w);
      boolean sur = surnames.contains(w);
      if (!first && !sur) continue;
      if (!recallFirst && !first && !(m.group().length() > 1 && Character.isUpperCase(m.group().charAt(1)))) {
        // Balanced mode: a lone surname needs a capitalised neighbour.
        if (!neighbourCapitalised(text, m.start(), m.end())) continue;
      }
      int s = m.start();
      int e = m.end();
      // Extend over the capitalised words and initials beside a dictionary name.
      Matcher after = NEXT_WORD.matcher(text);
      int guard = 0;
      while (guard++ < 3 && after.find(e)) {
        String next = text.substring(after.start(), after.end()).strip();
        if (stop.contains(next.toLowerCase(Locale.ROOT).replace(".", "")) && !next.endsWith(".")) break;
        if (next.endsWith(".") && next.length() == 2 && e < text.length() - 2 && sentenceEndAt(text, after.end())) break;
        e = after.end();
      }
      int b = prevCapitalised(text, s, first || recallFirst);
      if (b >= 0) s = b;
      out.add(new PhiSpan(PhiType.NAME, new Span(s, e), PhiSpan.Source.DICTIONARY));
    }
  }

  private static boolean sentenceEndAt(String text, int i) {
    int k = i;
    while (k < text.length() && text.charAt(k) == ' ') k++;
    return k >= text.length() || text.charAt(k) == '\n' || Character.isUpperCase(text.charAt(k)) && k > i;
  }

  /** Start of the capitalised word just before {@code s} that may be part of the same name, or -1. */
  private int prevCapitalised(String text, int s, boolean anyWord) {
    int k = s - 1;
    if (k < 1 || text.charAt(k) != ' ') return -1;
    int e = k;
    while (k > 0 && Character.isLetter(text.charAt(k - 1))) k--;
    if (k == e || !Character.isUpperCase(text.charAt(k))) return -1;
    String w = text.substring(k, e).toLowerCase(Locale.ROOT);
    if (stop.contains(w)) return -1;
    if (ambiguous.contains(w) && !anyWord) return -1;
    return anyWord || surnames.contains(w) || firstNames.contains(w) ? k : -1;
  }

  private static boolean neighbourCapitalised(String text, int s, int e) {
    int k = e;
    while (k < text.length() && text.charAt(k) == ' ') k++;
    if (k > e && k < text.length() && Character.isUpperCase(text.charAt(k))) return true;
    k = s - 1;
    while (k >= 0 && text.charAt(k) == ' ') k--;
    return k >= 0 && k < s - 1 && Character.isLetter(text.charAt(k)) && Character.isUpperCase(text.charAt(wordStart(text, k)));
  }

  private static int wordStart(String text, int k) {
    while (k > 0 && Character.isLetter(text.charAt(k - 1))) k--;
    return k;
  }

  private void contextual(Pattern p, String text, List<Span> found, boolean label) {
    for (Matcher m = p.matcher(text); m.find(); ) {
      int s = m.start("name");
      String seq = m.group("name");
      // Keep leading tokens that are name-like; stop at the first common word.
      String[] toks = seq.split("\\s+");
      int e = s;
      int pos = s;
      int kept = 0;
      for (String t : toks) {
        int at = text.indexOf(t, pos);
        if (t.endsWith(",")) t = t.substring(0, t.length() - 1);
        String lw = t.toLowerCase(Locale.ROOT).replace(".", "");
        boolean initial = t.length() == 2 && t.endsWith(".");
        if (!initial && stop.contains(lw)) break;
        if (label && kept == 0 && !initial && isAllCapsWord(t) && !firstNames.contains(lw) && !surnames.contains(lw) && t.length() <= 4) break;
        e = at + t.length();
        pos = e;
        kept++;
      }
      if (kept > 0) found.add(new Span(s, e));
    }
  }

  private static boolean isAllCapsWord(String t) {
    return t.chars().allMatch(c -> Character.isUpperCase(c) || c == '-' || c == '\'');
  }

  private static Set<String> lowerSet(List<String> in) {
    Set<String> s = new HashSet<>();
    for (String x : in) s.add(x.toLowerCase(Locale.ROOT));
    return Set.copyOf(s);
  }
}
