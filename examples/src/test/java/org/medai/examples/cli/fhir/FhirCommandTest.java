package org.medai.examples.cli.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.ehr.fhir.SyntheticFhir;
import org.medai.examples.cli.MedaiCli;

class FhirCommandTest {
  private static final ObjectMapper M = new ObjectMapper();

  @Test
  void timelineAndTensors_syntheticBundle_writeEventsAndManifest(@TempDir Path dir) throws Exception {
    Path bundle = dir.resolve("b.json");
    try (BufferedWriter w = Files.newBufferedWriter(bundle, StandardCharsets.UTF_8)) {
      SyntheticFhir.writeBundle(w, 8, 5);
    }
    Path tl = dir.resolve("timeline.jsonl");
    assertEquals(0, MedaiCli.execute("fhir", "timeline", bundle.toString(), "--out", tl.toString()));
    List<String> lines = Files.readAllLines(tl);
    assertTrue(lines.size() > 100);
    for (String l : lines.subList(0, 50)) {
      JsonNode n = M.readTree(l);
      assertEquals(7, n.size());
      assertTrue(n.path("patient").asText().startsWith("Patient/"));
    }
    Path spec = dir.resolve("spec.json");
    Files.writeString(spec, """
        {"task": "los-gt-7d", "grid": {"binHours": 2, "bins": 12, "variables": [
          {"name": "hr", "system": "http://loinc.org", "codes": ["8867-4"], "unit": "/min", "aggregation": "mean"}]}}
        """);
    Path out = dir.resolve("t");
    assertEquals(0, MedaiCli.execute("fhir", "tensors", bundle.toString(), "--spec", spec.toString(), "--out", out.toString()));
    JsonNode manifest = M.readTree(out.resolve("manifest.json").toFile());
    assertEquals("los-gt-7d", manifest.path("definition").path("name").asText());
    assertEquals("1", manifest.path("definition").path("version").asText());
    int n = manifest.path("samples").asInt();
    assertTrue(n > 0);
    assertEquals(n, manifest.path("arrays").path("grid_values").path(0).asInt());
    assertTrue(Files.size(out.resolve("grid_values.npy")) > 4L * n * 12);
  }

  @Test
  void timeline_malformedNdjsonStrict_exitsWithBadInput(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("Patient.ndjson");
    Files.writeString(f, "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n{\"resourceType\":\"Patient\",\n");
    assertEquals(3, MedaiCli.execute("fhir", "timeline", f.toString(), "--out", dir.resolve("o.jsonl").toString(), "--strict"));
    assertEquals(0, MedaiCli.execute("fhir", "timeline", f.toString(), "--out", dir.resolve("o.jsonl").toString()));
  }

  @Test
  void cohort_definitionOnSyntheticBundle_writesEntriesWithVersion(@TempDir Path dir) throws Exception {
    Path bundle = dir.resolve("b.json");
    try (BufferedWriter w = Files.newBufferedWriter(bundle, StandardCharsets.UTF_8)) {
      SyntheticFhir.writeBundle(w, 5, 9);
    }
    Path def = dir.resolve("cohort.json");
    Files.writeString(def, """
        {"name": "inpatients", "version": "2",
         "conceptSets": {"imp": {"items": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "codes": ["IMP"]}]}},
         "entry": {"kind": "Encounter", "conceptSet": "imp"}, "exit": {"type": "event-end"}}
        """);
    Path out = dir.resolve("cohort.jsonl");
    assertEquals(0, MedaiCli.execute("fhir", "cohort", bundle.toString(), "--def", def.toString(), "--out", out.toString()));
    List<String> lines = Files.readAllLines(out);
    assertTrue(!lines.isEmpty());
    JsonNode first = M.readTree(lines.get(0));
    assertEquals("2", first.path("version").asText());
    assertTrue(first.path("source").asText().startsWith("Encounter/"));
  }
}
