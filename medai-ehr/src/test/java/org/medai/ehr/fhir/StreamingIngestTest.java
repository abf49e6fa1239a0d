package org.medai.ehr.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.ehr.testing.SharedData;

/** A bundle of over 40 MB (HAPI would need several times that as objects) streams through a JVM limited to 256 MiB. */
class StreamingIngestTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final int REPLICAS = 6;

  @Test
  void ingest_40MbBundleInForkedJvmWith256MbHeap_countsEqualReplicatedOracle(@TempDir Path dir) throws Exception {
    List<Path> sources;
    try (Stream<Path> st = Files.list(SharedData.bundles())) {
      sources = st.sorted().toList();
    }
    Path big = dir.resolve("big-bundle.json");
    Map<String, Long> expected = new TreeMap<>();
    try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
      w.write("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
      boolean first = true;
      List<JsonNode> trees = new java.util.ArrayList<>();
      for (Path src : sources) trees.add(M.readTree(src.toFile()));
      for (int r = 0; r < REPLICAS; r++) {
        for (JsonNode tree : trees) {
          for (JsonNode e : tree.path("entry")) {
            expected.merge(e.path("resource").path("resourceType").asText(), 1L, Long::sum);
            if (!first) w.write(",\n");
            first = false;
            w.write(freshIds(M.writeValueAsString(e), r));
          }
        }
      }
      w.write("]}");
    }
    long bytes = Files.size(big);
    assertTrue(bytes >= 40L << 20, "generated bundle is only " + bytes + " bytes");

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", StreamingIngestMain.class.getName(), big.toString())
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    if (p.exitValue() != 0) {
      List<String> err = Files.readAllLines(dir.resolve("stderr.txt"));
      throw new AssertionError("forked ingest exited with " + p.exitValue() + ": "
          + String.join("\n", err.subList(Math.max(0, err.size() - 15), err.size())));
    }
    JsonNode result = M.readTree(new String(out, StandardCharsets.UTF_8));
    assertTrue(result.path("maxHeap").asLong() <= 256L << 20);
    Map<String, Long> read = new TreeMap<>();
    result.path("summary").path("readByType").fields().forEachRemaining(f -> read.put(f.getKey(), f.getValue().asLong()));
    assertEquals(expected, read);
    assertEquals(6 * REPLICAS, result.path("patients").asInt());
  }

  /** Replica {@code r} of an entry: every uuid (ids, fullUrls, references) gets a replica prefix, so replicas are distinct patients. */
  private static String freshIds(String json, int r) {
    Matcher m = UUID.matcher(json);
    StringBuilder sb = new StringBuilder(json.length() + 256);
    while (m.find()) m.appendReplacement(sb, "r" + r + m.group().substring(2));
    m.appendTail(sb);
    return sb.toString();
  }
}
