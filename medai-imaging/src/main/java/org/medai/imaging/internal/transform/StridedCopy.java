package org.medai.imaging.internal.transform;

import org.medai.core.concurrent.WorkPool;
import org.medai.core.memory.RawMemory;
import org.medai.core.tensor.Tensor;

/**
 * Copies a (C, D, H, W) host tensor view with arbitrary (also negative) strides into a contiguous
 * tensor of the same dtype and shape, row by row over the {@link WorkPool}; rows whose i stride is
 * one element are a single memory copy. Used by reorientation (a permuted, flipped view of the
 * source). Bytes are copied unchanged.
 */
public final class StridedCopy {
  private StridedCopy() {}

  public static void copy(Tensor view, Tensor out, WorkPool pool) {
    int es = view.dtype().byteSize();
    long[] sh = view.shape();
    long[] st = view.strides();
    long src = view.hostBuffer().address() + view.offset() * es;
    long dst = out.hostBuffer().address() + out.offset() * es;
    long nc = sh[0], nz = sh[1], ny = sh[2], nx = sh[3];
    long rows = nc * nz * ny;
    pool.parallelFor(rows, 64, (from, to) -> {
      for (long r = from; r < to; r++) {
        long j = r % ny, k = (r / ny) % nz, c = r / (ny * nz);
        long s = src + (c * st[0] + k * st[1] + j * st[2]) * es;
        long d = dst + r * nx * es;
        if (st[3] == 1) {
          RawMemory.copy(s, d, nx * es);
        } else {
          long step = st[3] * es;
          for (long i = 0; i < nx; i++) VoxelAccess.copy(es, s + i * step, d + i * es);
        }
      }
    });
  }
}
