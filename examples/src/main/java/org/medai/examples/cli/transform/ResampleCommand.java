package org.medai.examples.cli.transform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.medai.core.Json;
import org.medai.core.ReadLimits;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.Volume;
import org.medai.examples.cli.BadInputException;
import org.medai.examples.cli.MedaiCli;
import org.medai.examples.cli.VolumeInputs;
import org.medai.imaging.io.nifti.NiftiReader;
import org.medai.imaging.io.nifti.NiftiWriter;
import org.medai.imaging.transform.Boundary;
import org.medai.imaging.transform.Interpolation;
import org.medai.imaging.transform.Resample;
import org.medai.imaging.transform.ResampleOptions;
import org.medai.imaging.transform.ResamplePlan;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code medai resample IN OUT (--spacing sx,sy,sz | --like REF) [--interp ...] [--device ...]}:
 * resamples a NIfTI file or DICOM series onto a spacing (physical extent kept, origin kept) or onto
 * the grid of a reference NIfTI, writes NIfTI and prints the plan and target geometry as JSON.
 */
@Command(name = "resample", mixinStandardHelpOptions = true,
    description = "Resample a NIfTI file or DICOM series onto a spacing or a reference grid; write NIfTI, print JSON.")
public final class ResampleCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "IN", description = "NIfTI file, DICOM series folder or multi-frame DICOM file.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output NIfTI (.nii, .nii.gz, .hdr/.img).")
  Path out;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--spacing", paramLabel = "SX,SY,SZ", description = "Target spacing in mm along i, j, k.")
    String spacing;

    @Option(names = "--like", paramLabel = "REF",
        description = "Resample onto the grid of this NIfTI file, DICOM series folder or multi-frame DICOM file.")
    Path like;
  }

  @Option(names = "--interp", defaultValue = "linear", paramLabel = "MODE",
      description = "nearest, linear, cubic (B-spline) or label (label-aware linear); default ${DEFAULT-VALUE}.")
  String interp;

  @Option(names = "--boundary", defaultValue = "constant", description = "constant, edge or mirror; default ${DEFAULT-VALUE}.")
  String boundary;

  @Option(names = "--fill", defaultValue = "0", description = "Value outside the field for --boundary constant (output units).")
  double fill;

  @Option(names = "--anisotropic", description = "nnU-Net's rule: coarse axis nearest when the spacing ratio exceeds 3.")
  boolean anisotropic;

  @Option(names = "--device", defaultValue = "auto",
      description = "cpu, cuda or auto (cuda where available, else cpu; stderr says which); default ${DEFAULT-VALUE}.")
  String device;

  @Option(names = "--threads", defaultValue = "2", description = "CPU threads; default ${DEFAULT-VALUE}.")
  int threads;

  @Override
  public Integer call() {
    VolumeInputs.checkOutput(out);
    if (threads < 1) throw new BadInputException("--threads must be at least 1, got " + threads);
    Interpolation mode = switch (interp.toLowerCase(Locale.ROOT)) {
      case "nearest" -> Interpolation.NEAREST;
      case "linear" -> Interpolation.LINEAR;
      case "cubic", "bspline" -> Interpolation.BSPLINE;
      case "label", "labels" -> Interpolation.LABEL_LINEAR;
      default -> throw new BadInputException("--interp must be nearest, linear, cubic or label; got " + interp);
    };
    Boundary b = switch (boundary.toLowerCase(Locale.ROOT)) {
      case "constant" -> Boundary.CONSTANT;
      case "edge" -> Boundary.EDGE;
      case "mirror" -> Boundary.MIRROR;
      default -> throw new BadInputException("--boundary must be constant, edge or mirror; got " + boundary);
    };
    try (TransformDevice dev = TransformDevice.open(device); MemoryScope scope = MemoryScope.open();
         WorkPool pool = WorkPool.of(threads)) {
      VolumeInputs.Loaded src = VolumeInputs.read(in, pool, scope);
      Volume v = src.volume();
      Geometry tgt = target.like != null
          ? referenceGrid(target.like, pool)
          : Resample.gridForSpacing(v.geometry(), parseSpacing(target.spacing));
      ResampleOptions o = ResampleOptions.of(mode).withBoundary(b).withFill(fill);
      boolean rescaled = src.slope() != 1 || src.intercept() != 0;
      // the modality/NIfTI rescale is fused into the kernel; label maps are copied, never scaled
      if (rescaled && mode != Interpolation.LABEL_LINEAR) o = o.withRescale(src.slope(), src.intercept());
      if (anisotropic) o = o.withNnunetAnisotropy();
      ResamplePlan plan = ResamplePlan.create(v.geometry(), v.dtype(), tgt, null, o);
      Volume placed = dev.place(v, scope);
      long t0 = System.nanoTime();
      Volume r = Resample.execute(plan, placed, pool, scope);
      dev.synchronize();
      double ms = (System.nanoTime() - t0) / 1e6;
      r = dev.toHost(r, scope);
      NiftiWriter.write(r, out, NiftiWriter.Options.defaults(), pool);
      System.out.println("{\"input\":" + Json.quote(in.toString()) + ",\"inputFormat\":" + Json.quote(src.format())
          + ",\"output\":" + Json.quote(out.toString()) + ",\"device\":" + Json.quote(dev.name())
          + ",\"threads\":" + threads + ",\"interpolation\":" + Json.quote(mode.name())
          + ",\"kernels\":[" + Json.quote(plan.kernel(0).name()) + "," + Json.quote(plan.kernel(1).name()) + ","
          + Json.quote(plan.kernel(2).name()) + "],\"boundary\":" + Json.quote(b.name())
          + ",\"rescale\":[" + plan.rescaleSlope() + "," + plan.rescaleIntercept() + "]"
          + ",\"dtype\":" + Json.quote(r.dtype().name()) + ",\"source\":" + v.geometry().toJson()
          + ",\"target\":" + tgt.toJson() + ",\"temporaryBytes\":" + plan.temporaryBytes()
          + ",\"millis\":" + String.format(Locale.ROOT, "%.1f", ms) + "}");
    }
    return MedaiCli.EXIT_OK;
  }

  /** The grid of a reference: a NIfTI header alone, or a DICOM series assembled and let go. */
  static Geometry referenceGrid(Path ref, WorkPool pool) {
    if (!Files.exists(ref)) throw new BadInputException("no such file or folder: " + ref);
    if (VolumeInputs.isNifti(ref)) return NiftiReader.readHeader(ref, ReadLimits.defaults()).geometry();
    try (MemoryScope tmp = MemoryScope.open()) {
      return VolumeInputs.read(ref, pool, tmp).volume().geometry();
    }
  }

  static Vec3 parseSpacing(String s) {
    return Vec3.of(VolumeInputs.parseTriple(s, "--spacing"));
  }
}
