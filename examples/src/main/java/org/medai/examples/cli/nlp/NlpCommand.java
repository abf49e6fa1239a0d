package org.medai.examples.cli.nlp;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code medai nlp}: clinical text tools (tokenize, analyze, deid). */
@Command(name = "nlp", mixinStandardHelpOptions = true,
    description = "Clinical text: HuggingFace-exact tokenization, note analysis (sentences, sections, concepts with negation and context) and de-identification.",
    subcommands = {NlpTokenizeCommand.class, NlpAnalyzeCommand.class, NlpDeidCommand.class})
public final class NlpCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }
}
