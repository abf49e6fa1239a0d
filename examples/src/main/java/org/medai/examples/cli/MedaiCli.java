package org.medai.examples.cli;

import java.io.PrintWriter;
import org.medai.core.MedaiException;
import org.medai.core.MedaiVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code medai} command-line tool: a host application built on the library. Subcommands print
 * JSON (or JSON lines) on stdout and messages on stderr. Exit codes: 0 done, 2 usage, 3 bad input,
 * 4 internal error.
 */
@Command(
    name = "medai",
    mixinStandardHelpOptions = true,
    versionProvider = MedaiCli.Version.class,
    description = "Clinical AI on the JVM: imaging, EHR and clinical text.",
    subcommands = {
        InfoCommand.class,
        DemoCommand.class,
        org.medai.examples.cli.dicom.DicomCommand.class,
        org.medai.examples.cli.volume.VolumeCommand.class,
        org.medai.examples.cli.segment.SegmentCommand.class,
        org.medai.examples.cli.nlp.NlpCommand.class,
        org.medai.examples.cli.transform.ResampleCommand.class,
        org.medai.examples.cli.transform.ReorientCommand.class,
        org.medai.examples.cli.fhir.FhirCommand.class,
    })
public final class MedaiCli implements Runnable {

  public static final int EXIT_OK = 0;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_BAD_INPUT = 3;
  public static final int EXIT_INTERNAL = 4;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the tool with the given arguments and returns the exit code (for tests and embedding). */
  public static int execute(String... args) {
    return newCommandLine().execute(args);
  }

  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new MedaiCli());
    cl.setExitCodeExceptionMapper(MedaiCli::exitCodeOf);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("medai: " + describe(ex));
      err.flush();
      return exitCodeOf(ex);
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("medai: " + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      return EXIT_USAGE;
    });
    return cl;
  }

  static int exitCodeOf(Throwable ex) {
    if (ex instanceof CommandLine.ParameterException) return EXIT_USAGE;
    if (ex instanceof BadInputException) return EXIT_BAD_INPUT;
    if (ex instanceof MedaiException) return EXIT_BAD_INPUT;
    if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) return EXIT_BAD_INPUT;
    return EXIT_INTERNAL;
  }

  private static String describe(Throwable ex) {
    if (ex instanceof MedaiException me) return me.getMessage() + " [" + me.code() + "]";
    if (ex instanceof BadInputException) return ex.getMessage();
    if (ex instanceof java.nio.file.NoSuchFileException nsf) return "no such file: " + nsf.getFile();
    if (ex instanceof java.io.UncheckedIOException u) ex = u.getCause();
    if (ex instanceof java.nio.file.NoSuchFileException nsf2) return "no such file: " + nsf2.getFile();
    if (ex instanceof java.io.IOException io) return "I/O error: " + io.getMessage();
    return "internal error: " + ex;
  }

  /** Picocli version provider reading medai's build version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"medai " + MedaiVersion.get()};
    }
  }
}
