package org.medai.ehr.fhir;

import java.nio.file.Path;
import org.medai.ehr.timeline.TimelineCollector;

/** Run in a forked, heap-limited JVM by {@link StreamingIngestTest}: ingests one source into timelines, prints the summary. */
public final class StreamingIngestMain {
  private StreamingIngestMain() {}

  public static void main(String[] args) {
    TimelineCollector c = new TimelineCollector();
    IngestSummary s = FhirIngestor.create(IngestOptions.strict()).ingest(Path.of(args[0]), c);
    int patients = c.build().size();
    Runtime rt = Runtime.getRuntime();
    System.out.println("{\"summary\":" + s.toJson() + ",\"patients\":" + patients + ",\"maxHeap\":" + rt.maxMemory() + "}");
  }
}
