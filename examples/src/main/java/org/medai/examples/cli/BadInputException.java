package org.medai.examples.cli;

/** A command's input is unusable; the CLI prints the message as one sentence and exits with 3. */
public final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }
}
