package org.medai.examples.cli.dicom;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code medai dicom}: inspect, export and de-identify DICOM files. */
@Command(name = "dicom", mixinStandardHelpOptions = true,
    description = "DICOM files: dump attributes as JSON, export pixels as .npy, de-identify.",
    subcommands = {DicomDumpCommand.class, DicomPixelsCommand.class, DicomDeidCommand.class})
public final class DicomCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a dicom subcommand is required (dump, pixels, deid)");
  }
}
