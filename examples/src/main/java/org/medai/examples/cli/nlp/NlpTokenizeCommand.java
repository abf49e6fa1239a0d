package org.medai.examples.cli.nlp;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medai.core.Json;
import org.medai.examples.cli.BadInputException;
import org.medai.examples.cli.MedaiCli;
import org.medai.nlp.tokenize.Encoding;
import org.medai.nlp.tokenize.Tokenizer;
import org.medai.nlp.tokenize.Truncation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code medai nlp tokenize}: JSON lines in, one JSON line of ids, tokens and offsets out per input line. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
    description = {
        "Tokenize JSON lines from stdin with a HuggingFace tokenizer.json (pure Java, no native code).",
        "Input: one object per line with a \"text\" member, e.g. {\"text\": \"Chest pain.\"}.",
        "Output: one line per input line: {\"ids\": [...], \"tokens\": [...], \"offsets\": [[start, end], ...]}, "
            + "offsets in UTF-16 code units of the input text (Java/JavaScript string indices), "
            + "special tokens at [0, 0]. Blank input lines give blank output lines.",
        "With --max-length, a text longer than the window is cut: the line holds the first window and an "
            + "\"overflow\" array of further windows, each {\"ids\", \"tokens\", \"offsets\"} with its own "
            + "special tokens, consecutive windows sharing --stride tokens."})
public final class NlpTokenizeCommand implements Callable<Integer> {

  @Option(names = "--tokenizer", required = true, paramLabel = "FILE",
      description = "HuggingFace tokenizer.json, or a BERT vocab.txt (then --lowercase says the casing).")
  Path tokenizer;

  @Option(names = "--max-length", paramLabel = "N",
      description = "Tokens per window including special tokens; longer texts overflow into more windows.")
  Integer maxLength;

  @Option(names = "--stride", paramLabel = "S", defaultValue = "0",
      description = "Tokens shared by consecutive windows (needs --max-length; default 0).")
  int stride;

  @Option(names = "--no-special-tokens", description = "Leave out [CLS]/[SEP] (or <s>/</s>).")
  boolean noSpecial;

  @Option(names = "--lowercase", negatable = true, defaultValue = "true",
      description = "For vocab.txt only: lower-case and strip accents (default true; use --no-lowercase for cased models).")
  boolean lowercase;

  @Override
  public Integer call() throws IOException {
    if (maxLength == null && stride != 0) throw new BadInputException("--stride needs --max-length");
    if (!Files.isRegularFile(tokenizer)) throw new BadInputException("tokenizer file not found: " + tokenizer);
    Tokenizer tok = tokenizer.getFileName().toString().endsWith(".txt")
        ? Tokenizer.fromVocabTxt(tokenizer, lowercase)
        : Tokenizer.fromFile(tokenizer);
    for (String w : tok.warnings()) System.err.println("medai: warning: " + w);
    if (maxLength != null) tok = tok.withTruncation(Truncation.of(maxLength, stride));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    String line;
    long lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        out.write('\n');
        continue;
      }
      String text;
      try {
        text = JsonLineText.text(line);
      } catch (IllegalArgumentException ex) {
        throw new BadInputException("input line " + lineNo + " is not valid JSON: " + ex.getMessage());
      }
      if (text == null) {
        throw new BadInputException("input line " + lineNo + " has no string \"text\" member; expected {\"text\": ...}");
      }
      Encoding e = tok.encode(text, !noSpecial);
      StringBuilder sb = new StringBuilder(text.length() * 2 + 64);
      window(e, sb);
      if (!e.overflowing().isEmpty()) {
        sb.setLength(sb.length() - 1);
        sb.append(",\"overflow\":[");
        for (int i = 0; i < e.overflowing().size(); i++) {
          if (i > 0) sb.append(',');
          window(e.overflowing().get(i), sb);
        }
        sb.append("]}");
      }
      out.write(sb.toString());
      out.write('\n');
    }
    out.flush();
    return MedaiCli.EXIT_OK;
  }

  private static void window(Encoding e, StringBuilder sb) {
    sb.append("{\"ids\":[");
    for (int i = 0; i < e.length(); i++) {
      if (i > 0) sb.append(',');
      sb.append(e.id(i));
    }
    sb.append("],\"tokens\":[");
    for (int i = 0; i < e.length(); i++) {
      if (i > 0) sb.append(',');
      sb.append(Json.quote(e.token(i)));
    }
    sb.append("],\"offsets\":[");
    for (int i = 0; i < e.length(); i++) {
      if (i > 0) sb.append(',');
      sb.append('[').append(e.startUtf16(i)).append(',').append(e.endUtf16(i)).append(']');
    }
    sb.append("]}");
  }
}
