package org.medai.nlp.context;

/** The ConText modifiers medai-nlp assigns to a concept. */
public enum ContextCategory {
  /** The condition is absent ("denies chest pain"). */
  NEGATED,
  /** The condition is uncertain ("possible pneumonia", "cannot rule out PE"). */
  POSSIBLE,
  /** The condition is mentioned as something that may happen ("return if fever develops"). */
  HYPOTHETICAL,
  /** The condition happened in the past ("history of MI", "s/p CABG"). */
  HISTORICAL,
  /** Someone other than the patient has it ("mother with breast cancer"). */
  FAMILY
}
