package org.medai.examples.cli.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.MedaiException;
import picocli.CommandLine;

class NlpCommandsTest {

  private static final String NOTE = "HPI: Mr. Haddad denies chest pain. Possible pneumonia.\n"
      + "Family History: Mother with breast cancer.\nSeen 01/02/2020, call 617-555-0100.\n";

  private record Run(int exit, String out, Throwable error) {}

  private static Run run(Object command, String... args) {
    StringWriter sw = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(sw));
    AtomicReference<Throwable> err = new AtomicReference<>();
    cl.setExecutionExceptionHandler((ex, c, p) -> {
      err.set(ex);
      return 3;
    });
    cl.setErr(new PrintWriter(new StringWriter()));
    int exit = cl.execute(args);
    return new Run(exit, sw.toString(), err.get());
  }

  @Test
  void analyze_note_printsSentencesSectionsAndConceptContext(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("note.txt");
    Files.writeString(f, NOTE, StandardCharsets.UTF_8);
    Run r = run(new NlpAnalyzeCommand(), f.toString());
    assertEquals(0, r.exit());
    String json = r.out();
    assertTrue(json.startsWith("{\"length\":" + NOTE.length()));
    assertTrue(json.contains("\"name\":\"history_of_present_illness\""));
    assertTrue(json.contains("\"name\":\"family_history\""));
    assertTrue(json.contains("\"code\":\"R07.9\",\"term\":\"chest pain\""));
    int cp = json.indexOf("\"term\":\"chest pain\"");
    assertTrue(json.indexOf("\"negated\":true", cp) > cp && json.indexOf("\"negated\":true", cp) < json.indexOf("}", cp) + 400);
    int bc = json.indexOf("\"term\":\"breast cancer\"");
    assertTrue(json.substring(bc).contains("\"experiencer\":\"family\""));
    Run noText = run(new NlpAnalyzeCommand(), f.toString(), "--no-text");
    assertFalse(noText.out().contains("Haddad"));
  }

  @Test
  void analyze_customTerminology_usesIt(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("note.txt");
    Files.writeString(f, "No aortic stenosis.", StandardCharsets.UTF_8);
    Path t = dir.resolve("t.tsv");
    Files.writeString(t, "X1\taortic stenosis\n", StandardCharsets.UTF_8);
    Run r = run(new NlpAnalyzeCommand(), f.toString(), "--terminology", t.toString());
    assertTrue(r.out().contains("\"code\":\"X1\"") && r.out().contains("\"negated\":true"), r.out());
  }

  @Test
  void deid_note_replacesPhiAndPrintsAuditWithoutOriginals(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("note.txt");
    Files.writeString(f, NOTE, StandardCharsets.UTF_8);
    Run a = run(new NlpDeidCommand(), f.toString(), "--patient-key", "k-000000001");
    Run b = run(new NlpDeidCommand(), f.toString(), "--patient-key", "k-000000001");
    Run c = run(new NlpDeidCommand(), f.toString(), "--patient-key", "k-000000002");
    assertEquals(0, a.exit());
    assertEquals(a.out(), b.out());
    assertFalse(a.out().equals(c.out()));
    for (String phi : new String[] {"Haddad", "01/02/2020", "555-0100"}) assertFalse(a.out().contains(phi));
    assertTrue(a.out().contains("\"audit\":[{\"type\":"));
    Run textOnly = run(new NlpDeidCommand(), f.toString(), "--patient-key", "k-000000001", "--text-only");
    assertTrue(textOnly.out().startsWith("HPI: Mr. "));
  }

  @Test
  void deid_shortKeyOrMissingFile_failsWithMedaiOrIoError(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("note.txt");
    Files.writeString(f, NOTE, StandardCharsets.UTF_8);
    Run shortKey = run(new NlpDeidCommand(), f.toString(), "--patient-key", "abc");
    assertEquals(3, shortKey.exit());
    assertTrue(shortKey.error() instanceof MedaiException);
    Run missing = run(new NlpDeidCommand(), dir.resolve("nope.txt").toString(), "--patient-key", "k-000000001");
    assertTrue(missing.error() instanceof java.nio.file.NoSuchFileException);
    assertEquals(2, new CommandLine(new NlpDeidCommand()).setErr(new PrintWriter(new StringWriter())).execute(f.toString()));
  }
}
