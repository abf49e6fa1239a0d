package org.medai.benchmarks.nlp;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medai.core.concurrent.WorkPool;
import org.medai.nlp.tokenize.Encoding;
import org.medai.nlp.tokenize.Tokenizer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Tokenization throughput on every Synthea clinical note in shared data with bert-base-uncased:
 * medai's pure-Java tokenizer on one thread and on all threads, beside DJL's native (Rust, JNI)
 * HuggingFace tokenizer single-threaded and batched, in the same run. One operation encodes the
 * whole note corpus; the {@code megabytes} counter reports MB/s of UTF-8 input (JMH prints it as a
 * rate). Needs {@code -Dmedai.shared.data} (default {@code ../shared/data}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenizerBenchmark {

  /** The notes and both tokenizers, built once per trial. */
  @State(Scope.Benchmark)
  public static class Corpus {
    List<String> notes;
    double megabytes;
    Tokenizer medai;
    HuggingFaceTokenizer djl;
    WorkPool pool;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      Path shared = Path.of(System.getProperty("medai.shared.data", "../shared/data"));
      Path json = shared.resolve("nlp/bert-base-uncased.tokenizer.json");
      notes = syntheaNotes(shared);
      long bytes = 0;
      for (String n : notes) bytes += n.getBytes(StandardCharsets.UTF_8).length;
      megabytes = bytes / 1e6;
      medai = Tokenizer.fromFile(json);
      djl = HuggingFaceTokenizer.newInstance(json, Map.of("truncation", "false", "padding", "false"));
      pool = WorkPool.ofAvailableProcessors();
      System.out.printf("%n[corpus] %d notes, %.3f MB UTF-8, %d threads%n", notes.size(), megabytes, pool.threads());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      djl.close();
      pool.close();
    }
  }

  /** Reports input megabytes processed; JMH turns it into MB/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Throughput {
    public double megabytes;
  }

  @Benchmark
  public long medaiOneThread(Corpus c, Throughput t) {
    long tokens = 0;
    for (String n : c.notes) tokens += c.medai.encode(n).length();
    t.megabytes += c.megabytes;
    return tokens;
  }

  @Benchmark
  public long medaiAllThreads(Corpus c, Throughput t) {
    long tokens = 0;
    for (Encoding e : c.medai.encodeBatch(c.notes, true, c.pool)) tokens += e.length();
    t.megabytes += c.megabytes;
    return tokens;
  }

  @Benchmark
  public long djlOneThread(Corpus c, Throughput t) {
    long tokens = 0;
    for (String n : c.notes) tokens += c.djl.encode(n).getIds().length;
    t.megabytes += c.megabytes;
    return tokens;
  }

  @Benchmark
  public long djlBatchAllThreads(Corpus c, Throughput t) {
    long tokens = 0;
    for (ai.djl.huggingface.tokenizers.Encoding e : c.djl.batchEncode(c.notes)) tokens += e.getIds().length;
    t.megabytes += c.megabytes;
    return tokens;
  }

  private static final Pattern DATA =
      Pattern.compile("\"attachment\"\\s*:\\s*\\{[^}]*?\"data\"\\s*:\\s*\"([A-Za-z0-9+/=\\\\n]*)\"");

  /** Every DocumentReference attachment of the Synthea bundles and NDJSON export. */
  static List<String> syntheaNotes(Path shared) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(shared.resolve("fhir/synthea/bundles"), "*.json")) {
      ds.forEach(files::add);
    }
    files.sort(null);
    files.add(shared.resolve("fhir/synthea/ndjson/DocumentReference.ndjson"));
    List<String> notes = new ArrayList<>();
    for (Path f : files) {
      String s = Files.readString(f);
      // DocumentReference.content.attachment.data (DiagnosticReport.presentedForm has no "attachment").
      Matcher m = DATA.matcher(s);
      while (m.find()) {
        byte[] b = Base64.getMimeDecoder().decode(m.group(1).replace("\\n", ""));
        notes.add(new String(b, StandardCharsets.UTF_8));
      }
    }
    return notes;
  }
}
