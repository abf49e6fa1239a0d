package org.medai.examples.cli.nlp;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medai.nlp.context.ContextAnnotator;
import org.medai.nlp.context.NoteAnalysis;
import org.medai.nlp.context.NoteAnalyzer;
import org.medai.nlp.text.ConceptMatcher;
import org.medai.nlp.text.SectionDetector;
import org.medai.nlp.text.SectionLexicon;
import org.medai.nlp.text.SentenceSplitter;
import org.medai.nlp.text.Terminology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code medai nlp analyze NOTE.txt}: sentences, sections and terminology concepts with their
 * ConText modifiers (negated, possible, hypothetical, historical, experiencer), as one JSON object.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Split a clinical note into sentences and sections, find terminology concepts and their context; print JSON.")
public final class NlpAnalyzeCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NOTE", description = "UTF-8 note file, or - for standard input.")
  Path note;

  @Option(names = "--terminology", paramLabel = "FILE",
      description = "Concept rows code<TAB>term (or code,term). Default: a small ICD-10-CM demo terminology.")
  Path terminology;

  @Option(names = "--sections", paramLabel = "FILE",
      description = "Extra section headers name<TAB>header form, added to the default lexicon.")
  Path sections;

  @Option(names = "--no-section-defaults", description = "Do not mark concepts in family/past history sections as family/historical.")
  boolean noSectionDefaults;

  @Option(names = "--no-text", description = "Print offsets only, without sentence and concept text.")
  boolean noText;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String text = NoteFiles.read(note, System.in);
    Terminology t;
    if (terminology == null) {
      t = Terminology.demo();
    } else {
      try (Reader r = Files.newBufferedReader(terminology, StandardCharsets.UTF_8)) {
        t = Terminology.parse(r, terminology.getFileName().toString());
      }
    }
    SectionLexicon lex = SectionLexicon.defaults();
    if (sections != null) {
      try (Reader r = Files.newBufferedReader(sections, StandardCharsets.UTF_8)) {
        lex = lex.plus(SectionLexicon.parse(r, sections.getFileName().toString()));
      }
    }
    NoteAnalyzer analyzer = NoteAnalyzer.of(SentenceSplitter.clinical(), new SectionDetector(lex), ConceptMatcher.of(t),
        ContextAnnotator.defaults(), !noSectionDefaults);
    NoteAnalysis a = analyzer.analyze(text);
    PrintWriter out = spec.commandLine().getOut();
    out.println(a.toJson(noText ? null : text));
    out.flush();
    return 0;
  }
}
