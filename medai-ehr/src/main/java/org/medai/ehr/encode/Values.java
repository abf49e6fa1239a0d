package org.medai.ehr.encode;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.medai.ehr.timeline.ClinicalEvent;
import org.medai.ehr.timeline.EventValue;
import org.medai.ehr.timeline.UnitNormalizer;

/** Reads one event's value for one variable, converting units; shared by every encoder. */
final class Values {
  private Values() {}

  /** The value in the variable's unit (1 for COUNT variables); NaN when not numeric or not convertible (counted in {@code problems}). */
  static double of(ClinicalEvent e, Variable v, Map<String, LongAdder> problems) {
    if (v.aggregation() == Aggregation.COUNT) return 1;
    if (!(e.value() instanceof EventValue.Numeric n)) return Double.NaN;
    if (v.unit() == null || v.unit().equals(n.unit())) return n.value();
    UnitNormalizer.Conversion c = UnitNormalizer.standard().convert(n.value(), n.unit(), v.unit(),
        "http://loinc.org".equals(e.system()) ? e.code() : null);
    if (!c.ok()) {
      problems.computeIfAbsent(c.reason(), k -> new LongAdder()).increment();
      return Double.NaN;
    }
    return c.value();
  }
}
