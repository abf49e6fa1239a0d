package org.medai.imaging.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medai.core.InvalidArgumentException;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.model.Model;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;

class SlidingWindowInferenceTest {
  static Model pointwise;
  static Model tiny3d;

  @BeforeAll
  static void load() {
    pointwise = TestModels.onnx("pointwise");
    tiny3d = TestModels.onnx("tiny3d");
  }

  @AfterAll
  static void close() {
    pointwise.close();
    tiny3d.close();
  }

  static Volume randomVolume(MemoryScope s, long ni, long nj, long nk, long seed) {
    Geometry g = Geometry.axisAligned(Extent.of(ni, nj, nk), Vec3.of(0.8, 0.9, 2.0), Vec3.of(-10, 5, 3));
    Volume v = Volume.allocate(DType.FLOAT32, g, 1, s);
    Random r = new Random(seed);
    for (long k = 0; k < nk; k++) for (long j = 0; j < nj; j++) for (long i = 0; i < ni; i++) {
      v.set(r.nextGaussian(), i, j, k);
    }
    return v;
  }

  /** The model applied to the whole volume at once: the oracle for per-voxel models. */
  static Tensor whole(Model m, Volume v, MemoryScope s) {
    Extent e = v.extent();
    return m.run(v.data().reshape(1, 1, e.k(), e.j(), e.i()), s);
  }

  @Test
  void gaussianMap_equalsScipyNnUnetValues() {
    float[] m = ImportanceMap.of(SlidingWindow.of(5, 6, 7));
    // scipy.ndimage.gaussian_filter of a centred impulse, / max, as nnU-Net's compute_gaussian; index (k, j, i).
    assertEquals(5.616534348718005e-09, m[idx(0, 0, 0, 5, 6)], 1e-15);
    assertEquals(1.0, m[idx(3, 3, 2, 5, 6)], 0);
    assertEquals(4.782622795573843e-07, m[idx(6, 5, 4, 5, 6)], 1e-13);
    assertEquals(0.008386485278606415, m[idx(1, 2, 3, 5, 6)], 1e-8);
    assertEquals(6.843269602541113e-06, m[idx(5, 0, 1, 5, 6)], 1e-12);
    float[] big = ImportanceMap.of(SlidingWindow.of(16, 12, 20));
    assertEquals(3.775134371775124e-11, big[idx(0, 0, 0, 16, 12)], 1e-17);
    assertEquals(1.0, big[idx(10, 6, 8, 16, 12)], 0);
    assertEquals(1.29709247786991e-08, big[idx(19, 11, 15, 16, 12)], 1e-14);
    assertEquals(3.475377889117226e-05, big[idx(3, 7, 1, 16, 12)], 1e-11);
  }

  private static int idx(int k, int j, int i, int ri, int rj) {
    return (k * rj + j) * ri + i;
  }

  @Test
  void starts_matchNnUnetSteps() {
    // Values printed by nnU-Net's compute_steps_for_sliding_window (numpy) for these sizes.
    assertEquals(List.of(0L, 14L, 27L, 41L, 54L, 68L), box(SlidingWindow.starts(100, 32, 0.5)));
    assertEquals(List.of(0L, 8L), box(SlidingWindow.starts(40, 32, 0.5)));
    assertEquals(List.of(0L, 1L), box(SlidingWindow.starts(33, 32, 0.5)));
    assertEquals(List.of(0L, 5L, 9L, 14L, 19L, 24L, 28L, 33L, 38L, 42L, 47L), box(SlidingWindow.starts(57, 10, 0.5)));
    assertEquals(List.of(0L, 5L, 10L, 15L, 20L, 25L, 30L), box(SlidingWindow.starts(50, 20, 0.75))); // nnU-Net tile_step_size 0.25 = overlap 0.75
    assertEquals(List.of(0L), box(SlidingWindow.starts(20, 20, 0.5)));
    assertEquals(List.of(0L), box(SlidingWindow.starts(20, 32, 0.5)));
  }

  private static List<Long> box(long[] a) {
    List<Long> l = new ArrayList<>();
    for (long v : a) l.add(v);
    return l;
  }

