package org.medai.ehr.fhir;

import org.medai.core.MedaiException;

/**
 * FHIR input could not be read: malformed JSON or NDJSON, an unparseable resource in strict mode, a
 * size over the {@link org.medai.core.ReadLimits}, or an unreadable manifest. Codes are
 * {@code MEDAI-FHIR-NNN}; messages name the file, line or entry index and resource id, never patient
 * data.
 */
public class FhirIngestException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public FhirIngestException(String code, String message) {
    super(code, message);
  }

  public FhirIngestException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
