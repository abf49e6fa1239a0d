package org.medai.ehr.timeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Converts lab and vital-sign values between UCUM units through a fixed table: SI prefixes on g, mol,
 * eq, L, m, s; clinical specials ({@code Cel}, {@code [degF]}, {@code mm[Hg]}, {@code [lb_av]},
 * {@code [in_i]}, {@code %}, {@code /min}, {@code 10*3/uL} ...); and molar ↔ mass concentration
 * for analytes whose molar mass is in the table (glucose, creatinine, urea nitrogen, calcium,
 * cholesterol, triglycerides ...), keyed by LOINC code. Anything else is reported as unknown, never
 * guessed. Immutable and thread-safe; conversions cost a few hash look-ups.
 */
public final class UnitNormalizer {

  /**
   * The outcome of a conversion.
   *
   * @param ok true when {@code value} holds the converted number
   * @param value the value in the target unit (NaN when not ok)
   * @param reason why it failed ({@code unknown-unit:<u>}, {@code incompatible:<from>-><to>},
   *     {@code no-molar-mass:<loinc>}), or {@code null}
   */
  public record Conversion(boolean ok, double value, String reason) {
    static Conversion of(double v) {
      return new Conversion(true, v, null);
    }

    static Conversion fail(String reason) {
      return new Conversion(false, Double.NaN, reason);
    }
  }

  /** A parsed unit: a dimension key and the affine map to the dimension's base unit: base = v * factor + offset. */
  record Unit(String dim, double factor, double offset) {}

  /** Molar mass (g/mol) and charge per LOINC analyte code. */
  record Analyte(String name, double gramsPerMol, int valence) {}

  private static final Map<String, Unit> SPECIAL = new HashMap<>();
  private static final Map<String, Double> PREFIX = new HashMap<>();
  private static final Map<String, Unit> ATOM = new HashMap<>();
  private static final Map<String, Analyte> ANALYTES = new HashMap<>();

  static {
    PREFIX.put("", 1.0);
    PREFIX.put("k", 1e3);
    PREFIX.put("d", 1e-1);
    PREFIX.put("c", 1e-2);
    PREFIX.put("m", 1e-3);
    PREFIX.put("u", 1e-6);
    PREFIX.put("n", 1e-9);
    PREFIX.put("p", 1e-12);
    PREFIX.put("f", 1e-15);
    ATOM.put("g", new Unit("M", 1, 0));
    ATOM.put("mol", new Unit("N", 1, 0));
    ATOM.put("eq", new Unit("EQ", 1, 0));
    ATOM.put("L", new Unit("V", 1, 0));
    ATOM.put("l", new Unit("V", 1, 0));
    ATOM.put("m", new Unit("LEN", 1, 0));
    ATOM.put("s", new Unit("T", 1, 0));
    ATOM.put("min", new Unit("T", 60, 0));
    ATOM.put("h", new Unit("T", 3600, 0));
    ATOM.put("d", new Unit("T", 86400, 0));
    ATOM.put("U", new Unit("ENZ", 1, 0));
    ATOM.put("[IU]", new Unit("IU", 1, 0));
    SPECIAL.put("Cel", new Unit("TEMP", 1, 273.15));
    SPECIAL.put("K", new Unit("TEMP", 1, 0));
    SPECIAL.put("[degF]", new Unit("TEMP", 5.0 / 9.0, 459.67 * 5.0 / 9.0));
    SPECIAL.put("mm[Hg]", new Unit("P", 133.322387415, 0));
    SPECIAL.put("Pa", new Unit("P", 1, 0));
    SPECIAL.put("kPa", new Unit("P", 1000, 0));
    SPECIAL.put("[lb_av]", new Unit("M", 453.59237, 0));
    SPECIAL.put("[oz_av]", new Unit("M", 28.349523125, 0));
    SPECIAL.put("[in_i]", new Unit("LEN", 0.0254, 0));
    SPECIAL.put("[ft_i]", new Unit("LEN", 0.3048, 0));
    SPECIAL.put("%", new Unit("1", 0.01, 0));
    SPECIAL.put("1", new Unit("1", 1, 0));
    SPECIAL.put("/min", new Unit("1/T", 1.0 / 60, 0));
    SPECIAL.put("{beats}/min", new Unit("1/T", 1.0 / 60, 0));
    SPECIAL.put("{breaths}/min", new Unit("1/T", 1.0 / 60, 0));
    SPECIAL.put("/h", new Unit("1/T", 1.0 / 3600, 0));
    SPECIAL.put("kg/m2", new Unit("M/LEN2", 1000, 0));
    SPECIAL.put("10*3/uL", new Unit("#/V", 1e9, 0));
    SPECIAL.put("10*3/mm3", new Unit("#/V", 1e9, 0));
    SPECIAL.put("10*9/L", new Unit("#/V", 1e9, 0));
    SPECIAL.put("10*6/uL", new Unit("#/V", 1e12, 0));
    SPECIAL.put("10*12/L", new Unit("#/V", 1e12, 0));
    SPECIAL.put("/uL", new Unit("#/V", 1e6, 0));
    SPECIAL.put("/L", new Unit("#/V", 1, 0));
    analyte("glucose", 180.156, 0, "2339-0", "2345-7", "15074-8", "41653-7", "14749-6");
    analyte("creatinine", 113.12, 0, "2160-0", "38483-4", "14682-9");
    analyte("urea nitrogen", 28.0134, 0, "6299-2", "3094-0", "14937-7");
    analyte("calcium", 40.078, 2, "49765-1", "17861-6", "2000-8");
    analyte("cholesterol", 386.654, 0, "2093-3", "2085-9", "18262-6", "2089-1", "13457-7", "14647-2");
    analyte("triglycerides", 885.7, 0, "2571-8", "14927-8");
    analyte("sodium", 22.98977, 1, "2947-0", "2951-2");
    analyte("potassium", 39.0983, 1, "6298-4", "2823-3");
    analyte("chloride", 35.453, 1, "2069-3", "2075-0");
    analyte("bicarbonate", 61.0168, 1, "20565-8", "2028-9", "1963-8");
    analyte("magnesium", 24.305, 2, "19123-9", "2601-3");
    analyte("bilirubin", 584.66, 0, "1975-2", "42719-5");
    analyte("lactate", 89.07, 1, "2524-7", "32693-4");
  }

