package org.medai.examples.cli.fhir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medai.core.Json;
import org.medai.ehr.timeline.TimelineExport;
import org.medai.examples.cli.MedaiCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medai fhir timeline SRC --out timeline.jsonl}: one event per line, plus a JSON summary on stdout. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
    description = "Write every patient's events as JSON lines (or MEDS CSV/NDJSON); print an ingestion summary.")
final class TimelineCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "A Bundle JSON file, an NDJSON file or folder, or a Bulk Data manifest.")
  Path src;

  @Option(names = "--out", required = true, description = "Output file.")
  Path out;

  @Option(names = "--format", defaultValue = "jsonl", description = "jsonl (default), meds-csv or meds-ndjson.")
  String format;

  @Option(names = "--strict", description = "Fail on the first bad resource instead of reporting and skipping it.")
  boolean strict;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("jsonl") && !format.equals("meds-csv") && !format.equals("meds-ndjson")) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--format must be jsonl, meds-csv or meds-ndjson");
    }
    Sources s = Sources.read(src, strict);
    long n;
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      n = switch (format) {
        case "meds-csv" -> TimelineExport.writeMedsCsv(s.timelines.values(), w);
        case "meds-ndjson" -> TimelineExport.writeMedsNdjson(s.timelines.values(), w);
        default -> TimelineExport.writeJsonLines(s.timelines.values(), w);
      };
    }
    System.out.println("{\"out\":" + Json.quote(out.toString()) + ",\"format\":" + Json.quote(format) + ",\"patients\":"
        + s.timelines.size() + ",\"events\":" + n + ",\"ingest\":" + s.summary.toJson() + ",\"timeline\":" + s.collector.toJson() + "}");
    return MedaiCli.EXIT_OK;
  }
}
