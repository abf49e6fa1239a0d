package org.medai.examples.cli.fhir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medai.core.Json;
import org.medai.ehr.encode.DatasetBuilder;
import org.medai.ehr.encode.DatasetSpec;
import org.medai.examples.cli.MedaiCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medai fhir tensors SRC --spec spec.json --out DIR}: .npy arrays + manifest.json. */
@Command(name = "tensors", mixinStandardHelpOptions = true,
    description = "Build grid (GRU-D), sequence (STraTS), static and label arrays as .npy with a manifest.json.")
final class TensorsCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "A Bundle JSON file, an NDJSON file or folder, or a Bulk Data manifest.")
  Path src;

  @Option(names = "--spec", required = true, description = "Data set spec JSON (task or cohort, grid, sequence, split).")
  Path specFile;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--strict", description = "Fail on the first bad resource.")
  boolean strict;

  @Override
  public Integer call() throws Exception {
    DatasetSpec spec = DatasetSpec.fromJson(Files.readString(specFile));
    Sources s = Sources.read(src, strict);
    DatasetBuilder.Dataset d = DatasetBuilder.build(s.timelines, spec);
    d.write(out, s.summary.toJson());
    System.out.println("{\"out\":" + Json.quote(out.toString()) + ",\"patients\":" + s.timelines.size() + ",\"samples\":"
        + d.samples().size() + ",\"train\":" + d.trainCount() + ",\"positives\":" + d.positives() + ",\"arrays\":"
        + d.batch().shapes().size() + ",\"gridFingerprint\":" + Json.quote(spec.grid().fingerprint()) + "}");
    return MedaiCli.EXIT_OK;
  }
}
