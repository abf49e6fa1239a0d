package org.medai.nlp.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medai.nlp.text.ConceptMatch;
import org.medai.nlp.text.ConceptMatcher;
import org.medai.nlp.text.Section;
import org.medai.nlp.text.SectionDetector;
import org.medai.nlp.text.Sentence;
import org.medai.nlp.text.SentenceSplitter;
import org.medai.nlp.text.Span;
import org.medai.nlp.text.Terminology;

/**
 * The clinical text pipeline: sentences, sections, terminology concepts and their ConText
 * modifiers in one call.
 *
 * <p>Section defaults (on unless switched off) add a modifier from the section a concept lies in:
 * {@code family_history} sets the experiencer to family, {@code past_medical_history} and
 * {@code past_surgical_history} set historical; the section header's span is recorded as the
 * trigger.
 *
 * <p>Immutable and thread-safe; build once (it compiles the terminology into a trie) and reuse.
 * Cost is linear in the note length.
 */
public final class NoteAnalyzer {

  private static final Map<String, ContextCategory> SECTION_DEFAULTS = Map.of(
      "family_history", ContextCategory.FAMILY,
      "past_medical_history", ContextCategory.HISTORICAL,
      "past_surgical_history", ContextCategory.HISTORICAL);

  private final SentenceSplitter splitter;
  private final SectionDetector sections;
  private final ConceptMatcher matcher;
  private final ContextAnnotator context;
  private final boolean sectionDefaults;

  private NoteAnalyzer(SentenceSplitter splitter, SectionDetector sections, ConceptMatcher matcher,
                       ContextAnnotator context, boolean sectionDefaults) {
    this.splitter = splitter;
    this.sections = sections;
    this.matcher = matcher;
    this.context = context;
    this.sectionDefaults = sectionDefaults;
  }

  /** The default splitter, section lexicon and context lexicon with the caller's terminology. */
  public static NoteAnalyzer of(Terminology terminology) {
    return new NoteAnalyzer(SentenceSplitter.clinical(), SectionDetector.defaults(), ConceptMatcher.of(terminology),
        ContextAnnotator.defaults(), true);
  }

  /** A fully configured analyzer. */
  public static NoteAnalyzer of(SentenceSplitter splitter, SectionDetector sections, ConceptMatcher matcher,
                                ContextAnnotator context, boolean sectionDefaults) {
    return new NoteAnalyzer(splitter, sections, matcher, context, sectionDefaults);
  }

  public NoteAnalysis analyze(String note) {
    List<Sentence> sentences = splitter.split(note);
    List<Section> secs = sections.detect(note);
    List<AnnotatedConcept> out = new ArrayList<>();
    for (Sentence s : sentences) {
      List<ConceptMatch> found = matcher.match(note, List.of(s));
      if (found.isEmpty()) continue;
      List<Span> spans = new ArrayList<>(found.size());
      for (ConceptMatch m : found) spans.add(m.span());
      List<ConceptContext> ctx = context.annotate(note, s, spans);
      for (int i = 0; i < found.size(); i++) {
        ConceptMatch m = found.get(i);
        Optional<Section> sec = SectionDetector.sectionAt(secs, m.span().start());
        ConceptContext c = ctx.get(i);
        if (sectionDefaults && sec.isPresent()) {
          ContextCategory d = SECTION_DEFAULTS.get(sec.get().name());
          if (d != null && !c.has(d)) c = c.with(d, new TriggerHit(d, sec.get().header()));
        }
        out.add(new AnnotatedConcept(m, s.index(), sec.map(Section::name).orElse(""), c));
      }
    }
    return new NoteAnalysis(note.length(), sentences, secs, out);
  }
}
