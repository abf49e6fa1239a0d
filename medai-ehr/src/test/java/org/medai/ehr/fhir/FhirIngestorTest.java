package org.medai.ehr.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.ehr.testing.SharedData;

class FhirIngestorTest {
  private static final ObjectMapper M = new ObjectMapper();

  /** Independent oracle: resourceType of every entry, counted from a Jackson tree of the whole file. */
  static Map<String, Long> oracleBundleCounts(Path bundle) throws IOException {
    Map<String, Long> c = new TreeMap<>();
    for (JsonNode e : M.readTree(bundle.toFile()).path("entry")) c.merge(e.path("resource").path("resourceType").asText(), 1L, Long::sum);
    return c;
  }

  static Map<String, Long> oracleNdjsonCounts(Path dir) throws IOException {
    Map<String, Long> c = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank()) c.merge(M.readTree(line).path("resourceType").asText(), 1L, Long::sum);
        }
      }
    }
    return c;
  }

  @Test
  void ingest_syntheaBundles_perTypeCountsEqualJacksonOracle() throws IOException {
    FhirIngestor ing = FhirIngestor.create(IngestOptions.strict());
    List<Path> bundles;
    try (Stream<Path> st = Files.list(SharedData.bundles())) {
      bundles = st.sorted().toList();
    }
    assertEquals(6, bundles.size());
    for (Path b : bundles) {
      List<String> urls = new ArrayList<>();
      IngestSummary s = ing.ingest(b, r -> urls.add(r.fullUrl()));
      assertEquals(oracleBundleCounts(b), s.readByType(), "counts for bundle of size " + Files.size(b));
      assertEquals(s.readByType(), s.keptByType());
      assertEquals(0, s.skipped());
      assertEquals(s.read(), urls.size());
      assertTrue(urls.stream().allMatch(u -> u != null && u.startsWith("urn:uuid:")));
    }
  }

  @Test
  void ingest_ndjsonFolder_perTypeCountsEqualJacksonOracle() throws IOException {
    IngestSummary s = FhirIngestor.create(IngestOptions.strict()).ingest(SharedData.ndjson(), r -> { });
    assertEquals(oracleNdjsonCounts(SharedData.ndjson()), s.readByType());
    assertEquals(0, s.skipped());
    assertEquals(24, s.files());
  }

  @Test
  void ingest_folderOfBundles_sameCountsAsEachBundleSummed() throws IOException {
    Map<String, Long> expected = new TreeMap<>();
    try (Stream<Path> st = Files.list(SharedData.bundles())) {
      for (Path b : st.toList()) oracleBundleCounts(b).forEach((k, v) -> expected.merge(k, v, Long::sum));
    }
    IngestSummary s = FhirIngestor.create(IngestOptions.strict()).ingest(SharedData.bundles(), r -> { });
    assertEquals(6, s.files());
    assertEquals(expected, s.readByType());
  }

  @Test
  void ingest_parametersManifest_readsTheSameFilesAsTheFolder() {
    FhirIngestor ing = FhirIngestor.create(IngestOptions.strict());
    IngestSummary viaManifest = ing.ingest(SharedData.ndjson().resolve("parameters.json"), r -> { });
    IngestSummary viaFolder = ing.ingest(SharedData.ndjson(), r -> { });
    assertEquals(viaFolder.readByType(), viaManifest.readByType());
  }

  private static Path ndjsonWithBadLine(Path dir) throws IOException {
    Path f = dir.resolve("Observation.ndjson");
    String good1 = "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}";
    String bad = "{\"resourceType\":\"Observation\",\"id\":\"o2\",\"status\":\"final\",";
    String good2 = "{\"resourceType\":\"Observation\",\"id\":\"o3\",\"status\":\"final\",\"code\":{\"text\":\"y\"}}";
    Files.writeString(f, good1 + "\n" + bad + "\n\n" + good2 + "\n", StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void ingest_malformedNdjsonLineLenient_reportedWithFileAndLineAndSkipped(@TempDir Path dir) throws IOException {
    Path f = ndjsonWithBadLine(dir);
    List<String> ids = new ArrayList<>();
    IngestSummary s = FhirIngestor.create(IngestOptions.lenient()).ingest(f, r -> ids.add(r.resource().getIdElement().getIdPart()));
    assertEquals(List.of("o1", "o3"), ids);
    assertEquals(1, s.skipped());
    IngestProblem p = s.problems().get(0);
    assertEquals("Observation.ndjson", p.where().file());
    assertEquals(2, p.where().line());
    assertEquals("o2", p.resourceId());
    assertEquals("malformed-json", p.reason());
  }

  @Test
  void ingest_malformedNdjsonLineStrict_failsNamingFileAndLine(@TempDir Path dir) throws IOException {
    Path f = ndjsonWithBadLine(dir);
    FhirIngestException e = assertThrows(FhirIngestException.class,
        () -> FhirIngestor.create(IngestOptions.strict()).ingest(f, r -> { }));
    assertEquals("MEDAI-FHIR-010", e.code());
    assertTrue(e.getMessage().contains("Observation.ndjson:2"), e.getMessage());
    assertTrue(e.getMessage().contains("Observation/o2"), e.getMessage());
  }

  @Test
  void ingest_lineOverByteBudget_skippedWithoutBuffering(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("Patient.ndjson");
    String big = "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"" + "x".repeat(5000) + "\"}";
    Files.writeString(f, big + "\n{\"resourceType\":\"Patient\",\"id\":\"p2\"}\n");
    IngestOptions opt = IngestOptions.lenient().withLimits(new org.medai.core.ReadLimits(1000, 1L << 30, 1000, 32));
    IngestSummary s = FhirIngestor.create(opt).ingest(f, r -> { });
    assertEquals(Map.of("Patient", 1L), s.readByType());
    assertEquals(Map.of("too-large", 1L), s.skippedByReason());
    assertEquals(1, s.problems().get(0).where().line());
  }

  @Test
  void ingest_unknownElementStrictVsLenient_strictFailsLenientKeeps(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("Patient.ndjson");
    Files.writeString(f, "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"notAnElement\":1}\n");
    assertEquals(1, FhirIngestor.create(IngestOptions.lenient()).ingest(f, r -> { }).kept());
    assertThrows(FhirIngestException.class, () -> FhirIngestor.create(IngestOptions.strict()).ingest(f, r -> { }));
  }

  @Test
  void ingest_problemMessages_carryNoValuesFromTheInput(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("Patient.ndjson");
    Files.writeString(f, "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"birthDate\":\"SECRET-NOT-A-DATE\"}\n");
    IngestSummary s = FhirIngestor.create(IngestOptions.lenient()).ingest(f, r -> { });
    assertTrue(!s.toJson().contains("SECRET"), s.toJson());
  }
}
