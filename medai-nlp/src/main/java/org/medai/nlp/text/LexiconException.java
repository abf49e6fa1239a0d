package org.medai.nlp.text;

import org.medai.core.MedaiException;

/**
 * A lexicon or terminology (section headers, triggers, abbreviations, concept rows) is malformed or
 * missing. The message names the source and line number, never its clinical content beyond that.
 */
public class LexiconException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public LexiconException(String code, String message) {
    super(code, message);
  }
}
