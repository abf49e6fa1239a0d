package org.medai.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.medai.core.ReadLimits;
import org.medai.core.backend.Device;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.Volume;
import org.medai.imaging.io.nifti.NiftiImage;
import org.medai.imaging.io.nifti.NiftiReader;
import org.medai.imaging.io.series.AssemblyOptions;
import org.medai.imaging.io.series.DicomVolumes;
import org.medai.imaging.io.series.SeriesVolume;

/**
 * Volume input handling shared by the CLI's imaging commands: a NIfTI file ({@code .nii},
 * {@code .nii.gz}, {@code .hdr/.img}) or a DICOM series folder / multi-frame file, read with its
 * stored values and the rescale that turns them into real values (fused by transforms, applied by
 * {@link #realValues}).
 */
public final class VolumeInputs {
  private VolumeInputs() {}

  /** A volume of stored values and the value rescale (slope, intercept) that turns them into real values. */
  public record Loaded(Volume volume, double slope, double intercept, String format) {}

  public static boolean isNifti(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".nii") || n.endsWith(".nii.gz") || n.endsWith(".hdr") || n.endsWith(".hdr.gz")
        || n.endsWith(".img") || n.endsWith(".img.gz");
  }

  public static Loaded read(Path in, WorkPool pool, MemoryScope scope) {
    if (!Files.exists(in)) throw new BadInputException("no such file or folder: " + in);
    if (isNifti(in)) {
      NiftiImage img = NiftiReader.read(in, ReadLimits.defaults(), scope, false);
      boolean scaled = img.header().hasScaling();
      return new Loaded(img.volume(), scaled ? img.header().sclSlope() : 1, scaled ? img.header().sclInter() : 0, "nifti");
    }
    SeriesVolume sv = DicomVolumes.read(in, AssemblyOptions.defaults(), ReadLimits.defaults(), pool, scope);
    if (sv.rescaleApplied()) return new Loaded(sv.volume(), 1, 0, "dicom");
    return new Loaded(sv.volume(), sv.rescaleSlope(), sv.rescaleIntercept(), "dicom");
  }

  public static void checkOutput(Path out) {
    if (!isNifti(out)) {
      throw new BadInputException("output must be NIfTI (.nii, .nii.gz or .hdr/.img); got " + out.getFileName());
    }
  }

  /** The loaded volume in real values: float32 with the rescale applied, or as is when it is the identity. */
  public static Volume realValues(Loaded in, MemoryScope scope) {
    if (in.slope() == 1 && in.intercept() == 0) return in.volume();
    Volume f = Volume.allocate(org.medai.core.tensor.DType.FLOAT32, in.volume().geometry(), in.volume().channels(), scope);
    try (org.medai.core.backend.Backend cpu = Device.cpu(1).open()) {
      cpu.convert(in.volume().data(), f.data(), (float) in.slope(), (float) in.intercept());
    }
    return f;
  }

  /** Parses three comma-separated positive numbers given to {@code flag}, e.g. a spacing in mm. */
  public static double[] parseTriple(String s, String flag) {
    String[] parts = s.split(",");
    if (parts.length != 3) throw new BadInputException(flag + " needs three comma-separated values; got " + s);
    double[] v = new double[3];
    for (int a = 0; a < 3; a++) {
      try {
        v[a] = Double.parseDouble(parts[a].trim());
      } catch (NumberFormatException e) {
        throw new BadInputException(flag + " value '" + parts[a] + "' is not a number");
      }
      if (!(v[a] > 0) || Double.isInfinite(v[a])) throw new BadInputException(flag + " values must be positive; got " + s);
    }
    return v;
  }
}
