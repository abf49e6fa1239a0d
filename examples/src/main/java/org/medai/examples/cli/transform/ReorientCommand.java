package org.medai.examples.cli.transform;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medai.core.Json;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Orientation;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.Volume;
import org.medai.examples.cli.MedaiCli;
import org.medai.examples.cli.VolumeInputs;
import org.medai.imaging.io.nifti.NiftiWriter;
import org.medai.imaging.transform.Reorient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code medai reorient IN OUT --to RAS}: permutes and flips the voxel axes of a NIfTI file or
 * DICOM series to a three-letter orientation (no interpolation), writes NIfTI with the updated
 * affine and prints both geometries as JSON. Stored values are kept; a NIfTI input's
 * {@code scl_slope/scl_inter} (or a DICOM series' rescale) is written into the output header.
 */
@Command(name = "reorient", mixinStandardHelpOptions = true,
    description = "Reorient a NIfTI file or DICOM series to an orientation code (RAS, LPS, ...) by axis permutation and flips; write NIfTI, print JSON.")
public final class ReorientCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "IN", description = "NIfTI file, DICOM series folder or multi-frame DICOM file.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output NIfTI (.nii, .nii.gz, .hdr/.img).")
  Path out;

  @Option(names = "--to", required = true, paramLabel = "CODE", description = "Target orientation, e.g. RAS or LPS.")
  String to;

  @Option(names = "--device", defaultValue = "auto",
      description = "cpu, cuda or auto (cuda where available, else cpu; stderr says which); default ${DEFAULT-VALUE}.")
  String device;

  @Option(names = "--threads", defaultValue = "2", description = "CPU threads; default ${DEFAULT-VALUE}.")
  int threads;

  @Override
  public Integer call() {
    VolumeInputs.checkOutput(out);
    Orientation.directionOf(to); // a bad code fails here, before any reading
    try (TransformDevice dev = TransformDevice.open(device); MemoryScope scope = MemoryScope.open();
         WorkPool pool = WorkPool.of(Math.max(1, threads))) {
      VolumeInputs.Loaded src = VolumeInputs.read(in, pool, scope);
      Volume r = dev.toHost(Reorient.to(dev.place(src.volume(), scope), to, pool, scope), scope);
      NiftiWriter.Options wo = NiftiWriter.Options.defaults();
      if (src.slope() != 1 || src.intercept() != 0) wo = wo.withScaling(src.slope(), src.intercept());
      NiftiWriter.write(r, out, wo, pool);
      System.out.println("{\"input\":" + Json.quote(in.toString()) + ",\"output\":" + Json.quote(out.toString())
          + ",\"device\":" + Json.quote(dev.name()) + ",\"from\":" + Json.quote(src.volume().geometry().orientationCode())
          + ",\"to\":" + Json.quote(r.geometry().orientationCode()) + ",\"dtype\":" + Json.quote(r.dtype().name())
          + ",\"source\":" + src.volume().geometry().toJson() + ",\"target\":" + r.geometry().toJson() + "}");
    }
    return MedaiCli.EXIT_OK;
  }
}
