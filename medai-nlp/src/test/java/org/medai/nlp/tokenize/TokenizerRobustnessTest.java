package org.medai.nlp.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Untrusted input: random text never breaks encoding invariants; corrupted files fail cleanly. */
class TokenizerRobustnessTest {

  private static Path json() {
    Path shared = ParityCorpus.sharedData();
    Path p = shared == null ? null : shared.resolve("nlp/bert-base-uncased.tokenizer.json");
    assumeTrue(p != null && Files.isRegularFile(p), "shared data (nlp/bert-base-uncased.tokenizer.json) not found");
    return p;
  }

  @Test
  void encode_randomCodePointsAndLoneSurrogates_offsetsStayOrderedAndInBounds() throws Exception {
    Tokenizer t = Tokenizer.fromFile(json()).withTruncation(Truncation.of(24, 4));
    Random rnd = new Random(1);
    for (int n = 0; n < 1500; n++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(60);
      for (int i = 0; i < len; i++) {
        int kind = rnd.nextInt(6);
        if (kind == 0) sb.append((char) (0xD800 + rnd.nextInt(0x800))); // lone surrogate
        else if (kind == 1) sb.appendCodePoint(0x10000 + rnd.nextInt(0x10000));
        else if (kind == 2) sb.append((char) rnd.nextInt(0x80));
        else sb.append((char) rnd.nextInt(0xD800));
      }
      String s = sb.toString();
      Encoding e = t.encode(s);
      for (Encoding w = e; w != null; ) {
        int[] spec = w.specialTokensMask();
        int prevStart = 0;
        for (int i = 0; i < w.length(); i++) {
          if (spec[i] == 1) continue;
          assertTrue(w.startUtf16(i) <= w.endUtf16(i) && w.endUtf16(i) <= s.length(), "bounds, text " + n);
          assertTrue(w.startUtf16(i) >= prevStart, "order, text " + n);
          assertTrue(w.startCodePoint(i) <= w.startUtf16(i), "code points <= UTF-16 units, text " + n);
          prevStart = w.startUtf16(i);
        }
        w = null;
      }
      assertEquals(24, Math.max(24, e.length()));
    }
  }

  @Test
  void fromJson_corruptedBytes_failWithTokenizerExceptionOnly() throws Exception {
    String good = Files.readString(json());
    // a small but complete tokenizer.json: the file's components with a 200-entry vocabulary
    String model = good.substring(good.indexOf("\"model\""));
    int cut = model.indexOf("\"[unused199]\"");
    String head = good.substring(0, good.indexOf("\"model\"")) + model.substring(0, model.indexOf(',', cut)) + "}}}";
    Tokenizer.fromJson(head); // the uncorrupted document loads
    Random rnd = new Random(5);
    int failures = 0;
    for (int n = 0; n < 300; n++) {
      StringBuilder sb = new StringBuilder(head);
      int edits = 1 + rnd.nextInt(4);
      for (int k = 0; k < edits; k++) {
        int at = rnd.nextInt(sb.length());
        switch (rnd.nextInt(3)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, "{[\",:0-e}]\\".charAt(rnd.nextInt(11)));
          default -> sb.setCharAt(at, (char) (' ' + rnd.nextInt(90)));
        }
      }
      try {
        Tokenizer.fromJson(sb.toString());
      } catch (TokenizerException expected) {
        failures++;
      }
    }
    assertTrue(failures > 0);
  }
}
