package org.medai.examples.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.model.Model;
import org.medai.core.model.ModelOptions;
import org.medai.core.model.ModelRuntimes;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.seg.Code;
import org.medai.imaging.io.dicom.seg.DicomSegReader;
import org.medai.imaging.io.dicom.seg.DicomSegWriter;
import org.medai.imaging.io.dicom.seg.SegSource;
import org.medai.imaging.io.dicom.seg.Segment;
import org.medai.imaging.io.nifti.NiftiWriter;
import org.medai.imaging.metrics.SegmentationMetrics;
import org.medai.imaging.segmentation.RunOptions;
import org.medai.imaging.segmentation.SegmentationResult;
import org.medai.imaging.segmentation.SlidingWindow;
import org.medai.imaging.segmentation.SlidingWindowInference;

/**
 * Segmentation: a small fixed-weight 3-D convnet (shipped in the CLI jar) runs by sliding window
 * over a synthetic oblique volume under a memory budget that forces slab streaming; the label map
 * is written as NIfTI and as a DICOM Segmentation, which is read back and compared voxel for voxel.
 * The network is a test model, not a trained one: the figures show the pipeline, not anatomy.
 */
final class SegmentationDemoStep implements DemoStep {

  @Override
  public String name() {
    return "segmentation";
  }

  @Override
  public Map<String, Object> run(Path outDir) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    Path model = outDir.resolve("tiny3d.onnx");
    try (InputStream in = SegmentationDemoStep.class.getResourceAsStream("/org/medai/examples/models/tiny3d.onnx")) {
      Files.copy(in, model, StandardCopyOption.REPLACE_EXISTING);
    }
    double a = Math.toRadians(12);
    Mat3 dir = Mat3.ofColumns(Vec3.of(1, 0, 0), Vec3.of(0, Math.cos(a), Math.sin(a)), Vec3.of(0, -Math.sin(a), Math.cos(a)));
    Geometry g = new Geometry(Extent.of(96, 80, 40), Vec3.of(0.9, 0.9, 2.0), Vec3.of(-43, -36, -40), dir);
    try (MemoryScope scope = MemoryScope.open();
         Model m = ModelRuntimes.load(model, ModelOptions.defaults().withThreads(2))) {
      Volume image = Volume.allocate(DType.FLOAT32, g, 1, scope);
      Random rnd = new Random(42);
      Vec3 centre = g.indexToPhysical(48, 40, 20);
      Extent e = g.extent();
      for (long k = 0; k < e.k(); k++) for (long j = 0; j < e.j(); j++) for (long i = 0; i < e.i(); i++) {
        double d = g.indexToPhysical(i, j, k).minus(centre).norm();
        image.set((d < 25 ? 1.0 : -1.0) + 0.2 * rnd.nextGaussian(), i, j, k);
      }
      SlidingWindowInference inf = new SlidingWindowInference(m, SlidingWindow.of(48, 48, 16).withOverlap(0.5));
      long full = inf.plan(image, RunOptions.defaults()).peakBytes();
      long budget = full - inf.plan(image, RunOptions.defaults()).accumulatorBytes() / 2;
      SegmentationResult res = inf.run(image, RunOptions.defaults().withBudget(budget), scope);
      r.put("plan", new DemoCommand.RawJson(res.plan().toJson()));
      r.put("measuredPeakBytes", res.measuredPeakBytes());
      r.put("peakWithinPlan", res.measuredPeakBytes() <= res.plan().peakBytes());
      r.put("timings", new DemoCommand.RawJson(res.timings().toJson()));
      long foreground = 0;
      for (long k = 0; k < e.k(); k++) for (long j = 0; j < e.j(); j++) for (long i = 0; i < e.i(); i++) {
        if (res.labels().get(i, j, k) == 1) foreground++;
      }
      r.put("label1Voxels", foreground);
      Path nifti = outDir.resolve("segmentation.nii.gz");
      NiftiWriter.write(res.labels(), nifti);
      Path seg = outDir.resolve("segmentation-seg.dcm");
      DicomSegWriter.write(res.labels(), List.of(new Segment(1, "label 1", Code.TISSUE, Code.TISSUE, "medai demo tiny3d")),
          SegSource.standalone(), "medai demo segmentation", seg);
      Volume back = DicomSegReader.read(seg, DicomReader.defaults(), scope).labels();
      r.put("dicomSegGeometryMatches", back.geometry().isSameGrid(g, 1e-3));
      r.put("dicomSegDice", SegmentationMetrics.dice(res.labels(), back.withGeometry(g), 1));
      r.put("nifti", nifti.toString());
      r.put("dicomSeg", seg.toString());
    }
    return r;
  }
}
