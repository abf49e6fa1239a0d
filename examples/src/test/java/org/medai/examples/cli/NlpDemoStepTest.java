package org.medai.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NlpDemoStepTest {

  @Test
  void nlpDemo_syntheticNote_analysedAndNoIdentifierLeft(@TempDir Path dir) throws Exception {
    Map<String, Object> r = new NlpDemoStep().run(dir);
    assertEquals(0L, r.get("identifiersLeft"));
    assertEquals(true, r.get("sameKeySameText"));
    assertTrue((Long) r.get("negatedConcepts") >= 2, r.toString());
    assertTrue((Long) r.get("familyConcepts") >= 2, r.toString());
    assertTrue((Integer) r.get("sections") >= 8, r.toString());
    assertTrue(Files.size(dir.resolve("nlp-analysis.json")) > 100);
    assertTrue(DemoCommand.steps().stream().anyMatch(s -> s.name().equals("nlp")));
  }
}
