package org.medai.examples.cli.dicom;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medai.core.Json;
import org.medai.core.ReadLimits;
import org.medai.examples.cli.MedaiCli;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomPixels;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.codec.FrameInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medai dicom pixels FILE --out X.npy}: stored pixel values as a NumPy array. */
@Command(name = "pixels", mixinStandardHelpOptions = true,
    description = "Write a DICOM file's stored pixel values as .npy: shape (frames, rows, columns[, samples]), "
        + "dtype from BitsAllocated/PixelRepresentation, colour as RGB. Prints the shape and dtype as JSON.")
final class DicomPixelsCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "DICOM file.")
  Path file;

  @Option(names = "--out", required = true, paramLabel = "X.npy", description = "Output .npy file.")
  Path out;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ReadLimits limits = ReadLimits.defaults();
    DicomFile f = DicomReader.builder().limits(limits).build().read(file);
    FrameInfo fi = DicomPixels.frameInfo(f.dataset());
    int frames = DicomPixels.numberOfFrames(f.dataset());
    String descr = descr(fi);
    long[] shape = fi.samplesPerPixel() == 1 ? new long[] {frames, fi.rows(), fi.columns()}
        : new long[] {frames, fi.rows(), fi.columns(), fi.samplesPerPixel()};
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
      NpyWriter.writeHeader(os, descr, shape);
      for (int k = 0; k < frames; k++) os.write(DicomPixels.frameRgb(f, k, limits));
    }
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) s.append(i > 0 ? "," : "").append(shape[i]);
    spec.commandLine().getOut().println("{\"out\":" + Json.quote(out.toString()) + ",\"shape\":" + s + "],\"dtype\":"
        + Json.quote(descr) + ",\"transferSyntax\":" + Json.quote(f.transferSyntax().uid()) + "}");
    spec.commandLine().getOut().flush();
    return MedaiCli.EXIT_OK;
  }

  /** NumPy dtype of stored values: u1/i1, u2/i2, u4/i4 from BitsAllocated and PixelRepresentation. */
  static String descr(FrameInfo fi) {
    return switch (fi.bytesPerSample()) {
      case 1 -> fi.signed() && fi.bitsAllocated() > 1 ? "|i1" : "|u1";
      case 2 -> fi.signed() ? "<i2" : "<u2";
      default -> fi.signed() ? "<i4" : "<u4";
    };
  }
}
