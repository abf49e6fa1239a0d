package org.medai.ehr.encode;

import java.util.Objects;
import java.util.Set;
import org.medai.ehr.timeline.ClinicalEvent;

/**
 * One input variable of an encoder: the events it takes (a code system and a set of codes), the unit
 * its values are converted to, and how values in one bin aggregate. Immutable and thread-safe.
 *
 * @param name column name (e.g. {@code heart_rate})
 * @param system code system URI the codes belong to, or {@code null} for any system
 * @param codes the codes that count as this variable
 * @param unit UCUM unit values are converted to (through {@link org.medai.ehr.timeline.UnitNormalizer});
 *     {@code null} takes numbers as recorded, whatever their unit
 * @param aggregation how values in one bin combine
 */
public record Variable(String name, String system, Set<String> codes, String unit, Aggregation aggregation) {

  public Variable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(aggregation, "aggregation");
    codes = Set.copyOf(codes);
    if (codes.isEmpty()) throw new EncodeException("MEDAI-ENC-001", "variable " + name + " lists no codes; give at least one code");
  }

  public static Variable loinc(String name, String unit, Aggregation aggregation, String... codes) {
    return new Variable(name, "http://loinc.org", Set.of(codes), unit, aggregation);
  }

  public boolean matches(ClinicalEvent e) {
    return codes.contains(e.code()) && (system == null || system.equals(e.system()));
  }
}
