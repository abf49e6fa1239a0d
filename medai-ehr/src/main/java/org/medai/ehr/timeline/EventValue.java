package org.medai.ehr.timeline;

import java.util.Objects;

/**
 * The value of a {@link ClinicalEvent}: a number with its UCUM unit, a coded value, free text (for
 * example a decoded clinical note) or a boolean. Immutable and thread-safe.
 */
public sealed interface EventValue {

  /**
   * A measured number.
   *
   * @param value the number as recorded
   * @param unit the UCUM code as recorded ({@code Quantity.code} when its system is UCUM, else
   *     {@code Quantity.unit}); {@code null} when the source gave none
   */
  record Numeric(double value, String unit) implements EventValue {
    public Numeric {
      if (Double.isNaN(value)) throw new IllegalArgumentException("numeric event value is NaN");
    }
  }

  /** A coded value (for example an Observation's {@code valueCodeableConcept}). */
  record Coded(String system, String code, String display) implements EventValue {
    public Coded {
      Objects.requireNonNull(code, "code");
    }
  }

  /** Free text, such as a note decoded from a base64 attachment. Never logged. */
  record Text(String text) implements EventValue {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A boolean value. */
  record Bool(boolean value) implements EventValue {}
}