  private static void analyte(String name, double mm, int valence, String... loinc) {
    for (String c : loinc) ANALYTES.put(c, new Analyte(name, mm, valence));
  }

  private static final UnitNormalizer DEFAULT = new UnitNormalizer();

  private UnitNormalizer() {}

  /** The table above. */
  public static UnitNormalizer standard() {
    return DEFAULT;
  }

  /** True when {@code ucum} is in the table. */
  public boolean knows(String ucum) {
    return parse(ucum) != null;
  }

  /**
   * Converts {@code value} from {@code fromUcum} to {@code toUcum}. Mass and molar concentrations
   * convert only when {@code loincCode} names an analyte with a known molar mass (equivalents need a
   * known valence).
   */
  public Conversion convert(double value, String fromUcum, String toUcum, String loincCode) {
    if (Objects.equals(fromUcum, toUcum)) return Conversion.of(value);
    Unit from = parse(fromUcum);
    if (from == null) return Conversion.fail("unknown-unit:" + fromUcum);
    Unit to = parse(toUcum);
    if (to == null) return Conversion.fail("unknown-unit:" + toUcum);
    double base = value * from.factor + from.offset;
    String fd = from.dim;
    if (!fd.equals(to.dim)) {
      Analyte a = loincCode == null ? null : ANALYTES.get(loincCode);
      String key = fd + "->" + to.dim;
      double k = switch (key) {
        case "N/V->M/V" -> a == null ? Double.NaN : a.gramsPerMol;
        case "M/V->N/V" -> a == null ? Double.NaN : 1 / a.gramsPerMol;
        case "EQ/V->N/V" -> a == null || a.valence == 0 ? Double.NaN : 1.0 / a.valence;
        case "N/V->EQ/V" -> a == null || a.valence == 0 ? Double.NaN : a.valence;
        case "EQ/V->M/V" -> a == null || a.valence == 0 ? Double.NaN : a.gramsPerMol / a.valence;
        case "M/V->EQ/V" -> a == null || a.valence == 0 ? Double.NaN : a.valence / a.gramsPerMol;
        default -> Double.NaN;
      };
      if (Double.isNaN(k)) {
        boolean molarMass = key.contains("N/V") || key.contains("EQ/V");
        return Conversion.fail(molarMass && key.contains("/V->") && to.dim.endsWith("/V") && fd.endsWith("/V")
            ? "no-molar-mass:" + loincCode : "incompatible:" + fromUcum + "->" + toUcum);
      }
      base *= k;
    }
    return Conversion.of((base - to.offset) / to.factor);
  }

  static Unit parse(String u) {
    if (u == null || u.isEmpty()) return null;
    Unit s = SPECIAL.get(u);
    if (s != null) return s;
    int slash = u.indexOf('/');
    if (slash < 0) return atom(u);
    if (u.indexOf('/', slash + 1) >= 0) return null;
    Unit num = atom(u.substring(0, slash));
    Unit den = atom(u.substring(slash + 1));
    if (num == null || den == null || num.offset != 0 || den.offset != 0) return null;
    return new Unit(num.dim + "/" + den.dim, num.factor / den.factor, 0);
  }

  private static Unit atom(String a) {
    Unit exact = ATOM.get(a);
    if (exact != null) return exact;
    Unit sp = SPECIAL.get(a);
    if (sp != null && sp.offset == 0 && !sp.dim.contains("/")) return sp;
    for (int p = 1; p <= 2 && p < a.length(); p++) {
      Double f = PREFIX.get(a.substring(0, p));
      Unit base = ATOM.get(a.substring(p));
      if (f != null && base != null && !"T".equals(base.dim)) return new Unit(base.dim, base.factor * f, 0);
    }
    return null;
  }
}
