package org.medai.examples.cli.dicom;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.Callable;
import org.medai.examples.cli.BadInputException;
import org.medai.examples.cli.MedaiCli;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.DicomWriter;
import org.medai.imaging.io.dicom.TransferSyntax;
import org.medai.imaging.io.dicom.deid.DicomDeidentifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medai dicom deid IN OUT --key K}: Basic Profile de-identification of one file. */
@Command(name = "deid", mixinStandardHelpOptions = true,
    description = "De-identify a DICOM file per PS3.15 E.1 (Basic Application Level Confidentiality Profile). "
        + "UIDs are remapped with a keyed hash, so files de-identified with the same key stay linked. "
        + "Prints the report (changed attribute tags and actions, never values) as JSON.")
final class DicomDeidCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "IN", description = "Input DICOM file.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output DICOM file (replaced if present).")
  Path out;

  @Option(names = "--key", required = true, paramLabel = "K",
      description = "Secret (at least 8 characters) from which the UID-remapping key is derived; keep it private.")
  String key;

  @Option(names = "--retain-dates", description = "Keep longitudinal dates, shifted by a per-patient offset.")
  boolean retainDates;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (key.length() < 8) throw new BadInputException("--key must have at least 8 characters");
    if (Files.exists(out) && Files.isSameFile(in, out)) throw new BadInputException("OUT must differ from IN");
    byte[] k = MessageDigest.getInstance("SHA-256").digest(("medai-deid:" + key).getBytes(StandardCharsets.UTF_8));
    DicomFile f = DicomReader.defaults().read(in);
    DicomDeidentifier.Result r = DicomDeidentifier.builder(k).retainLongitudinalDates(retainDates).build().deidentify(f);
    TransferSyntax ts = f.transferSyntax().encapsulated() ? f.transferSyntax() : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    DicomWriter.write(r.file(), out, ts);
    spec.commandLine().getOut().println(r.report().toJson());
    spec.commandLine().getOut().flush();
    if (r.report().burnedInAnnotationFlagged()) {
      spec.commandLine().getErr().println("medai: BurnedInAnnotation is YES: the pixels may show identifying text that "
          + "this profile does not remove; review the image before sharing it");
    }
    return MedaiCli.EXIT_OK;
  }
}
