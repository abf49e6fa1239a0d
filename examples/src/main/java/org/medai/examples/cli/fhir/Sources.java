package org.medai.examples.cli.fhir;

import java.nio.file.Path;
import java.util.Map;
import org.medai.ehr.fhir.FhirIngestor;
import org.medai.ehr.fhir.IngestOptions;
import org.medai.ehr.fhir.IngestSummary;
import org.medai.ehr.timeline.PatientTimeline;
import org.medai.ehr.timeline.TimelineCollector;

/** Ingests a CLI source into timelines and keeps the summaries for the command's JSON output. */
final class Sources {
  final IngestSummary summary;
  final TimelineCollector collector;
  final Map<String, PatientTimeline> timelines;

  private Sources(IngestSummary summary, TimelineCollector collector) {
    this.summary = summary;
    this.collector = collector;
    this.timelines = collector.build();
  }

  static Sources read(Path src, boolean strict) {
    TimelineCollector c = new TimelineCollector();
    IngestSummary s = FhirIngestor.create(strict ? IngestOptions.strict() : IngestOptions.lenient()).ingest(src, c);
    for (var p : s.problems()) System.err.println("medai fhir: skipped " + p);
    return new Sources(s, c);
  }
}
