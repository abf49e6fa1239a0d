package org.medai.ehr.cohort;

import org.medai.core.MedaiException;

/** A cohort or task definition is unusable (codes {@code MEDAI-COHORT-NNN}). */
public class CohortException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public CohortException(String code, String message) {
    super(code, message);
  }
}
