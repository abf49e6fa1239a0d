package org.medai.imaging.segmentation;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.medai.core.InvalidArgumentException;
import org.medai.core.LimitExceededException;
import org.medai.core.backend.Backend;
import org.medai.core.backend.Device;
import org.medai.core.geometry.Extent;
import org.medai.core.memory.MemoryScope;
import org.medai.core.memory.NativeBuffer;
import org.medai.core.memory.RawMemory;
import org.medai.core.model.Model;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;

/**
 * Sliding-window inference of a segmentation model over a volume larger than its input: windows
 * of the ROI size are cut out at nnU-Net's positions, run through the model in batches (with
 * optional mirror test-time augmentation), weighted by the importance map, summed into float32
 * accumulators, normalised by the summed weights, activated and reduced to a label map by argmax.
 *
 * <p>Memory is planned before the run ({@link #plan}): when the full C × D × H × W accumulator
 * does not fit the budget, the volume is processed in slabs of k-planes, each slab running every
 * window that touches it (windows at slab borders run once per slab they touch). Windows are
 * always visited in the same global order, so slab streaming gives the same sums, bit for bit.
 *
 * <p>Immutable and thread-safe if the model is; several runs may share one instance.
 */
public final class SlidingWindowInference {
  private final Model model;
  private final SlidingWindow window;
  private final float[] importance;

  public SlidingWindowInference(Model model, SlidingWindow window) {
    this.model = model;
    this.window = window;
    this.importance = ImportanceMap.of(window);
  }

  public SlidingWindow window() {
    return window;
  }

  /** The memory plan for {@code image} under {@code options}; fails when the model does not fit. */
  public MemoryPlan plan(Volume image, RunOptions options) {
    Extent e = image.extent();
    int[] roi = window.roi();
    long cin = image.channels();
    long[] inShape = {window.batchSize(), cin, roi[2], roi[1], roi[0]};
    model.inputs().get(0).requireAccepts(inShape, "window batch (N, C, D, H, W)");
    long cout = model.outputShapeFor(inShape)[1];
    if (cout < 1) {
      throw new InvalidArgumentException("MEDAI-SEG-030",
          "the model's output channel count is dynamic; export it with a fixed channel dimension");
    }
    long[] si = SlidingWindow.starts(e.i(), roi[0], window.overlap());
    long[] sj = SlidingWindow.starts(e.j(), roi[1], window.overlap());
    long[] sk = SlidingWindow.starts(e.k(), roi[2], window.overlap());
    long voxels = e.voxelCount();
    long plane = e.i() * e.j();
    long roiVox = (long) roi[0] * roi[1] * roi[2];
    long inputCopy = image.dtype() == DType.FLOAT32 && image.data().isContiguous() ? 0 : cin * voxels * 4;
    long batchIn = window.batchSize() * cin * roiVox * 4;
    long batchOut = window.batchSize() * cout * roiVox * 4;
    long batch = batchIn + batchOut + (window.ttaPasses() > 1 ? batchIn + batchOut : 0);
    long labels = voxels * (cout <= 255 ? 1 : 2);
    long probs = options.keepProbabilities() ? cout * voxels * 4 : 0;
    long fixed = inputCopy + batch + labels + probs;
    long perPlane = (cout + 1) * plane * 4;
    long fit = (options.budgetBytes() - fixed) / perPlane;
    if (fit < 1) {
      throw new LimitExceededException("MEDAI-SEG-031",
          "memory budget %d bytes is too small for this volume and window: at least %d bytes are needed (outputs, one window batch and one accumulator plane); raise --budget or lower the batch size"
              .formatted(options.budgetBytes(), fixed + perPlane));
    }
    long slabDepth = Math.min(e.k(), Math.min(fit, Integer.MAX_VALUE / (plane * 4)));
    long slabs = (e.k() + slabDepth - 1) / slabDepth;
    long evaluations = 0;
    for (long s = 0; s < slabs; s++) {
      long z0 = s * slabDepth;
      long z1 = Math.min(e.k(), z0 + slabDepth);
      for (long k : sk) if (k < z1 && k + roi[2] > z0) evaluations++;
    }
    evaluations *= (long) si.length * sj.length * window.ttaPasses();
    long acc = perPlane * slabDepth;
    return new MemoryPlan(e.toArray(), (int) cin, (int) cout, new long[] {si.length, sj.length, sk.length},
        (long) si.length * sj.length * sk.length, slabDepth, slabs, evaluations, inputCopy, batch, acc,
        labels + probs, fixed + acc, options.budgetBytes(), "cpu");
  }

