package org.medai.examples.cli.dicom;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medai.core.Json;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.examples.cli.MedaiCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medai dicom dump FILE}: the file's attributes as JSON, identifying values masked. */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = "Print a DICOM file's attributes as JSON (DICOM JSON model keys); names, IDs and "
        + "patient/study dates are masked unless --show-phi is given. Pixel data is not read.")
final class DicomDumpCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "DICOM Part 10 file (or bare dataset).")
  Path file;

  @Option(names = "--show-phi", description = "Show person names, identifiers and dates unmasked.")
  boolean showPhi;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    DicomFile f = DicomReader.builder().stopBeforePixelData(true).build().read(file);
    DicomJson json = new DicomJson(showPhi);
    String out = "{\"transferSyntax\":" + Json.quote(f.transferSyntax().uid())
        + ",\"pixelDataOffset\":" + f.pixelDataOffset()
        + ",\"meta\":" + json.dataset(f.meta())
        + ",\"dataset\":" + json.dataset(f.dataset()) + "}";
    spec.commandLine().getOut().println(out);
    spec.commandLine().getOut().flush();
    return MedaiCli.EXIT_OK;
  }
}
