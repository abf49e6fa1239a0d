package org.medai.examples.cli.fhir;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code medai fhir}: FHIR R4 ingestion into timelines, cohorts and tensors. */
@Command(name = "fhir", mixinStandardHelpOptions = true,
    description = "FHIR R4 Bundles / Bulk NDJSON to patient timelines, cohorts and model tensors.",
    subcommands = {TimelineCommand.class, CohortCommand.class, TensorsCommand.class})
public final class FhirCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: timeline, cohort or tensors");
  }
}
