package org.medai.ehr.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnitNormalizerTest {
  private final UnitNormalizer u = UnitNormalizer.standard();

  @Test
  void convert_glucoseMmolPerLToMgPerDl_usesMolarMass() {
    // 5.55 mmol/L x 180.156 g/mol = 999.87 mg/L = 99.987 mg/dL
    assertEquals(5.55 * 180.156 / 10, u.convert(5.55, "mmol/L", "mg/dL", "2339-0").value(), 1e-9);
    assertEquals(5.55, u.convert(5.55 * 180.156 / 10, "mg/dL", "mmol/L", "2345-7").value(), 1e-9);
  }

  @Test
  void convert_creatinineUmolPerLToMgPerDl_usesMolarMass() {
    // 88.4 umol/L x 113.12 g/mol = 9.99981 mg/L = 0.999981 mg/dL
    assertEquals(88.4 * 113.12 / 1e4, u.convert(88.4, "umol/L", "mg/dL", "2160-0").value(), 1e-12);
  }

  @Test
  void convert_temperatureAndMassAndPressure_matchClosedForms() {
    assertEquals(37.0, u.convert(98.6, "[degF]", "Cel", null).value(), 1e-9);
    assertEquals(0.45359237, u.convert(1, "[lb_av]", "kg", null).value(), 1e-12);
    assertEquals(120 * 0.133322387415, u.convert(120, "mm[Hg]", "kPa", null).value(), 1e-9);
    assertEquals(180.0, u.convert(1.8, "m", "cm", null).value(), 1e-9);
    assertEquals(7.2, u.convert(7.2, "10*3/uL", "10*9/L", null).value(), 1e-12);
    assertEquals(140, u.convert(140, "meq/L", "mmol/L", "2951-2").value(), 1e-9);
  }

  @Test
  void convert_unknownUnitOrAnalyte_reportedNotGuessed() {
    UnitNormalizer.Conversion c = u.convert(1, "[furlong]", "m", null);
    assertFalse(c.ok());
    assertEquals("unknown-unit:[furlong]", c.reason());
    UnitNormalizer.Conversion m = u.convert(1, "mg/dL", "mmol/L", "9999-9");
    assertFalse(m.ok());
    assertTrue(m.reason().startsWith("no-molar-mass"), m.reason());
    assertFalse(u.convert(1, "kg", "L", null).ok());
  }

  @Test
  void knows_syntheaUnits_allParsed() {
    for (String s : new String[] {"cm", "kg", "kg/m2", "mm[Hg]", "/min", "Cel", "%", "mg/dL", "mmol/L", "g/dL", "10*3/uL",
        "10*6/uL", "fL", "pg", "U/L", "mL/min", "ug/L", "ng/mL"}) {
      assertTrue(u.knows(s), s);
    }
  }
}