  /** Runs the model over {@code image}; the returned volumes belong to {@code scope}. */
  public SegmentationResult run(Volume image, RunOptions options, MemoryScope scope) {
    MemoryPlan plan = plan(image, options);
    try (MemoryScope work = scope.child()) {
      Runner r = new Runner(image, options, plan, work);
      r.run();
      long peak = work.peakBytes();
      scope.adopt(r.labels.data().memory());
      if (r.probs != null) scope.adopt(r.probs.data().memory());
      return new SegmentationResult(r.labels, r.probs, plan, peak,
          new SegmentationResult.Timings(r.extractNs, r.modelNs, r.blendNs, r.finalizeNs));
    }
  }

  /** State of one run. Not shared between threads. */
  private final class Runner {
    final Volume image;
    final RunOptions options;
    final MemoryPlan plan;
    final MemoryScope work;
    final int ri, rj, rk;
    final long ni, nj, nk, plane, roiVox;
    final int cin, cout;
    final Volume labels;
    final Volume probs;
    final FloatBuffer[] src; // one view per (channel, k-plane)
    final FloatBuffer[] acc; // one view per (channel or weight, slab plane)
    final long accAddress; // the same accumulators, for the blend loop
    long extractNs, modelNs, blendNs, finalizeNs, done;

    Runner(Volume image, RunOptions options, MemoryPlan plan, MemoryScope work) {
      this.image = image;
      this.options = options;
      this.plan = plan;
      this.work = work;
      int[] roi = window.roi();
      ri = roi[0];
      rj = roi[1];
      rk = roi[2];
      ni = image.extent().i();
      nj = image.extent().j();
      nk = image.extent().k();
      plane = ni * nj;
      roiVox = (long) ri * rj * rk;
      cin = plan.inputChannels();
      cout = plan.outputChannels();
      labels = Volume.zeros(cout <= 255 ? DType.UINT8 : DType.UINT16, image.geometry(), 1, work);
      probs = options.keepProbabilities() ? Volume.allocate(DType.FLOAT32, image.geometry(), cout, work) : null;
      Tensor f = floatInput();
      src = planes(f.hostBuffer(), f.offset() * 4, (long) cin * nk);
      NativeBuffer a = work.allocateZeroed((cout + 1) * plan.slabDepth() * plane * 4);
      acc = planes(a, 0, (cout + 1) * plan.slabDepth());
      accAddress = a.address();
    }

    private Tensor floatInput() {
      Tensor t = image.data();
      if (t.dtype() == DType.FLOAT32 && t.isContiguous()) return t;
      Tensor f = Tensor.allocate(DType.FLOAT32, work, t.shape());
      if (t.isContiguous()) {
        try (Backend cpu = Device.cpu(1).open()) {
          cpu.convert(t, f, 1f, 0f);
        }
      } else {
        long n = t.elementCount();
        long[] idx = new long[t.rank()];
        for (long x = 0; x < n; x++) {
          f.writeDouble(x, t.getDouble(idx));
          for (int a = idx.length - 1; a >= 0 && ++idx[a] == t.shape(a); a--) idx[a] = 0;
        }
      }
      return f;
    }

