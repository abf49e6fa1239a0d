package org.medai.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH benchmarks and prints one table in which every figure stands beside the baseline
 * measured in the same run. Arguments are JMH's own ({@code <regex> -f 1 -wi 2 -i 3 -w 2s -r 2s
 * -p threads=2 ...}); with {@code --table FILE} first, the table is also written to FILE.
 *
 * <p>Conventions a suite follows to plug in (see docs/BENCHMARKS.md): the baseline is the method of
 * the same class whose name starts with {@code baseline}; rows are compared with the baseline row
 * of the same class and the same {@code @Param} values. A benchmark that reports a {@code bytes}
 * secondary metric (see {@link org.medai.benchmarks.core.ByteCounter}) gets an effective-bandwidth
 * column, and its ratio is bandwidth over baseline bandwidth; otherwise the ratio compares speed
 * (throughput over baseline throughput, or baseline time over time). Ratio above 1: faster than
 * the baseline. A benchmark that runs its work and its baseline in every operation reports both
 * through {@link org.medai.benchmarks.core.PairedCounter}: its row shows the work's bandwidth and its
 * ratio to the bandwidth of the baseline parts of the same operations.
 */
public final class BenchmarkReport {
  private BenchmarkReport() {}

  /** One measured row of the table. */
  record Row(String benchmarkClass, String method, String params, String mode, double score, double error,
      String unit, Double bytesPerSecond, Double pairedBaselineBytesPerSecond) {
    String key() {
      return benchmarkClass + "|" + params;
    }
  }

  public static void main(String[] args) throws RunnerException, IOException {
    Path tableFile = null;
    List<String> jmhArgs = new ArrayList<>(List.of(args));
    if (jmhArgs.size() >= 2 && jmhArgs.get(0).equals("--table")) {
      tableFile = Path.of(jmhArgs.get(1));
      jmhArgs = jmhArgs.subList(2, jmhArgs.size());
    }
    CommandLineOptions options;
    try {
      options = new CommandLineOptions(jmhArgs.toArray(String[]::new));
    } catch (CommandLineOptionException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    Collection<RunResult> results = new Runner(options).run();
    String table = table(rows(results));
    System.out.println();
    System.out.print(table);
    if (tableFile != null) Files.writeString(tableFile, table, StandardCharsets.UTF_8);
  }

  static List<Row> rows(Collection<RunResult> results) {
    List<Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      BenchmarkParams p = r.getParams();
      String full = p.getBenchmark();
      int dot = full.lastIndexOf('.');
      StringBuilder params = new StringBuilder();
      for (String k : p.getParamsKeys()) {
        if (params.length() > 0) params.append(' ');
        params.append(k).append('=').append(p.getParam(k));
      }
      Result primary = r.getPrimaryResult();
      Map<String, Result> secondary = r.getSecondaryResults();
      Result bytes = secondary.get("bytes");
      Double bps = bytes == null ? null : bytes.getScore() / secondsPer(bytes.getScoreUnit());
      Double pairedBase = null;
      if (secondary.containsKey("pairedBytes")) {
        // PairedCounter totals: both parts of the same operations
        bps = rate(secondary, "pairedBytes", "pairedNanos");
        pairedBase = rate(secondary, "pairedBaselineBytes", "pairedBaselineNanos");
      }
      rows.add(new Row(full.substring(0, dot), full.substring(dot + 1), params.toString(), p.getMode().shortLabel(),
          primary.getScore(), primary.getScoreError(), primary.getScoreUnit(), bps, pairedBase));
    }
    return rows;
  }

  /** The table: one line per row, grouped by class and parameters, baseline first. */
  static String table(List<Row> rows) {
    Map<String, List<Row>> groups = new LinkedHashMap<>();
    for (Row r : rows) groups.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "# %d CPUs visible, Java %s, %s; one JMH run, baselines measured in the same run%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("os.name")));
    String fmt = "%-28s %-24s %-14s %24s %12s %10s%n";
    sb.append(String.format(Locale.ROOT, fmt, "class", "benchmark", "params", "score", "GB/s", "vs base"));
    if (rows.isEmpty()) sb.append("(no results: every benchmark failed or none matched; see JMH's output)\n");
    for (List<Row> g : groups.values()) {
      Row base = g.stream().filter(r -> r.method().startsWith("baseline")).findFirst().orElse(null);
      g.sort((a, b) -> Boolean.compare(!a.method().startsWith("baseline"), !b.method().startsWith("baseline")));
      for (Row r : g) {
        String cls = r.benchmarkClass().substring(r.benchmarkClass().lastIndexOf('.') + 1);
        String score = String.format(Locale.ROOT, "%.3f ± %.3f %s", r.score(), r.error(), r.unit());
        String gbs = r.bytesPerSecond() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.bytesPerSecond() / 1e9);
        String ratio = base == null ? "no base" : String.format(Locale.ROOT, "%.2f", ratio(r, base));
        sb.append(String.format(Locale.ROOT, fmt, cls, r.method(), r.params().isEmpty() ? "-" : r.params(), score, gbs, ratio));
      }
    }
    return sb.toString();
  }

  /** Bytes per second from two {@link org.medai.benchmarks.core.PairedCounter} totals. */
  private static double rate(Map<String, Result> secondary, String bytes, String nanos) {
    return secondary.get(bytes).getScore() / (secondary.get(nanos).getScore() * 1e-9);
  }

  static double ratio(Row r, Row base) {
    if (r.bytesPerSecond() != null && r.pairedBaselineBytesPerSecond() != null) {
      return r.bytesPerSecond() / r.pairedBaselineBytesPerSecond();
    }
    if (r.bytesPerSecond() != null && base.bytesPerSecond() != null) return r.bytesPerSecond() / base.bytesPerSecond();
    boolean timeMode = r.unit().contains("/op");
    return timeMode ? base.score() / r.score() : r.score() / base.score();
  }

  /** Seconds in the time unit of a JMH rate unit such as {@code ops/s} or {@code ops/ms}. */
  static double secondsPer(String unit) {
    String u = unit.substring(unit.indexOf('/') + 1);
    return switch (u) {
      case "s" -> 1;
      case "ms" -> 1e-3;
      case "us" -> 1e-6;
      case "ns" -> 1e-9;
      case "min" -> 60;
      default -> throw new IllegalArgumentException("unexpected JMH unit " + unit);
    };
  }

}
