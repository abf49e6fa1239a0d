package org.medai.ehr.fhir;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.MedaiException;
import org.medai.core.ReadLimits;
import org.medai.ehr.timeline.TimelineCollector;

/** Seeded mutation fuzzing: hostile bytes give reported problems or a MedaiException, never another exception. */
class IngestFuzzTest {

  static byte[] mutate(byte[] src, Random r) {
    byte[] b = src.clone();
    int edits = 1 + r.nextInt(8);
    for (int i = 0; i < edits; i++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(4)) {
        case 0 -> b[at] = (byte) r.nextInt(256);
        case 1 -> b[at] = (byte) "{}[]\",:0\n".charAt(r.nextInt(9));
        case 2 -> {
          int len = Math.min(b.length - at, 1 + r.nextInt(40));
          System.arraycopy(b, at + len, b, at, b.length - at - len);
        }
        default -> b[at] = '\n';
      }
    }
    return b;
  }

  @Test
  void ingest_mutatedNdjsonAndBundles_onlyReportedProblemsOrMedaiExceptions(@TempDir Path dir) throws IOException {
    StringWriter nd = new StringWriter();
    SyntheticFhir.writeNdjson(nd, 1, 99);
    StringWriter bu = new StringWriter();
    SyntheticFhir.writeBundle(bu, 1, 99);
    byte[] ndjson = nd.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bundle = bu.toString().getBytes(StandardCharsets.UTF_8);
    long lines = nd.toString().lines().count();
    Random r = new Random(4242);
    FhirIngestor lenient = FhirIngestor.create(IngestOptions.lenient().withLimits(new ReadLimits(1 << 20, 1L << 30, 100_000, 32)));
    int medaiExceptions = 0;
    for (int i = 0; i < 120; i++) {
      Path f = dir.resolve("Fuzz.ndjson");
      Files.write(f, mutate(ndjson, r));
      IngestSummary s = lenient.ingest(f, new TimelineCollector());
      assertTrue(s.read() + s.skipped() >= lines - 8 * 2, "resources vanished without a report");
      Path b = dir.resolve("fuzz-bundle.json");
      Files.write(b, mutate(bundle, r));
      try {
        lenient.ingest(b, new TimelineCollector());
      } catch (MedaiException e) {
        medaiExceptions++;
        assertTrue(e.code().startsWith("MEDAI-"), e.code());
      }
    }
    assertTrue(medaiExceptions > 0, "some mutations break the Bundle's JSON and must be reported as MedaiException");
  }
}