    private FloatBuffer[] planes(NativeBuffer b, long byteOffset, long count) {
      FloatBuffer[] v = new FloatBuffer[(int) count];
      for (int p = 0; p < count; p++) v[p] = b.asByteBuffer(byteOffset + p * plane * 4, (int) (plane * 4)).asFloatBuffer();
      return v;
    }

    void run() {
      int[] roi = window.roi();
      long[] si = SlidingWindow.starts(ni, roi[0], window.overlap());
      long[] sj = SlidingWindow.starts(nj, roi[1], window.overlap());
      long[] sk = SlidingWindow.starts(nk, roi[2], window.overlap());
      int batch = window.batchSize();
      Tensor in = Tensor.allocate(DType.FLOAT32, work, batch, cin, rk, rj, ri);
      FloatBuffer inBuf = in.hostBuffer().asByteBuffer(0, (int) in.byteSize()).asFloatBuffer();
      boolean tta = window.ttaPasses() > 1;
      Tensor flipped = tta ? Tensor.allocate(DType.FLOAT32, work, batch, cin, rk, rj, ri) : null;
      FloatBuffer flipBuf = tta ? flipped.hostBuffer().asByteBuffer(0, (int) flipped.byteSize()).asFloatBuffer() : null;
      NativeBuffer sum = tta ? work.allocate(batch * cout * roiVox * 4) : null;
      FloatBuffer sumBuf = tta ? sum.asByteBuffer(0, (int) sum.byteSize()).asFloatBuffer() : null;
      for (long s = 0; s < plan.slabs(); s++) {
        long z0 = s * plan.slabDepth();
        long z1 = Math.min(nk, z0 + plan.slabDepth());
        if (s > 0) clearAccumulators();
        List<long[]> wins = new ArrayList<>();
        for (long k : sk) {
          if (k >= z1 || k + rk <= z0) continue;
          for (long j : sj) for (long i : si) wins.add(new long[] {i, j, k});
        }
        for (int b0 = 0; b0 < wins.size(); b0 += batch) {
          if (options.cancel() != null && options.cancel().get()) {
            throw new SegmentationCancelledException(done, plan.windowEvaluations());
          }
          int n = Math.min(batch, wins.size() - b0);
          long t0 = System.nanoTime();
          for (int b = 0; b < n; b++) extract(wins.get(b0 + b), inBuf, (long) b * cin * roiVox);
          extractNs += System.nanoTime() - t0;
          Tensor batchIn = n == batch ? in : in.view(0, new long[] {n, cin, rk, rj, ri}, in.strides());
          if (!tta) {
            try (MemoryScope call = work.child()) {
              long t1 = System.nanoTime();
              Tensor out = model.run(batchIn, call);
              modelNs += System.nanoTime() - t1;
              checkOutput(out, n);
              long outAddress = address(out);
              long t2 = System.nanoTime();
              for (int b = 0; b < n; b++) blend(wins.get(b0 + b), outAddress, (long) b * cout * roiVox, 1f, z0, z1);
              blendNs += System.nanoTime() - t2;
            }
            done += n;
          } else {
            runWithFlips(batchIn, inBuf, flipped, flipBuf, sumBuf, n);
            long t2 = System.nanoTime();
            float scale = 1f / window.ttaPasses();
            long sumAddress = sum.address();
            for (int b = 0; b < n; b++) blend(wins.get(b0 + b), sumAddress, (long) b * cout * roiVox, scale, z0, z1);
            blendNs += System.nanoTime() - t2;
          }
          if (options.progress() != null) options.progress().onProgress(done, plan.windowEvaluations());
        }
        long t3 = System.nanoTime();
        finishSlab(z0, z1);
        finalizeNs += System.nanoTime() - t3;
      }
    }

