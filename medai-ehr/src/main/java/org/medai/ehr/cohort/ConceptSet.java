package org.medai.ehr.cohort;

import java.util.List;
import java.util.Set;
import org.medai.ehr.timeline.ClinicalEvent;
import org.medai.ehr.timeline.EventValue;

/**
 * A set of concepts: items of (code system, exact codes, code prefixes). Prefixes express code
 * hierarchies that are encoded in the code itself (ICD-10-CM {@code E11} matches {@code E11.9});
 * hierarchies that are not (SNOMED CT) are listed code by code. An event matches on its code or on
 * its coded value (an Encounter's class, an Observation's coded answer). Immutable, thread-safe.
 */
public record ConceptSet(String name, List<Item> items) {

  /**
   * @param system code system URI, or {@code null} for any
   * @param codes exact codes
   * @param prefixes code prefixes
   */
  public record Item(String system, Set<String> codes, List<String> prefixes) {
    public Item {
      codes = Set.copyOf(codes);
      prefixes = List.copyOf(prefixes);
    }

    boolean matches(String sys, String code) {
      if (code == null || (system != null && !system.equals(sys))) return false;
      if (codes.contains(code)) return true;
      for (String p : prefixes) if (code.startsWith(p)) return true;
      return false;
    }
  }

  public ConceptSet {
    items = List.copyOf(items);
  }

  public boolean matches(ClinicalEvent e) {
    for (Item i : items) {
      if (i.matches(e.system(), e.code())) return true;
      if (e.value() instanceof EventValue.Coded c && i.matches(c.system(), c.code())) return true;
    }
    return false;
  }
}
