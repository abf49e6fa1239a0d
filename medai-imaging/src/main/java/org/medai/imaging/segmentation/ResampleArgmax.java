package org.medai.imaging.segmentation;

import org.medai.core.InvalidArgumentException;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;

/**
 * Class scores on the model's grid to a label map on another grid (usually the source image's) in
 * one pass: each target voxel's centre is mapped into the score grid by one index affine, every
 * channel is interpolated trilinearly there (clamped at the edges), and the argmax is written. No
 * per-channel volume on the target grid is ever made: memory is the label map alone.
 * Stateless and thread-safe.
 */
public final class ResampleArgmax {
  private ResampleArgmax() {}

  /**
   * @param scores C-channel float32 scores (probabilities or logits) with their geometry
   * @param target the grid of the label map
   * @return UINT8 labels (UINT16 beyond 255 channels) on {@code target}, owned by {@code scope}
   */
  public static Volume toLabels(Volume scores, Geometry target, WorkPool pool, MemoryScope scope) {
    if (scores.dtype() != DType.FLOAT32) {
      throw new InvalidArgumentException("MEDAI-SEG-070", "scores must be float32; got " + scores.dtype());
    }
    Geometry src = scores.geometry();
    // target index -> LPS -> source index: idx_s = M · idx_t + t
    Mat3 toSrc = Mat3.diagonal(Vec3.of(1 / src.spacingMm().x(), 1 / src.spacingMm().y(), 1 / src.spacingMm().z()))
        .times(src.direction().transpose());
    Mat3 m = toSrc.times(target.direction()).times(Mat3.diagonal(target.spacingMm()));
    Vec3 t = toSrc.times(target.originLps().minus(src.originLps()));
    int c = scores.channels();
    Extent te = target.extent();
    Extent se = src.extent();
    Volume labels = Volume.zeros(c <= 255 ? DType.UINT8 : DType.UINT16, target, 1, scope);
    long ni = se.i(), nj = se.j(), nk = se.k(), plane = ni * nj;
    if (!scores.data().isContiguous()) {
      throw new InvalidArgumentException("MEDAI-SEG-071", "scores must be a contiguous tensor");
    }
    java.nio.FloatBuffer[] planes = new java.nio.FloatBuffer[(int) (c * nk)];
    for (int p = 0; p < planes.length; p++) {
      planes[p] = scores.data().hostBuffer()
          .asByteBuffer((scores.data().offset() + p * plane) * 4, (int) (plane * 4)).asFloatBuffer();
    }
    pool.parallelFor(te.k(), 1, (k0, k1) -> {
      float[] v = new float[c];
      for (long k = k0; k < k1; k++) {
        for (long j = 0; j < te.j(); j++) {
          for (long i = 0; i < te.i(); i++) {
            double x = m.get(0, 0) * i + m.get(0, 1) * j + m.get(0, 2) * k + t.x();
            double y = m.get(1, 0) * i + m.get(1, 1) * j + m.get(1, 2) * k + t.y();
            double z = m.get(2, 0) * i + m.get(2, 1) * j + m.get(2, 2) * k + t.z();
            x = Math.max(0, Math.min(ni - 1, x));
            y = Math.max(0, Math.min(nj - 1, y));
            z = Math.max(0, Math.min(nk - 1, z));
            long x0 = Math.min((long) x, ni - 1), y0 = Math.min((long) y, nj - 1), z0 = Math.min((long) z, nk - 1);
            long x1 = Math.min(x0 + 1, ni - 1), y1 = Math.min(y0 + 1, nj - 1), z1 = Math.min(z0 + 1, nk - 1);
            float fx = (float) (x - x0), fy = (float) (y - y0), fz = (float) (z - z0);
            int best = 0;
            int r00 = (int) (y0 * ni + x0), r01 = (int) (y0 * ni + x1), r10 = (int) (y1 * ni + x0), r11 = (int) (y1 * ni + x1);
            for (int ch = 0; ch < c; ch++) {
              java.nio.FloatBuffer p0 = planes[(int) (ch * nk + z0)];
              java.nio.FloatBuffer p1 = planes[(int) (ch * nk + z1)];
              float c00 = lerp(p0.get(r00), p0.get(r01), fx);
              float c10 = lerp(p0.get(r10), p0.get(r11), fx);
              float c01 = lerp(p1.get(r00), p1.get(r01), fx);
              float c11 = lerp(p1.get(r10), p1.get(r11), fx);
              v[ch] = lerp(lerp(c00, c10, fy), lerp(c01, c11, fy), fz);
              if (v[ch] > v[best]) best = ch;
            }
            labels.set(best, i, j, k);
          }
        }
      }
    });
    return labels;
  }

  private static float lerp(float a, float b, float f) {
    return Math.fma(f, b - a, a);
  }
}
