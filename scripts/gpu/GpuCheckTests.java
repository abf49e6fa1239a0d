import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs medai-core's ND4J-free tests (tag no-nd4j: the backend conformance suite on every backend,
 * the CUDA probe and NVRTC tests, memory, geometry) and, where the bundle carries them, medai-imaging's
 * CUDA transform tests (device-vs-CPU conformance of resample, reorient, intensity and a pipeline;
 * NVRTC compilation of the imaging kernels) on the JUnit Platform and prints one plain line
 * per test: PASS, FAIL or SKIP, its class and display-name path, and the reason for FAIL and SKIP.
 * Compiled by scripts/gpu-prepare.sh into the GPU bundle, run by scripts/gpu-check.sh. Exit code 1
 * when any test failed.
 */
public final class GpuCheckTests {
  /** Test classes of other modules the GPU check runs when the bundle has them. */
  static final List<String> EXTRA_CLASSES = List.of(
      "org.medai.imaging.internal.transform.cuda.CudaDeviceTransformsTest",
      "org.medai.imaging.internal.transform.cuda.TransformKernelsCompileTest");

  public static void main(String[] args) {
    PrintStream out = System.out;
    List<DiscoverySelector> selectors = new java.util.ArrayList<>(List.of(selectPackage("org.medai.core")));
    for (String c : EXTRA_CLASSES) {
      try {
        Class.forName(c, false, GpuCheckTests.class.getClassLoader());
        selectors.add(selectClass(c));
      } catch (ClassNotFoundException e) {
        out.println("SKIP " + c + ": not in this bundle");
      }
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectors)
        .filters(TagFilter.includeTags("no-nd4j"))
        .build();
    AtomicInteger passed = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    TestExecutionListener listener = new TestExecutionListener() {
      private TestPlan plan;

      @Override
      public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
      }

      @Override
      public void executionSkipped(TestIdentifier id, String reason) {
        if (!id.isTest()) return;
        skipped.incrementAndGet();
        out.println("SKIP " + path(id) + ": " + oneLine(reason));
      }

      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) return;
        String why = result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + oneLine(t.getMessage())).orElse("");
        switch (result.getStatus()) {
          case SUCCESSFUL -> {
            passed.incrementAndGet();
            out.println("PASS " + path(id));
          }
          case ABORTED -> {
            skipped.incrementAndGet();
            out.println("SKIP " + path(id) + ": " + oneLine(result.getThrowable().map(Throwable::getMessage).orElse("")));
          }
          case FAILED -> {
            failed.incrementAndGet();
            out.println("FAIL " + path(id) + ": " + why);
          }
        }
      }

      private String path(TestIdentifier id) {
        Deque<String> parts = new ArrayDeque<>();
        for (TestIdentifier t = id; t != null; t = plan.getParent(t).orElse(null)) {
          if (plan.getParent(t).isEmpty()) break; // the engine itself
          parts.addFirst(t.getDisplayName());
        }
        return String.join(" > ", parts);
      }
    };
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, listener);
    out.printf("%d passed, %d failed, %d skipped%n", passed.get(), failed.get(), skipped.get());
    System.exit(failed.get() > 0 ? 1 : 0);
  }

  private static String oneLine(String s) {
    if (s == null) return "";
    String t = s.replace('\n', ' ').replace('\r', ' ');
    return t.length() > 400 ? t.substring(0, 400) + "..." : t;
  }
}
