package org.medai.examples.cli.fhir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medai.core.Json;
import org.medai.ehr.cohort.CohortBuilder;
import org.medai.ehr.cohort.CohortDefinition;
import org.medai.ehr.cohort.CohortEntry;
import org.medai.ehr.timeline.PatientTimeline;
import org.medai.examples.cli.MedaiCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medai fhir cohort SRC --def cohort.json --out cohort.jsonl}. */
@Command(name = "cohort", mixinStandardHelpOptions = true,
    description = "Evaluate a JSON cohort definition; write one cohort entry per line.")
final class CohortCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "A Bundle JSON file, an NDJSON file or folder, or a Bulk Data manifest.")
  Path src;

  @Option(names = "--def", required = true, description = "Cohort definition JSON.")
  Path def;

  @Option(names = "--out", required = true, description = "Output JSON lines file.")
  Path out;

  @Option(names = "--strict", description = "Fail on the first bad resource.")
  boolean strict;

  @Override
  public Integer call() throws Exception {
    CohortDefinition d = CohortDefinition.fromJson(Files.readString(def));
    Sources s = Sources.read(src, strict);
    CohortBuilder b = new CohortBuilder(d);
    long n = 0;
    long patients = 0;
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (PatientTimeline t : s.timelines.values()) {
        boolean any = false;
        for (CohortEntry e : b.evaluate(t)) {
          w.write("{\"patient\":" + Json.quote(e.patient()) + ",\"index\":" + Json.quote(e.index().toString()) + ",\"exit\":"
              + Json.quote(e.exit().toString()) + ",\"source\":" + Json.quote(e.entrySource()) + ",\"cohort\":" + Json.quote(d.name())
              + ",\"version\":" + Json.quote(d.version()) + "}\n");
          n++;
          any = true;
        }
        if (any) patients++;
      }
    }
    System.out.println("{\"out\":" + Json.quote(out.toString()) + ",\"cohort\":" + Json.quote(d.name()) + ",\"version\":"
        + Json.quote(d.version()) + ",\"entries\":" + n + ",\"patients\":" + patients + ",\"patientsRead\":" + s.timelines.size()
        + ",\"ingest\":" + s.summary.toJson() + "}");
    return MedaiCli.EXIT_OK;
  }
}
