package org.medai.examples.cli.segment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.medai.core.Json;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.model.Model;
import org.medai.core.model.ModelOptions;
import org.medai.core.model.ModelRuntimes;
import org.medai.core.tensor.Volume;
import org.medai.examples.cli.BadInputException;
import org.medai.examples.cli.MedaiCli;
import org.medai.examples.cli.VolumeInputs;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.seg.Code;
import org.medai.imaging.io.dicom.seg.DicomSegWriter;
import org.medai.imaging.io.dicom.seg.SegSource;
import org.medai.imaging.io.dicom.seg.Segment;
import org.medai.imaging.io.nifti.NiftiWriter;
import org.medai.imaging.segmentation.Activation;
import org.medai.imaging.segmentation.Blend;
import org.medai.imaging.segmentation.LabelMaps;
import org.medai.imaging.segmentation.MemoryPlan;
import org.medai.imaging.segmentation.ResampleArgmax;
import org.medai.imaging.segmentation.RunOptions;
import org.medai.imaging.segmentation.SegmentationResult;
import org.medai.imaging.segmentation.SlidingWindow;
import org.medai.imaging.segmentation.SlidingWindowInference;
import org.medai.imaging.transform.Resample;
import org.medai.imaging.transform.ResampleOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code medai segment IN --model M.onnx --out seg.nii.gz}: sliding-window segmentation of a NIfTI
 * file or a DICOM series. Prints the memory plan to stderr before the run; stdout gets one JSON
 * object with the plan, per-stage timings, the measured peak and the outputs.
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
    description = "Segment a NIfTI volume or DICOM series with an ONNX (or SameDiff) model by sliding-window inference.")
