package org.medai.examples.cli.nlp;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code medai nlp}: clinical text tools (tokenization). */
@Command(name = "nlp", mixinStandardHelpOptions = true,
    description = "Clinical text: HuggingFace-exact tokenization.",
    subcommands = {NlpTokenizeCommand.class, NlpAnalyzeCommand.class, NlpDeidCommand.class})
public final class NlpCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }
}
