package org.medai.examples.cli;

import java.nio.file.Path;
import java.util.Map;

/** One stage of {@code medai demo}: runs on data it makes itself and reports figures as JSON values. */
interface DemoStep {

  /** Short name, the key of this step in the demo's JSON output. */
  String name();

  /**
   * Runs the step.
   *
   * @param outDir folder for files the step writes (created)
   * @return figures to report (values are numbers, booleans or strings)
   */
  Map<String, Object> run(Path outDir) throws Exception;
}
