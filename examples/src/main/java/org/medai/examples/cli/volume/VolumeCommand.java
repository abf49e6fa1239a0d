package org.medai.examples.cli.volume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.medai.core.Json;
import org.medai.core.ReadLimits;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.memory.MemoryScope;
import org.medai.examples.cli.BadInputException;
import org.medai.examples.cli.MedaiCli;
import org.medai.imaging.io.nifti.NiftiFormat;
import org.medai.imaging.io.nifti.NiftiWriter;
import org.medai.imaging.io.series.AssemblyOptions;
import org.medai.imaging.io.series.DicomVolumes;
import org.medai.imaging.io.series.SeriesPlan;
import org.medai.imaging.io.series.SeriesVolume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code medai volume SRC --out X.nii[.gz]}: a DICOM series folder or a multi-frame file to NIfTI
 * with the right affine; prints the geometry (extent, spacing, origin, direction, orientation code)
 * and what assembly found as one JSON object.
 */
@Command(name = "volume", mixinStandardHelpOptions = true,
    description = "Assemble a DICOM series folder or multi-frame file into a volume and write it as NIfTI; print its geometry as JSON.")
public final class VolumeCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SRC", description = "A folder holding one DICOM series, or a multi-frame DICOM file.")
  Path src;

  @Option(names = "--out", required = true, paramLabel = "X.nii[.gz]",
      description = "Output NIfTI: .nii, .nii.gz, or .hdr/.img pair.")
  Path out;

  @Option(names = "--nifti2", description = "Write NIfTI-2 (needed when a dimension exceeds 32767).")
  boolean nifti2;

  @Option(names = "--threads", defaultValue = "2", description = "Threads for header scanning and pixel reading (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--fill-missing", description = "Insert empty slices where slices are missing instead of refusing.")
  boolean fillMissing;

  @Option(names = "--ignore-tilt", description = "Keep a gantry-tilted (sheared) stack unresampled; the shear is reported, not corrected.")
  boolean ignoreTilt;

  @Override
  public Integer call() {
    if (!Files.exists(src)) throw new BadInputException("no such file or folder: " + src);
    if (threads < 1) throw new BadInputException("--threads must be at least 1, got " + threads);
    AssemblyOptions o = AssemblyOptions.defaults();
    if (fillMissing) o = o.withMissingSlices(AssemblyOptions.MissingSlices.FILL_ZERO);
    if (ignoreTilt) o = o.withGantryTilt(AssemblyOptions.GantryTilt.IGNORE_SHEAR);
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(threads)) {
      SeriesVolume sv = DicomVolumes.read(src, o, ReadLimits.defaults(), pool, scope);
      Extent e = sv.volume().extent();
      boolean needs2 = nifti2 || e.i() > Short.MAX_VALUE || e.j() > Short.MAX_VALUE || e.k() > Short.MAX_VALUE;
      NiftiWriter.Options wo = NiftiWriter.Options.defaults()
          .withFormat(needs2 ? NiftiFormat.NIFTI2 : NiftiFormat.NIFTI1)
          .withCodes(NiftiWriter.XFORM_SCANNER, NiftiWriter.XFORM_SCANNER)
          .withScaling(sv.rescaleSlope(), sv.rescaleIntercept());
      NiftiWriter.write(sv.volume(), out, wo, pool);
      System.out.println(json(sv, out, needs2 ? "NIFTI2" : "NIFTI1"));
    }
    return MedaiCli.EXIT_OK;
  }

  static String json(SeriesVolume sv, Path out, String format) {
    SeriesPlan p = sv.plan();
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"out\":").append(Json.quote(out.toString()));
    sb.append(",\"format\":").append(Json.quote(format));
    sb.append(",\"geometry\":").append(sv.volume().geometry().toJson());
    sb.append(",\"dtype\":").append(Json.quote(sv.volume().dtype().name()));
    sb.append(",\"channels\":").append(sv.volume().channels());
    sb.append(",\"slices\":").append(p.slices().size());
    sb.append(",\"missingSlices\":").append(p.missingSlices());
    sb.append(",\"rescale\":{\"slope\":").append(sv.rescaleSlope()).append(",\"intercept\":").append(sv.rescaleIntercept())
        .append(",\"appliedPerSlice\":").append(sv.rescaleApplied()).append('}');
    sb.append(",\"maxPositionDeviationMm\":").append(String.format(Locale.ROOT, "%.6f", p.maxPositionDeviationMm()));
    double[] sh = p.shearPerSliceLps().toArray();
    sb.append(",\"shearPerSliceMm\":[").append(sh[0]).append(',').append(sh[1]).append(',').append(sh[2]).append(']');
    return sb.append('}').toString();
  }
}
