package org.medai.examples.cli.transform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.medai.core.ReadLimits;
import org.medai.core.backend.Device;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.Volume;
import org.medai.examples.cli.BadInputException;
import org.medai.imaging.io.nifti.NiftiImage;
import org.medai.imaging.io.nifti.NiftiReader;
import org.medai.imaging.io.series.AssemblyOptions;
import org.medai.imaging.io.series.DicomVolumes;
import org.medai.imaging.io.series.SeriesVolume;

/**
 * Input handling shared by {@code medai resample} and {@code medai reorient}: a NIfTI file
 * ({@code .nii}, {@code .nii.gz}, {@code .hdr/.img}) or a DICOM series folder / multi-frame file,
 * read with its stored values and the rescale the transform should fuse.
 */
final class TransformInput {
  private TransformInput() {}

  /** A volume of stored values and the value rescale (slope, intercept) that turns them into real values. */
  record Loaded(Volume volume, double slope, double intercept, String format) {}

  static boolean isNifti(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".nii") || n.endsWith(".nii.gz") || n.endsWith(".hdr") || n.endsWith(".hdr.gz")
        || n.endsWith(".img") || n.endsWith(".img.gz");
  }

  static Loaded read(Path in, WorkPool pool, MemoryScope scope) {
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

  /**
   * Resolves {@code --device}: {@code cpu} and {@code auto} run on the CPU (the only transform
   * backend so far); {@code cuda} fails with exit code 3 and says so.
   */
  static String device(String requested) {
    Device d;
    try {
      d = Device.parse(requested);
    } catch (RuntimeException e) {
      throw new BadInputException("--device must be cpu, cuda or auto; got " + requested);
    }
    if (d.backend().equals("cuda")) {
      throw new BadInputException("--device cuda: the CUDA transform kernels are not available in this build; "
          + "use --device cpu or --device auto");
    }
    return "cpu";
  }

  static void checkOutput(Path out) {
    if (!isNifti(out)) {
      throw new BadInputException("output must be NIfTI (.nii, .nii.gz or .hdr/.img); got " + out.getFileName());
    }
  }
}
