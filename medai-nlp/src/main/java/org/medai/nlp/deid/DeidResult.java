package org.medai.nlp.deid;

import java.util.List;

/**
 * De-identified text and its audit trail. Immutable, thread-safe.
 *
 * @param text the text with every detected PHI span replaced by its surrogate
 * @param audit one record per replacement, in text order
 */
public record DeidResult(String text, List<AuditRecord> audit) {
  public DeidResult {
    audit = List.copyOf(audit);
  }
}
