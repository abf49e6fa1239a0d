package org.medai.examples.cli.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.medai.examples.cli.MedaiCli;

/** {@code medai nlp tokenize}: JSON lines in and out, overflow windows, exit codes. */
class NlpTokenizeCommandTest {

  private static Path tokenizerJson() {
    String shared = System.getProperty("medai.shared.data");
    Path p = shared == null ? null : Path.of(shared, "nlp/bert-base-uncased.tokenizer.json");
    assumeTrue(p != null && Files.isRegularFile(p), "shared data (nlp/bert-base-uncased.tokenizer.json) not found");
    return p;
  }

  private static String[] run(String stdin, String... args) {
    InputStream in = System.in;
    PrintStream out = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      int rc = MedaiCli.execute(args);
      return new String[] {String.valueOf(rc), buf.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setIn(in);
      System.setOut(out);
    }
  }

  @Test
  void tokenize_jsonLines_oneOutputLinePerInputLine() {
    Path tok = tokenizerJson();
    String[] r = run("{\"text\": \"Chest pain.\"}\n\n{\"id\": 2, \"text\": \"Caf\\u00e9\"}\n",
        "nlp", "tokenize", "--tokenizer", tok.toString());
    assertEquals("0", r[0]);
    String[] lines = r[1].split("\n", -1);
    assertEquals(4, lines.length); // three lines and the final newline
    assertEquals("{\"ids\":[101,3108,3255,1012,102],\"tokens\":[\"[CLS]\",\"chest\",\"pain\",\".\",\"[SEP]\"],"
        + "\"offsets\":[[0,0],[0,5],[6,10],[10,11],[0,0]]}", lines[0]);
    assertEquals("", lines[1]);
    assertTrue(lines[2].contains("\"cafe\""));
  }

  @Test
  void tokenize_maxLengthAndStride_writesOverflowWindows() {
    Path tok = tokenizerJson();
    String[] r = run("{\"text\": \"one two three four five six seven eight\"}\n",
        "nlp", "tokenize", "--tokenizer", tok.toString(), "--max-length", "6", "--stride", "1");
    assertEquals("0", r[0]);
    assertTrue(r[1].contains("\"overflow\":[{\"ids\":[101,2176,"), r[1]);
  }

  @Test
  void tokenize_notJson_exitsWithBadInput() {
    Path tok = tokenizerJson();
    assertEquals("3", run("not json\n", "nlp", "tokenize", "--tokenizer", tok.toString())[0]);
    assertEquals("3", run("{\"note\": \"x\"}\n", "nlp", "tokenize", "--tokenizer", tok.toString())[0]);
  }

  @Test
  void tokenize_strideWithoutMaxLength_exitsWithBadInput() {
    Path tok = tokenizerJson();
    assertEquals("3", run("{\"text\":\"x\"}\n", "nlp", "tokenize", "--tokenizer", tok.toString(), "--stride", "2")[0]);
  }
}
