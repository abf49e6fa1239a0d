package org.medai.ehr.cohort;

import java.time.Instant;

/**
 * One cohort membership: a patient, the index time (the entry event's time), the exit time and the
 * entry event's source resource. Immutable.
 */
public record CohortEntry(String patient, Instant index, Instant exit, String entrySource) {}
