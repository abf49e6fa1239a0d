package org.medai.nlp.tokenize;

import org.medai.core.MedaiException;

/**
 * A tokenizer definition could not be loaded or a request cannot be honoured (bad
 * {@code tokenizer.json}, unsupported component, invalid truncation settings). Codes are
 * {@code MEDAI-TOK-NNN}. Messages name the component or field and never contain input text.
 */
public class TokenizerException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public TokenizerException(String code, String message) {
    super(code, message);
  }

  public TokenizerException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