public final class SegmentCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "IN", description = "A .nii/.nii.gz file, a DICOM series folder or a multi-frame DICOM file.")
  Path in;

  @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "The model (.onnx, or a SameDiff .fb/.sdz).")
  Path model;

  @Option(names = "--roi", defaultValue = "96,96,96", description = "Window size i,j,k in voxels (default ${DEFAULT-VALUE}).")
  String roi;

  @Option(names = "--overlap", defaultValue = "0.5", description = "Window overlap in [0,1) (default ${DEFAULT-VALUE}).")
  double overlap;

  @Option(names = "--blend", defaultValue = "gaussian", description = "gaussian or constant (default ${DEFAULT-VALUE}).")
  String blend;

  @Option(names = "--tta", defaultValue = "none", description = "none, or flip: mirror over all three axes and average.")
  String tta;

  @Option(names = "--activation", defaultValue = "softmax", description = "softmax, sigmoid or none (default ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--batch", defaultValue = "1", description = "Windows per model call (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--budget", defaultValue = "4g", description = "Native memory budget, e.g. 512m, 4g (default ${DEFAULT-VALUE}).")
  String budget;

  @Option(names = "--spacing", paramLabel = "sx,sy,sz", description = "Resample to this spacing (mm) before inference; labels return to the input grid.")
  String spacing;

  @Option(names = "--keep-largest", description = "Keep only the largest connected component of each label.")
  boolean keepLargest;

  @Option(names = "--device", defaultValue = "cpu",
      description = "Where the model runs: cpu, or cuda[:N] with ONNX Runtime's GPU build (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--threads", defaultValue = "2", description = "Threads for the model and resampling (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--out", required = true, paramLabel = "seg.nii.gz", description = "Label map output (NIfTI).")
  Path out;

  @Option(names = "--seg-dicom", paramLabel = "DIR", description = "Also write a DICOM Segmentation into DIR (DICOM input only).")
  Path segDicom;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(in)) throw new BadInputException("no such file or folder: " + in);
    if (!Files.isRegularFile(model)) throw new BadInputException("no such model file: " + model);
    int[] r = ints(roi, "--roi");
    SlidingWindow w = SlidingWindow.of(r[0], r[1], r[2]).withOverlap(overlap).withBatchSize(batch)
        .withBlend(switch (blend.toLowerCase(Locale.ROOT)) {
          case "gaussian" -> Blend.GAUSSIAN;
          case "constant" -> Blend.CONSTANT;
          default -> throw new BadInputException("--blend must be gaussian or constant, got " + blend);
        })
        .withActivation(switch (activation.toLowerCase(Locale.ROOT)) {
          case "softmax" -> Activation.SOFTMAX;
          case "sigmoid" -> Activation.SIGMOID;
          case "none" -> Activation.NONE;
          default -> throw new BadInputException("--activation must be softmax, sigmoid or none, got " + activation);
        });
    if (tta.equalsIgnoreCase("flip")) w = w.withFlipAxes(0, 1, 2);
    else if (!tta.equalsIgnoreCase("none")) throw new BadInputException("--tta must be none or flip, got " + tta);
    boolean dicom = !VolumeInputs.isNifti(in);
    if (segDicom != null && !dicom) throw new BadInputException("--seg-dicom needs a DICOM input to reference");
    long t0 = System.nanoTime();
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(threads);
         Model m = ModelRuntimes.load(model, ModelOptions.defaults().withThreads(threads).withDevice(device))) {
      Volume source = VolumeInputs.realValues(VolumeInputs.read(in, pool, scope), scope);
      long tRead = System.nanoTime();
      Volume input = source;
      if (spacing != null) {
        double[] sp = VolumeInputs.parseTriple(spacing, "--spacing");
        input = Resample.toSpacing(source, Vec3.of(sp[0], sp[1], sp[2]), ResampleOptions.linear(), pool, scope);
      }
      SlidingWindowInference inference = new SlidingWindowInference(m, w);
      RunOptions ro = RunOptions.defaults().withBudget(RunOptions.parseBytes(budget)).withProbabilities(spacing != null)
          .withProgress(new ProgressPrinter());
      MemoryPlan plan = inference.plan(input, ro);
      System.err.println("medai segment: " + plan);
      SegmentationResult result = inference.run(input, ro, scope);
      long tInfer = System.nanoTime();
      Volume labels = spacing == null ? result.labels()
          : ResampleArgmax.toLabels(result.probabilities(), source.geometry(), pool, scope);
      if (keepLargest) {
        for (int label = 1; label < plan.outputChannels(); label++) {
          LabelMaps.keepLargestInPlace(labels, label, 0, LabelMaps.Connectivity.FACES_6);
        }
      }
      long tPost = System.nanoTime();
      if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
      NiftiWriter.write(labels, out, NiftiWriter.Options.defaults(), pool);
      List<String> written = new ArrayList<>(List.of(out.toString()));
      if (segDicom != null) {
        Files.createDirectories(segDicom);
        Path segFile = segDicom.resolve("seg.dcm");
        List<Segment> segments = new ArrayList<>();
        for (int label = 1; label < Math.max(2, plan.outputChannels()); label++) {
          segments.add(new Segment(label, "label " + label, Code.TISSUE, Code.TISSUE, "medai " + model.getFileName()));
        }
        DicomSegWriter.write(labels, segments, SegSource.ofFiles(dicomFiles(in), DicomReader.builder().stopBeforePixelData(true).build()),
            "medai segmentation", segFile);
        written.add(segFile.toString());
      }
      long tEnd = System.nanoTime();
      StringBuilder sb = new StringBuilder("{\"plan\":").append(plan.toJson());
      sb.append(",\"timings\":").append(result.timings().toJson());
      sb.append(String.format(Locale.ROOT, ",\"stagesMs\":{\"read\":%.1f,\"inference\":%.1f,\"post\":%.1f,\"write\":%.1f,\"total\":%.1f}",
          (tRead - t0) / 1e6, (tInfer - tRead) / 1e6, (tPost - tInfer) / 1e6, (tEnd - tPost) / 1e6, (tEnd - t0) / 1e6));
      sb.append(",\"measuredPeakBytes\":").append(result.measuredPeakBytes());
      sb.append(",\"geometry\":").append(labels.geometry().toJson());
      sb.append(",\"outputs\":[");
      for (int i = 0; i < written.size(); i++) sb.append(i > 0 ? "," : "").append(Json.quote(written.get(i)));
      System.out.println(sb.append("]}"));
    }
    return MedaiCli.EXIT_OK;
  }

  private static List<Path> dicomFiles(Path in) throws java.io.IOException {
    if (Files.isRegularFile(in)) return List.of(in);
    try (Stream<Path> s = Files.walk(in)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static int[] ints(String s, String flag) {
    double[] d = VolumeInputs.parseTriple(s, flag);
    int[] r = new int[3];
    for (int i = 0; i < 3; i++) {
      if (d[i] != Math.rint(d[i]) || d[i] < 1) throw new BadInputException(flag + " needs three positive integers, got " + s);
      r[i] = (int) d[i];
    }
    return r;
  }

  /** Prints progress on stderr every 10%. */
  private static final class ProgressPrinter implements org.medai.imaging.segmentation.ProgressListener {
    private long last = -1;

    @Override
    public void onProgress(long done, long total) {
      long pct = total == 0 ? 100 : done * 100 / total / 10 * 10;
      if (pct != last) {
        last = pct;
        System.err.println("medai segment: " + pct + "% (" + done + "/" + total + " window evaluations)");
      }
    }
  }
}