  @Test
  void pointwiseModel_anyRoiOverlapBlend_equalsWholeVolume() {
    int[][] rois = {{8, 8, 8}, {13, 7, 5}, {40, 40, 40}, {1, 1, 1}};
    double[] overlaps = {0, 0.25, 0.5, 0.8};
    try (MemoryScope s = MemoryScope.open()) {
      Volume v = randomVolume(s, 23, 19, 11, 1);
      float[] oracle = whole(pointwise, v, s).toFloatArray();
      int combos = 0;
      for (int[] roi : rois) {
        for (double ov : overlaps) {
          for (Blend b : Blend.values()) {
            if (roi[0] == 1 && ov > 0.25) continue;
            SlidingWindow w = SlidingWindow.of(roi[0], roi[1], roi[2]).withOverlap(ov).withBlend(b)
                .withActivation(Activation.NONE).withBatchSize(3);
            try (MemoryScope run = s.child()) {
              SegmentationResult r = new SlidingWindowInference(pointwise, w).run(v, RunOptions.defaults().withProbabilities(true), run);
              float[] p = r.probabilities().data().toFloatArray();
              assertEquals(oracle.length, p.length);
              for (int x = 0; x < p.length; x++) {
                assertEquals(oracle[x], p[x], 2e-6f * Math.max(1, Math.abs(oracle[x])), "roi " + java.util.Arrays.toString(roi) + " overlap " + ov + " " + b);
              }
              combos++;
            }
          }
        }
      }
      assertTrue(combos >= 20);
    }
  }

  @Test
  void convModel_interior_matchesWholeVolumeWithin1e4() {
    try (MemoryScope s = MemoryScope.open()) {
      long ni = 30, nj = 26, nk = 22;
      Volume v = randomVolume(s, ni, nj, nk, 2);
      float[] oracle = whole(tiny3d, v, s).toFloatArray();
      int[] roi = {12, 10, 9};
      SlidingWindow w = SlidingWindow.of(roi[0], roi[1], roi[2]).withOverlap(0.5).withActivation(Activation.NONE);
      float[] p = new SlidingWindowInference(tiny3d, w).run(v, RunOptions.defaults().withProbabilities(true), s)
          .probabilities().data().toFloatArray();
      // A voxel is "interior" when every window covering it has it at least one voxel (the receptive
      // radius) inside the window's faces that lie inside the volume: only there do windows see what
      // the whole-volume pass sees.
      boolean[][] ok = {interior(ni, roi[0], w.overlap()), interior(nj, roi[1], w.overlap()), interior(nk, roi[2], w.overlap())};
      int checked = 0;
      double maxErr = 0;
      for (int c = 0; c < 2; c++) for (int k = 0; k < nk; k++) for (int j = 0; j < nj; j++) for (int i = 0; i < ni; i++) {
        if (!(ok[0][i] && ok[1][j] && ok[2][k])) continue;
        int x = (int) (((c * nk + k) * nj + j) * ni + i);
        maxErr = Math.max(maxErr, Math.abs(p[x] - oracle[x]));
        checked++;
      }
      assertTrue(checked > 0.3 * 2 * ni * nj * nk, "interior voxels checked: " + checked);
      assertTrue(maxErr <= 1e-4, "max interior error " + maxErr);
    }
  }

  private static boolean[] interior(long size, int roi, double overlap) {
    boolean[] ok = new boolean[(int) size];
    java.util.Arrays.fill(ok, true);
    for (long st : SlidingWindow.starts(size, roi, overlap)) {
      for (long x = st; x < Math.min(size, st + roi); x++) {
        boolean atLowFace = x == st && st > 0;
        boolean atHighFace = x == st + roi - 1 && st + roi < size;
        if (atLowFace || atHighFace) ok[(int) x] = false;
      }
    }
    return ok;
  }

  @Test
  void flipTta_flipEquivariantModel_equalsNoTta() {
    try (MemoryScope s = MemoryScope.open()) {
      Volume v = randomVolume(s, 21, 17, 13, 3);
      SlidingWindow w = SlidingWindow.of(10, 9, 8).withActivation(Activation.NONE);
      SegmentationResult plain = new SlidingWindowInference(pointwise, w).run(v, RunOptions.defaults().withProbabilities(true), s);
      SegmentationResult tta = new SlidingWindowInference(pointwise, w.withFlipAxes(0, 1, 2)).run(v, RunOptions.defaults().withProbabilities(true), s);
      float[] a = plain.probabilities().data().toFloatArray();
      float[] b = tta.probabilities().data().toFloatArray();
      for (int x = 0; x < a.length; x++) assertEquals(a[x], b[x], 1e-6f);
      assertEquals(8 * plain.plan().windowEvaluations(), tta.plan().windowEvaluations());
    }
  }

