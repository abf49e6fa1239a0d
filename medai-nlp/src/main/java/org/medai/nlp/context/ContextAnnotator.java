package org.medai.nlp.context;

import java.util.List;
import org.medai.core.InvalidArgumentException;
import org.medai.nlp.internal.context.ContextEngine;
import org.medai.nlp.text.Sentence;
import org.medai.nlp.text.Span;

/**
 * NegEx/ConText: decides whether each concept mention in a sentence is negated, possible,
 * hypothetical, historical, or experienced by someone other than the patient.
 *
 * <p>Scope rules: a forward trigger modifies what follows it, a backward trigger what precedes
 * it, up to the first termination phrase that closes the trigger's category, at most
 * {@code forwardWindow} (or {@code backwardWindow}) words, and never beyond the sentence.
 * Pseudo-triggers ("no increase", "gram negative") are matched first and modify nothing.
 *
 * <p>Immutable and thread-safe; building parses the lexicon once (reuse the instance). Cost per
 * sentence is linear in its length times the longest phrase, plus triggers times targets.
 */
public final class ContextAnnotator {

  /** Default forward scope in words: long enough for ROS lists ("denies fever, chills, ..."). */
  public static final int DEFAULT_FORWARD_WINDOW = 15;
  /** Default backward scope in words. */
  public static final int DEFAULT_BACKWARD_WINDOW = 6;
  private static volatile ContextAnnotator defaults;

  private final ContextEngine engine;

  private ContextAnnotator(ContextLexicon lexicon, int forwardWindow, int backwardWindow) {
    if (forwardWindow < 1 || backwardWindow < 1) {
      throw new InvalidArgumentException("MEDAI-NLPTEXT-032",
          "context windows must be at least 1 word; got forward " + forwardWindow + ", backward " + backwardWindow);
    }
    this.engine = new ContextEngine(lexicon, forwardWindow, backwardWindow);
  }

  /** The default lexicon and windows. */
  public static ContextAnnotator defaults() {
    ContextAnnotator d = defaults;
    if (d == null) {
      d = new ContextAnnotator(ContextLexicon.defaults(), DEFAULT_FORWARD_WINDOW, DEFAULT_BACKWARD_WINDOW);
      defaults = d;
    }
    return d;
  }

  /** An annotator with the caller's lexicon and windows (in words). */
  public static ContextAnnotator of(ContextLexicon lexicon, int forwardWindow, int backwardWindow) {
    return new ContextAnnotator(lexicon, forwardWindow, backwardWindow);
  }

  /**
   * Modifiers for each target inside {@code sentence}, in the order of {@code targets}.
   *
   * @param text the note the sentence was split from
   * @param targets concept spans (UTF-16 offsets into {@code text}) inside the sentence
   */
  public List<ConceptContext> annotate(String text, Sentence sentence, List<Span> targets) {
    for (Span t : targets) {
      if (!sentence.contains(t)) {
        throw new InvalidArgumentException("MEDAI-NLPTEXT-033", "target span " + t
            + " lies outside sentence [" + sentence.start() + ", " + sentence.end() + "); pass targets of this sentence only");
      }
    }
    return engine.annotate(text, sentence.start(), sentence.end(), targets);
  }

  /** Modifiers of one target, treating all of {@code sentence} as one sentence. */
  public ConceptContext annotate(String sentence, Span target) {
    return annotate(sentence, new Sentence(0, 0, sentence.length()), List.of(target)).get(0);
  }
}
