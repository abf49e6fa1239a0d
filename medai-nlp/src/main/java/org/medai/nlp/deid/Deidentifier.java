package org.medai.nlp.deid;

import java.util.ArrayList;
import java.util.List;
import org.medai.nlp.internal.deid.Surrogates;

/**
 * Replaces the PHI that a {@link PhiDetector} finds with consistent surrogates: names from the
 * shipped name lists, digits and letters of identifiers one for one (same layout), e-mails and
 * URLs with {@code example.org} addresses, IPs from the documentation range 192.0.2.0/24, SSNs in
 * the never-issued 9xx range, ages over 89 as {@code 90+}, and dates shifted by the patient's one
 * offset ({@link PatientKey#dateShiftDays()}) in their original format, so intervals between a
 * patient's dates are kept. Surrogates come from HMAC-SHA256 under the patient key: the same
 * original gets the same surrogate within a patient, and another key gives other surrogates.
 *
 * <p>Immutable and thread-safe; build once and reuse. Cost is linear in the text length plus one
 * HMAC per replacement.
 */
public final class Deidentifier {

  private static volatile Deidentifier defaults;
  private final PhiDetector detector;
  private final Surrogates surrogates;

  private Deidentifier(PhiDetector detector) {
    this.detector = detector;
    this.surrogates = new Surrogates(detector.names());
  }

  /** A de-identifier with the recall-first detector. */
  public static Deidentifier defaults() {
    Deidentifier d = defaults;
    if (d == null) {
      d = new Deidentifier(PhiDetector.defaults());
      defaults = d;
    }
    return d;
  }

  public static Deidentifier of(PhiDetector detector) {
    return new Deidentifier(detector);
  }

  public PhiDetector detector() {
    return detector;
  }

  /** De-identifies {@code text} for the patient whose key is {@code key}. */
  public DeidResult deidentify(String text, PatientKey key) {
    return replace(text, detector.detect(text), key);
  }

  /** Replaces the given spans (sorted, non-overlapping, e.g. from {@link PhiDetector#detect}) with surrogates. */
  public DeidResult replace(String text, List<PhiSpan> spans, PatientKey key) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    List<AuditRecord> audit = new ArrayList<>(spans.size());
    int last = 0;
    for (PhiSpan s : spans) {
      if (s.span().start() < last || s.span().end() > text.length()) {
        throw new DeidException("MEDAI-DEID-003", "PHI spans overlap or run past the text at offset " + s.span().start()
            + "; pass sorted, non-overlapping spans inside the text");
      }
      out.append(text, last, s.span().start());
      String sur = surrogates.surrogate(s.type(), s.span().of(text), key);
      audit.add(new AuditRecord(s.type(), s.source(), s.span().start(), s.span().end(), out.length(), sur.length()));
      out.append(sur);
      last = s.span().end();
    }
    out.append(text, last, text.length());
    return new DeidResult(out.toString(), audit);
  }
}
