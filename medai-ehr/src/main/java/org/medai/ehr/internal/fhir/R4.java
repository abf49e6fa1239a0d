package org.medai.ehr.internal.fhir;

import ca.uhn.fhir.context.FhirContext;

/** The one R4 {@link FhirContext} of the process (HAPI's cached instance: expensive once, then shared). */
public final class R4 {
  private R4() {}

  /** The shared context; the first call costs about a second (HAPI builds its model). Thread-safe. */
  public static FhirContext context() {
    return FhirContext.forR4Cached();
  }
}
