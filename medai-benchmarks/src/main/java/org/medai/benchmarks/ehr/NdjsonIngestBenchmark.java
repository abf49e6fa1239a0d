package org.medai.benchmarks.ehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.medai.ehr.fhir.FhirIngestor;
import org.medai.ehr.fhir.IngestOptions;
import org.medai.ehr.fhir.IngestSummary;
import org.medai.ehr.fhir.SyntheticFhir;
import org.medai.ehr.timeline.TimelineCollector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * NDJSON ingestion in resources per second. Baseline (the floor medai builds on): HAPI's plain
 * {@code parseResource} of the same lines already in memory. Measured: medai's streaming ingest of the
 * file (bounded line reading, lenient error handling, summary), and ingest plus timeline extraction.
 * Input: {@value #PATIENTS} generated patients ({@value #RESOURCES} resources), so every figure is per
 * resource.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NdjsonIngestBenchmark {
  static final int PATIENTS = 20;
  /** Resources {@link SyntheticFhir} makes for 20 patients with seed 1 (checked in setup). */
  static final int RESOURCES = 2525;

  Path file;
  List<String> lines;
  IParser hapi;
  FhirIngestor ingestor;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = Files.createTempFile("medai-bench", ".ndjson");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      SyntheticFhir.writeNdjson(w, PATIENTS, 1);
    }
    lines = Files.readAllLines(file);
    if (lines.size() != RESOURCES) throw new IllegalStateException("generator made " + lines.size() + " resources, update RESOURCES");
    hapi = FhirContext.forR4Cached().newJsonParser();
    ingestor = FhirIngestor.create(IngestOptions.lenient());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  @OperationsPerInvocation(RESOURCES)
  public int baselineHapiParseLines() {
    int n = 0;
    for (String l : lines) n += hapi.parseResource(l).getIdElement().getIdPart().length();
    return n;
  }

  @Benchmark
  @OperationsPerInvocation(RESOURCES)
  public long medaiIngestFile() {
    long[] n = {0};
    IngestSummary s = ingestor.ingest(file, r -> n[0]++);
    return n[0] + s.skipped();
  }

  @Benchmark
  @OperationsPerInvocation(RESOURCES)
  public int medaiIngestToTimelines() {
    TimelineCollector c = new TimelineCollector();
    ingestor.ingest(file, c);
    return c.build().size();
  }
}
