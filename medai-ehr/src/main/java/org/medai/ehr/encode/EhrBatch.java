package org.medai.ehr.encode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.ehr.internal.npy.NpyWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of N encoded samples as dense arrays with padding masks:
 * {@code grid_values}, {@code grid_mask}, {@code grid_delta} [N, T, D] float32, {@code grid_time_mask}
 * [N, T]; {@code seq_times}, {@code seq_values}, {@code seq_mask} [N, L] float32 and {@code seq_vars}
 * [N, L] int32; {@code static} [N, S]; {@code labels} [N]. Absent parts are left out. The arrays are
 * heap copies owned by the batch; {@link #toTensors} copies them into off-heap medai tensors owned by
 * the given scope, {@link #toNd4j} into ND4J arrays (the caller owns those). Not thread-safe to build,
 * immutable after.
 */
public final class EhrBatch {
  private final Map<String, float[]> floats = new LinkedHashMap<>();
  private final Map<String, int[]> ints = new LinkedHashMap<>();
  private final Map<String, long[]> shapes = new LinkedHashMap<>();
  private final int size;

  private EhrBatch(int size) {
    this.size = size;
  }

  /**
   * @param grids grid samples (all of one spec), or empty
   * @param sequences sequence samples (all of one length), or empty
   * @param statics static feature rows (all of one width), or empty
   * @param labels one label per sample, or {@code null}
   */
  public static EhrBatch of(List<GridSample> grids, List<SequenceSample> sequences, List<float[]> statics, float[] labels) {
    int n = Math.max(grids.size(), Math.max(sequences.size(), statics.size()));
    EhrBatch b = new EhrBatch(n);
    if (!grids.isEmpty()) {
      check("grids", grids.size(), n);
      int t = grids.get(0).bins();
      int d = grids.get(0).vars();
      float[] v = new float[n * t * d];
      float[] m = new float[n * t * d];
      float[] dl = new float[n * t * d];
      float[] tm = new float[n * t];
      for (int i = 0; i < n; i++) {
        GridSample g = grids.get(i);
        if (g.bins() != t || g.vars() != d) throw new EncodeException("MEDAI-ENC-040", "grid samples differ in shape");
        System.arraycopy(g.values(), 0, v, i * t * d, t * d);
        System.arraycopy(g.mask(), 0, m, i * t * d, t * d);
        System.arraycopy(g.delta(), 0, dl, i * t * d, t * d);
        System.arraycopy(g.timeMask(), 0, tm, i * t, t);
      }
      b.put("grid_values", v, n, t, d);
      b.put("grid_mask", m, n, t, d);
      b.put("grid_delta", dl, n, t, d);
      b.put("grid_time_mask", tm, n, t);
    }
    if (!sequences.isEmpty()) {
      check("sequences", sequences.size(), n);
      int l = sequences.get(0).maxLength();
      float[] tt = new float[n * l];
      int[] vv = new int[n * l];
      float[] xx = new float[n * l];
      float[] mm = new float[n * l];
      for (int i = 0; i < n; i++) {
        SequenceSample s = sequences.get(i);
        if (s.maxLength() != l) throw new EncodeException("MEDAI-ENC-041", "sequence samples differ in length");
        System.arraycopy(s.timesHours(), 0, tt, i * l, l);
        System.arraycopy(s.variables(), 0, vv, i * l, l);
        System.arraycopy(s.values(), 0, xx, i * l, l);
        System.arraycopy(s.mask(), 0, mm, i * l, l);
      }
      b.put("seq_times", tt, n, l);
      b.ints.put("seq_vars", vv);
      b.shapes.put("seq_vars", new long[] {n, l});
      b.put("seq_values", xx, n, l);
      b.put("seq_mask", mm, n, l);
    }
    if (!statics.isEmpty()) {
      check("statics", statics.size(), n);
      int s = statics.get(0).length;
      float[] st = new float[n * s];
      for (int i = 0; i < n; i++) System.arraycopy(statics.get(i), 0, st, i * s, s);
      b.put("static", st, n, s);
    }
    if (labels != null) {
      check("labels", labels.length, n);
      b.put("labels", labels.clone(), n);
    }
    return b;
  }

  private static void check(String what, int got, int n) {
    if (got != n) throw new EncodeException("MEDAI-ENC-042", what + " has " + got + " rows, the batch has " + n);
  }

  private void put(String name, float[] data, long... shape) {
    floats.put(name, data);
    shapes.put(name, shape);
  }

  public int size() {
    return size;
  }

  /** Array names with their shapes, in a stable order. */
  public Map<String, long[]> shapes() {
    Map<String, long[]> m = new LinkedHashMap<>();
    shapes.forEach((k, v) -> m.put(k, v.clone()));
    return m;
  }

  /** Copies every array into a medai host tensor owned by {@code scope}. */
  public Map<String, Tensor> toTensors(MemoryScope scope) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (String k : shapes.keySet()) {
      long[] shape = shapes.get(k);
      if (floats.containsKey(k)) {
        out.put(k, Tensor.ofFloats(scope, floats.get(k), shape));
      } else {
        int[] a = ints.get(k);
        Tensor t = Tensor.allocate(DType.INT32, scope, shape);
        for (int i = 0; i < a.length; i++) t.hostBuffer().putInt(4L * i, a[i]);
        out.put(k, t);
      }
    }
    return out;
  }

  /** Copies every array into an ND4J array (float32, or int32 for {@code seq_vars}). */
  public Map<String, INDArray> toNd4j() {
    Map<String, INDArray> out = new LinkedHashMap<>();
    for (String k : shapes.keySet()) {
      long[] shape = shapes.get(k);
      out.put(k, floats.containsKey(k) ? Nd4j.create(floats.get(k), shape, DataType.FLOAT) : Nd4j.create(ints.get(k), shape, DataType.INT32));
    }
    return out;
  }

  /** Writes each array as {@code <name>.npy} into {@code dir}. */
  public void writeNpy(Path dir) throws IOException {
    for (String k : shapes.keySet()) {
      Path f = dir.resolve(k + ".npy");
      if (floats.containsKey(k)) NpyWriter.writeFloat32(f, floats.get(k), shapes.get(k));
      else NpyWriter.writeInt32(f, ints.get(k), shapes.get(k));
    }
  }

  /** The float array {@code name} (a view, do not modify), or {@code null}. */
  public float[] floats(String name) {
    return floats.get(name);
  }
}
