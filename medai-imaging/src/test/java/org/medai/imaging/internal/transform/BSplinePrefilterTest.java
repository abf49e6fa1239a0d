package org.medai.imaging.internal.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.memory.NativeBuffer;
import org.medai.core.memory.RawMemory;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;
import org.medai.imaging.transform.ResampleOptions;
import org.medai.imaging.transform.ResamplePlan;

/**
 * The blocked prefilter (interleaved i lines, whole-row lanes along j and k) must give the bits of
 * the plain one-line recursion ({@link BSplinePrefilter#filterLine}, the documented operation
 * sequence) applied along i, then j, then k.
 */
class BSplinePrefilterTest {

  @Test
  void prefilterVolume_blockedPasses_equalOneLineRecursionPerAxisBitForBit() {
    int nx = 23, ny = 19, nz = 11;
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      Geometry g = Geometry.axisAligned(Extent.of(nx, ny, nz), Vec3.of(0.7, 0.8, 2.5), Vec3.ZERO);
      Random rnd = new Random(3);
      float[][][] v = new float[nz][ny][nx];
      for (DType t : new DType[] {DType.INT16, DType.FLOAT32}) {
        Volume in = Volume.allocate(t, g, 1, scope);
        for (int k = 0; k < nz; k++) {
          for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
              int x = rnd.nextInt(4000) - 1000;
              in.set(x, i, j, k);
              v[k][j][i] = x;
            }
          }
        }
        ResamplePlan plan = ResamplePlan.create(g, t, Geometry.axisAligned(Extent.of(5, 5, 5), Vec3.ONES, Vec3.ZERO),
            null, ResampleOptions.bspline());
        NativeBuffer coeff = scope.allocate(plan.temporaryBytes());
        BSplinePrefilter.run(in.data().select(0), plan, coeff.address(), pool);
        float[][][] e = oracle(v, nx, ny, nz);
        for (int k = 0; k < nz; k++) {
          for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
              float got = RawMemory.getFloat(coeff.address() + 4L * ((k * ny + j) * nx + i));
              assertEquals(Float.floatToRawIntBits(e[k][j][i]), Float.floatToRawIntBits(got),
                  t + " coefficient " + i + "," + j + "," + k);
            }
          }
        }
      }
    }
  }

  private static float[][][] oracle(float[][][] v, int nx, int ny, int nz) {
    float[][][] c = new float[nz][ny][nx];
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        c[k][j] = v[k][j].clone();
        BSplinePrefilter.filterLine(c[k][j], nx);
      }
    }
    float[] line = new float[Math.max(ny, nz)];
    for (int k = 0; k < nz; k++) {
      for (int i = 0; i < nx; i++) {
        for (int j = 0; j < ny; j++) line[j] = c[k][j][i];
        BSplinePrefilter.filterLine(line, ny);
        for (int j = 0; j < ny; j++) c[k][j][i] = line[j];
      }
    }
    for (int j = 0; j < ny; j++) {
      for (int i = 0; i < nx; i++) {
        for (int k = 0; k < nz; k++) line[k] = c[k][j][i];
        BSplinePrefilter.filterLine(line, nz);
        for (int k = 0; k < nz; k++) c[k][j][i] = line[k];
      }
    }
    return c;
  }
}
