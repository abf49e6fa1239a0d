package org.medai.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.medai.core.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code medai demo}: runs what the library can do end to end on data it generates, writing files
 * to an output folder and printing one JSON object with each step's figures.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run medai end to end on generated data; print a JSON summary.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "medai-demo-out")
  Path out;

  /** The demo's stages, in order. Each area of the library adds its own step here. */
  static List<DemoStep> steps() {
    return List.of(
        new CoreDemoStep(),
        new VolumeDemoStep(),
        new SegmentationDemoStep(),
        new EhrDemoStep(),
        new NlpDemoStep());
  }

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(out);
    StringBuilder sb = new StringBuilder("{\"out\":").append(Json.quote(out.toAbsolutePath().toString()));
    for (DemoStep step : steps()) {
      System.err.println("medai demo: " + step.name() + " ...");
      long t0 = System.nanoTime();
      Map<String, Object> figures = step.run(out);
      double ms = (System.nanoTime() - t0) / 1e6;
      sb.append(",").append(Json.quote(step.name())).append(":{");
      boolean first = true;
      for (var e : figures.entrySet()) {
        if (!first) sb.append(',');
        first = false;
        sb.append(Json.quote(e.getKey())).append(':').append(jsonValue(e.getValue()));
      }
      sb.append(first ? "" : ",").append("\"ms\":").append(String.format(java.util.Locale.ROOT, "%.1f", ms)).append('}');
    }
    System.out.println(sb.append('}'));
    return MedaiCli.EXIT_OK;
  }

  static String jsonValue(Object v) {
    if (v == null) return "null";
    if (v instanceof Number || v instanceof Boolean) return v.toString();
    if (v instanceof RawJson r) return r.json();
    return Json.quote(v.toString());
  }

  /** A value that is already JSON (an object or array), inserted as is. */
  record RawJson(String json) {}
}