    private void runWithFlips(Tensor batchIn, FloatBuffer inBuf, Tensor flipped, FloatBuffer flipBuf,
                              FloatBuffer sumBuf, int n) {
      int[] axes = window.flipAxes();
      for (int mask = 0; mask < window.ttaPasses(); mask++) {
        boolean fi = false, fj = false, fk = false;
        for (int a = 0; a < axes.length; a++) {
          if ((mask & (1 << a)) == 0) continue;
          if (axes[a] == 0) fi = true;
          else if (axes[a] == 1) fj = true;
          else fk = true;
        }
        long t0 = System.nanoTime();
        Tensor input = batchIn;
        if (mask != 0) {
          flip(inBuf, flipBuf, (long) n * cin, fi, fj, fk, false);
          input = flipped.view(0, batchIn.shape(), flipped.strides());
        }
        extractNs += System.nanoTime() - t0;
        try (MemoryScope call = work.child()) {
          long t1 = System.nanoTime();
          Tensor out = model.run(input, call);
          modelNs += System.nanoTime() - t1;
          checkOutput(out, n);
          FloatBuffer ob = out.hostBuffer().asByteBuffer(0, (int) out.byteSize()).asFloatBuffer();
          long t2 = System.nanoTime();
          flip(ob, sumBuf, (long) n * cout, fi, fj, fk, mask != 0);
          blendNs += System.nanoTime() - t2;
        }
        done += n;
      }
    }

    /** dst[c][z][y][x] (=|+=) src[c][fk?rk-1-z:z][fj?..][fi?..] over {@code volumes} ROI blocks. */
    private void flip(FloatBuffer src, FloatBuffer dst, long volumes, boolean fi, boolean fj, boolean fk, boolean add) {
      for (long v = 0; v < volumes; v++) {
        long base = v * roiVox;
        for (int z = 0; z < rk; z++) {
          int sz = fk ? rk - 1 - z : z;
          for (int y = 0; y < rj; y++) {
            int sy = fj ? rj - 1 - y : y;
            int d = (int) (base + ((long) z * rj + y) * ri);
            int s = (int) (base + ((long) sz * rj + sy) * ri);
            for (int x = 0; x < ri; x++) {
              float val = src.get(s + (fi ? ri - 1 - x : x));
              dst.put(d + x, add ? dst.get(d + x) + val : val);
            }
          }
        }
      }
    }

    private void checkOutput(Tensor out, int n) {
      long[] expected = {n, cout, rk, rj, ri};
      if (!java.util.Arrays.equals(out.shape(), expected)) {
        throw new InvalidArgumentException("MEDAI-SEG-032",
            "model returned shape %s for a window batch; expected %s (spatial size preserved, %d channels)"
                .formatted(java.util.Arrays.toString(out.shape()), java.util.Arrays.toString(expected), cout));
      }
    }

    /** Copies one window of every input channel into {@code dst} at {@code base}, padding outside the volume. */
    private void extract(long[] w, FloatBuffer dst, long base) {
      int[] mi = axisMap(w[0], ri, ni);
      int[] mj = axisMap(w[1], rj, nj);
      int[] mk = axisMap(w[2], rk, nk);
      int x0 = (int) Math.max(0, -w[0]);
      int x1 = (int) Math.min(ri, ni - w[0]);
      float pad = window.padValue();
      for (int c = 0; c < cin; c++) {
        for (int z = 0; z < rk; z++) {
          for (int y = 0; y < rj; y++) {
            int d = (int) (base + (((long) c * rk + z) * rj + y) * ri);
            if (mk[z] < 0 || mj[y] < 0) {
              for (int x = 0; x < ri; x++) dst.put(d + x, pad);
              continue;
            }
            FloatBuffer p = src[(int) (c * nk + mk[z])];
            int row = (int) (mj[y] * ni);
            if (x1 > x0 && x0 == 0 && x1 == ri && w[0] >= 0) {
              dst.put(d, p, row + (int) w[0], ri);
            } else {
              for (int x = 0; x < ri; x++) dst.put(d + x, mi[x] < 0 ? pad : p.get(row + mi[x]));
            }
          }
        }
      }
    }

