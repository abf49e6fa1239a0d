package org.medai.ehr.fhir;

/** What ingestion does with a bad resource or line. */
public enum IngestMode {
  /** The first bad resource or line fails the whole run with a {@link FhirIngestException}. */
  STRICT,
  /** A bad resource or line is reported in the {@link IngestSummary} and skipped; the run goes on. */
  LENIENT
}
