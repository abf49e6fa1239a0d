package org.medai.nlp.deid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.medai.nlp.internal.deid.NameRecognizer;
import org.medai.nlp.internal.deid.PhiPatterns;

/**
 * Finds PHI in free text: names, dates, ages over 89, phone and fax numbers, e-mail addresses,
 * URLs, IP addresses, SSNs, medical record, account and other identifying numbers, street
 * addresses, cities and ZIP codes.
 *
 * <p>Sources: regular patterns (dates in numeric and written formats, phone layouts, SSN, e-mail,
 * URL, IP, street addresses with a suffix, "City, ST 12345"), context (labels such as
 * {@code MRN:}, {@code Acct #}, {@code Dr.}, {@code Mr.}, {@code patient}, {@code ..., MD},
 * {@code lives in}) and dictionaries (the shipped first-name and surname lists, words that are
 * also names counting only with context).
 *
 * <p>{@link Mode#RECALL_FIRST} (the default) also flags lone dictionary names, unlabelled numbers
 * of 7 or more digits and bare web domains; {@link Mode#BALANCED} leaves those out. Where spans
 * overlap, the more specific type wins (e-mail over name, phone over number), then the longer span.
 *
 * <p>Immutable and thread-safe; build once (it loads the dictionaries) and reuse. Cost is linear in
 * the text length.
 */
public final class PhiDetector {

  /** Trade-off between missing PHI and flagging ordinary text. */
  public enum Mode { RECALL_FIRST, BALANCED }

  private static final Map<PhiType, Integer> PRIORITY = new EnumMap<>(PhiType.class);

  static {
    PhiType[] order = {PhiType.EMAIL, PhiType.URL, PhiType.SSN, PhiType.FAX, PhiType.PHONE, PhiType.IP, PhiType.DATE,
        PhiType.MRN, PhiType.ACCOUNT, PhiType.AGE, PhiType.ADDRESS, PhiType.ZIP, PhiType.ID, PhiType.NAME};
    for (int i = 0; i < order.length; i++) PRIORITY.put(order[i], order.length - i);
  }

  private static volatile PhiDetector defaults;
  private final Mode mode;
  private final NameRecognizer names;

  private PhiDetector(Mode mode) {
    this.mode = mode;
    this.names = new NameRecognizer();
  }

  /** The recall-first detector. */
  public static PhiDetector defaults() {
    PhiDetector d = defaults;
    if (d == null) {
      d = new PhiDetector(Mode.RECALL_FIRST);
      defaults = d;
    }
    return d;
  }

  public static PhiDetector of(Mode mode) {
    return mode == Mode.RECALL_FIRST ? defaults() : new PhiDetector(mode);
  }

  public Mode mode() {
    return mode;
  }

  NameRecognizer names() {
    return names;
  }

  /** PHI spans in {@code text}, sorted by start, never overlapping. */
  public List<PhiSpan> detect(String text) {
    boolean recall = mode == Mode.RECALL_FIRST;
    List<PhiSpan> all = new ArrayList<>();
    PhiPatterns.detect(text, recall, all);
    names.detect(text, recall, all);
    all.sort(Comparator.<PhiSpan>comparingInt(s -> -PRIORITY.get(s.type()))
        .thenComparingInt(s -> -s.span().length()).thenComparingInt(s -> s.span().start()));
    List<PhiSpan> kept = new ArrayList<>();
    java.util.TreeMap<Integer, Integer> taken = new java.util.TreeMap<>(); // start -> end of kept spans
    for (PhiSpan s : all) {
      var before = taken.floorEntry(s.span().start());
      if (before != null && before.getValue() > s.span().start()) continue;
      var after = taken.ceilingEntry(s.span().start());
      if (after != null && after.getKey() < s.span().end()) continue;
      taken.put(s.span().start(), s.span().end());
      kept.add(s);
    }
    kept.sort(Comparator.comparingInt(s -> s.span().start()));
    return List.copyOf(kept);
  }
}
