package org.medai.ehr.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/data (system property {@code medai.shared.data}); tests skip when it is absent. */
public final class SharedData {
  private SharedData() {}

  public static Path synthea() {
    String root = System.getProperty("medai.shared.data");
    assumeTrue(root != null, "system property medai.shared.data is not set; run through Maven (surefire sets it)");
    Path p = Path.of(root, "fhir", "synthea");
    assumeTrue(Files.isDirectory(p), "shared data " + p + " is absent; see shared/data/README.md for Synthea");
    return p;
  }

  public static Path bundles() {
    return synthea().resolve("bundles");
  }

  public static Path ndjson() {
    return synthea().resolve("ndjson");
  }
}