    /** Source index for each window offset along one axis; -1 for constant padding. */
    private int[] axisMap(long start, int roi, long size) {
      int[] m = new int[roi];
      for (int x = 0; x < roi; x++) {
        long s = start + x;
        if (s >= 0 && s < size) {
          m[x] = (int) s;
          continue;
        }
        m[x] = switch (window.padding()) {
          case CONSTANT -> -1;
          case EDGE -> (int) Math.max(0, Math.min(size - 1, s));
          case REFLECT -> {
            if (size == 1) yield 0;
            long period = 2 * (size - 1);
            long r = Math.floorMod(s, period);
            yield (int) (r < size ? r : period - r);
          }
        };
      }
      return m;
    }

    /** Address of a model output's first element, after checking it holds the whole batch. */
    private long address(Tensor out) {
      out.hostBuffer().check(out.offset() * 4, out.byteSize());
      return out.hostBuffer().address() + out.offset() * 4;
    }

    /**
     * acc[c][z][y][x] += w · (scale · out[c][z][y][x]) over the window's part inside the volume and
     * the slab. Raw addresses: every index stays inside the accumulator slab (the ranges below are
     * clipped to the volume and the slab) and inside the checked output batch.
     */
    private void blend(long[] w, long out, long base, float scale, long z0, long z1) {
      int xb = (int) Math.min(ri, ni - w[0]);
      int yb = (int) Math.min(rj, nj - w[1]);
      int za = (int) Math.max(0, z0 - w[2]);
      int zb = (int) Math.min(rk, Math.min(nk, z1) - w[2]);
      long slabDepth = plan.slabDepth();
      for (int z = za; z < zb; z++) {
        long slabZ = w[2] + z - z0;
        for (int y = 0; y < yb; y++) {
          int m = (z * rj + y) * ri;
          long a = (w[1] + y) * ni + w[0];
          long ws = accAddress + ((cout * slabDepth + slabZ) * plane + a) * 4;
          for (int x = 0; x < xb; x++) {
            RawMemory.putFloat(ws + 4L * x, RawMemory.getFloat(ws + 4L * x) + importance[m + x]);
          }
          for (int c = 0; c < cout; c++) {
            long ac = accAddress + ((c * slabDepth + slabZ) * plane + a) * 4;
            long o = out + 4 * (base + ((long) c * rk + z) * rj * ri + (long) y * ri);
            for (int x = 0; x < xb; x++) {
              RawMemory.putFloat(ac + 4L * x, RawMemory.getFloat(ac + 4L * x) + importance[m + x] * (RawMemory.getFloat(o + 4L * x) * scale));
            }
          }
        }
      }
    }

    private void clearAccumulators() {
      for (FloatBuffer p : acc) for (int x = 0; x < plane; x++) p.put(x, 0f);
    }

    /** Normalises the slab, applies the activation, writes labels (and scores). */
    private void finishSlab(long z0, long z1) {
      long slabDepth = plan.slabDepth();
      NativeBuffer lab = labels.data().hostBuffer();
      boolean wide = labels.dtype() == DType.UINT16;
      float[] v = new float[cout];
      Activation act = window.activation();
      for (long z = z0; z < z1; z++) {
        long sz = z - z0;
        FloatBuffer wsum = acc[(int) (cout * slabDepth + sz)];
        for (int x = 0; x < plane; x++) {
          float ws = wsum.get(x);
          for (int c = 0; c < cout; c++) v[c] = acc[(int) (c * slabDepth + sz)].get(x) / ws;
          int label = Labels.argmaxLabel(v, act);
          long voxel = z * plane + x;
          if (wide) lab.putShort(voxel * 2, (short) label);
          else lab.putByte(voxel, (byte) label);
          if (probs != null) {
            NativeBuffer pb = probs.data().hostBuffer();
            for (int c = 0; c < cout; c++) pb.putFloat(((c * nk * plane) + voxel) * 4, v[c]);
          }
        }
      }
    }
  }
}
