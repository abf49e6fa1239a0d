package org.medai.nlp.context;

import org.medai.nlp.text.Span;

/**
 * A lexicon trigger that modifies a concept, with where it occurs. Immutable, thread-safe.
 *
 * @param category the modifier it sets
 * @param span the trigger phrase's UTF-16 offsets in the note
 */
public record TriggerHit(ContextCategory category, Span span) {}
