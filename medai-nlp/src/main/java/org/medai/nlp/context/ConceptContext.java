package org.medai.nlp.context;

import java.util.List;

/**
 * The ConText modifiers of one concept mention. Immutable, thread-safe.
 *
 * @param negated the condition is stated as absent
 * @param possible the condition is uncertain
 * @param hypothetical the condition may happen in the future
 * @param historical the condition happened in the past
 * @param experiencer who has the condition
 * @param triggers the triggers (and section defaults, with the section header's span) that set the flags
 */
public record ConceptContext(boolean negated, boolean possible, boolean hypothetical, boolean historical,
                             Experiencer experiencer, List<TriggerHit> triggers) {

  /** Affirmed, current, the patient's, no triggers. */
  public static final ConceptContext DEFAULT =
      new ConceptContext(false, false, false, false, Experiencer.PATIENT, List.of());

  public ConceptContext {
    triggers = List.copyOf(triggers);
  }

  /** True when the given modifier is set. */
  public boolean has(ContextCategory c) {
    return switch (c) {
      case NEGATED -> negated;
      case POSSIBLE -> possible;
      case HYPOTHETICAL -> hypothetical;
      case HISTORICAL -> historical;
      case FAMILY -> experiencer == Experiencer.FAMILY;
    };
  }

  /** This context with modifier {@code c} set by {@code hit}. */
  public ConceptContext with(ContextCategory c, TriggerHit hit) {
    List<TriggerHit> t = new java.util.ArrayList<>(triggers);
    t.add(hit);
    return new ConceptContext(negated || c == ContextCategory.NEGATED, possible || c == ContextCategory.POSSIBLE,
        hypothetical || c == ContextCategory.HYPOTHETICAL, historical || c == ContextCategory.HISTORICAL,
        c == ContextCategory.FAMILY ? Experiencer.FAMILY : experiencer, t);
  }
}
