package org.medai.imaging.io.dicom.seg;

import org.medai.core.InvalidArgumentException;

/**
 * A coded concept (DICOM Code Sequence Macro): value, coding scheme and meaning, for example
 * {@code (85756007, SCT, Tissue)}. Immutable.
 */
public record Code(String value, String scheme, String meaning) {
  public Code {
    if (value == null || value.isBlank() || scheme == null || scheme.isBlank() || meaning == null) {
      throw new InvalidArgumentException("MEDAI-SEG-050", "a code needs a value, a coding scheme and a meaning");
    }
  }

  public static Code sct(String value, String meaning) {
    return new Code(value, "SCT", meaning);
  }

  /** SNOMED CT 85756007 "Tissue". */
  public static final Code TISSUE = sct("85756007", "Tissue");
  /** SNOMED CT 91723000 "Anatomical structure". */
  public static final Code ANATOMICAL_STRUCTURE = sct("91723000", "Anatomical structure");
  /** SNOMED CT 49755003 "Morphologically abnormal structure". */
  public static final Code ABNORMAL_STRUCTURE = sct("49755003", "Morphologically abnormal structure");
}