  @Test
  void slabStreaming_underSmallBudget_sameLabelsAndPeakWithinPlan() {
    try (MemoryScope s = MemoryScope.open()) {
      Volume v = randomVolume(s, 40, 36, 30, 4);
      SlidingWindow w = SlidingWindow.of(16, 16, 8).withOverlap(0.5);
      SlidingWindowInference inf = new SlidingWindowInference(tiny3d, w);
      SegmentationResult full = inf.run(v, RunOptions.defaults(), s);
      assertEquals(1, full.plan().slabs());
      assertTrue(full.measuredPeakBytes() <= full.plan().peakBytes(), full.plan() + " measured " + full.measuredPeakBytes());
      long budget = full.plan().peakBytes() - full.plan().accumulatorBytes() + full.plan().accumulatorBytes() / 5;
      SegmentationResult slab = inf.run(v, RunOptions.defaults().withBudget(budget), s);
      assertTrue(slab.plan().slabs() > 1, slab.plan().toString());
      assertTrue(slab.measuredPeakBytes() <= slab.plan().peakBytes(), slab.plan() + " measured " + slab.measuredPeakBytes());
      assertTrue(slab.plan().peakBytes() <= budget);
      float[] a = full.labels().data().toFloatArray();
      float[] b = slab.labels().data().toFloatArray();
      assertEquals(a.length, b.length);
      int classOne = 0;
      for (int x = 0; x < a.length; x++) {
        assertEquals(a[x], b[x], "voxel " + x);
        if (a[x] == 1) classOne++;
      }
      assertTrue(classOne > 0 && classOne < a.length, "both classes occur");
    }
  }

  @Test
  void budgetTooSmall_failsWhenPlanned_sayingWhatIsNeeded() {
    try (MemoryScope s = MemoryScope.open()) {
      Volume v = randomVolume(s, 20, 20, 20, 5);
      var inf = new SlidingWindowInference(tiny3d, SlidingWindow.of(8, 8, 8));
      var e = assertThrows(org.medai.core.LimitExceededException.class, () -> inf.plan(v, RunOptions.defaults().withBudget(1000)));
      assertTrue(e.getMessage().contains("at least"), e.getMessage());
    }
  }

  @Test
  void modelChannelMismatch_failsAtPlanNamingBothShapes() {
    try (MemoryScope s = MemoryScope.open()) {
      Geometry g = Geometry.isotropic(Extent.of(8, 8, 8), 1);
      Volume two = Volume.zeros(DType.FLOAT32, g, 2, s);
      var inf = new SlidingWindowInference(tiny3d, SlidingWindow.of(4, 4, 4));
      var e = assertThrows(InvalidArgumentException.class, () -> inf.plan(two, RunOptions.defaults()));
      assertTrue(e.getMessage().contains("[1, 2, 4, 4, 4]") && e.getMessage().contains("[-1, 1, -1, -1, -1]"), e.getMessage());
    }
  }

  @Test
  void progressAndCancel_cancelAfterFirstBatch_stopsAndReleasesMemory() {
    try (MemoryScope s = MemoryScope.open()) {
      Volume v = randomVolume(s, 30, 30, 30, 6);
      long before = s.liveBytes();
      AtomicBoolean cancel = new AtomicBoolean();
      List<long[]> seen = new ArrayList<>();
      RunOptions o = RunOptions.defaults().withCancel(cancel).withProgress((d, t) -> {
        seen.add(new long[] {d, t});
        cancel.set(true);
      });
      var inf = new SlidingWindowInference(tiny3d, SlidingWindow.of(10, 10, 10));
      assertThrows(SegmentationCancelledException.class, () -> inf.run(v, o, s));
      assertEquals(1, seen.size());
      assertEquals(before, s.liveBytes());
      List<long[]> all = new ArrayList<>();
      SegmentationResult r = inf.run(v, RunOptions.defaults().withProgress((d, t) -> all.add(new long[] {d, t})), s);
      long[] last = all.get(all.size() - 1);
      assertEquals(r.plan().windowEvaluations(), last[0]);
      assertEquals(r.plan().windowEvaluations(), last[1]);
    }
  }

  @Test
  void int16Input_isConvertedAndGivesSameLabelsAsFloat() {
    try (MemoryScope s = MemoryScope.open()) {
      Geometry g = Geometry.isotropic(Extent.of(20, 18, 16), 1);
      Volume f = Volume.allocate(DType.FLOAT32, g, 1, s);
      Volume i16 = Volume.allocate(DType.INT16, g, 1, s);
      Random r = new Random(7);
      for (long k = 0; k < 16; k++) for (long j = 0; j < 18; j++) for (long i = 0; i < 20; i++) {
        int val = r.nextInt(7) - 3;
        f.set(val, i, j, k);
        i16.set(val, i, j, k);
      }
      var inf = new SlidingWindowInference(tiny3d, SlidingWindow.of(8, 8, 8));
      float[] a = inf.run(f, RunOptions.defaults(), s).labels().data().toFloatArray();
      float[] b = inf.run(i16, RunOptions.defaults(), s).labels().data().toFloatArray();
      assertTrue(java.util.Arrays.equals(a, b));
    }
  }
}
