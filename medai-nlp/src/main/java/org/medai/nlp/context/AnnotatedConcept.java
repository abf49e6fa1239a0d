package org.medai.nlp.context;

import org.medai.nlp.text.ConceptMatch;

/**
 * A concept mention with its sentence, section and ConText modifiers. Immutable, thread-safe.
 *
 * @param concept the terminology match
 * @param sentenceIndex index of the sentence holding it
 * @param section canonical name of its section, or empty when it precedes every header
 * @param context its modifiers
 */
public record AnnotatedConcept(ConceptMatch concept, int sentenceIndex, String section, ConceptContext context) {}
