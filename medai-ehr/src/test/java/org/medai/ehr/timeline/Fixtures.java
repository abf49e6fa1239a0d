package org.medai.ehr.timeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.medai.ehr.fhir.FhirIngestor;
import org.medai.ehr.fhir.IngestOptions;

/** Timelines of the shared Synthea inputs, ingested once per test JVM (ingestion is the slow part). */
public final class Fixtures {
  private static final Map<Path, Map<String, PatientTimeline>> CACHE = new ConcurrentHashMap<>();

  private Fixtures() {}

  public static Map<String, PatientTimeline> timelines(Path src) {
    return CACHE.computeIfAbsent(src, p -> {
      TimelineCollector c = new TimelineCollector();
      FhirIngestor.create(IngestOptions.strict()).ingest(p, c);
      return c.build();
    });
  }
}
