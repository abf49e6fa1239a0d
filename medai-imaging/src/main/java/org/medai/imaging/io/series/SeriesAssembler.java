package org.medai.imaging.io.series;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.medai.core.ReadLimits;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;
import org.medai.imaging.internal.series.StackPlanner;

/**
 * Turns a stack of 2-D slices into one {@link Volume}. {@link #plan} works from headers only:
 * checks that the slices share matrix, type, pixel spacing and orientation; sorts them by
 * ImagePositionPatient projected on the normal (row cosine × column cosine); takes the slice
 * spacing from the positions (SliceThickness and SpacingBetweenSlices are not trusted); finds
 * missing slices (a gap above 1.5 × the median) and gantry tilt (positions off the normal line).
 * {@link #assemble} then reads the pixels in parallel into memory the caller owns.
 *
 * <p>Geometry follows DESIGN.md: origin = the first sorted slice's ImagePositionPatient, direction
 * columns = (row cosine, column cosine, normal), spacing = (PixelSpacing[1], PixelSpacing[0], gap).
 * Stateless and thread-safe; the cost of {@code assemble} is one copy of the voxels.
 */
public final class SeriesAssembler {
  private SeriesAssembler() {}

  /** Splits slices into groups that can each become one volume (same matrix, type, spacing, orientation). */
  public static List<List<SliceHeader>> partition(List<SliceHeader> slices, AssemblyOptions options) {
    return StackPlanner.partition(slices, options);
  }

  /** Plans the volume from headers; throws {@link SeriesAssemblyException} saying why when it cannot. */
  public static SeriesPlan plan(List<SliceHeader> slices, AssemblyOptions options) {
    return StackPlanner.plan(slices, options);
  }

  /** Plans and assembles. */
  public static SeriesVolume assemble(List<SliceHeader> slices, SlicePixels pixels, AssemblyOptions options,
                                      ReadLimits limits, WorkPool pool, MemoryScope scope) {
    return assemble(plan(slices, options), pixels, limits, pool, scope);
  }

  /**
   * Reads every slice of a plan into a new volume owned by {@code scope}: the stored type when the
   * rescale is shared by all slices, else float32 with each slice's rescale applied. Filled gaps are
   * stored value 0. {@code pool} may be null (one thread).
   */
  public static SeriesVolume assemble(SeriesPlan plan, SlicePixels pixels, ReadLimits limits, WorkPool pool,
                                      MemoryScope scope) {
    SliceHeader first = plan.slices().get(0);
    boolean uniform = plan.uniformRescale();
    DType out = uniform ? first.storedType() : DType.FLOAT32;
    Extent e = plan.geometry().extent();
    int samples = first.samplesPerPixel();
    limits.checkItems("slices in the series", e.k());
    limits.checkTotal("assembled volume", Math.multiplyExact(Math.multiplyExact(e.voxelCount(), samples), out.byteSize()));
    Volume v = Volume.zeros(out, plan.geometry(), samples, scope);
    Tensor t = v.data();
    int[] sliceK = plan.sliceK();
    List<SliceHeader> slices = plan.slices();
    long plane = (long) first.rows() * first.columns();
    WorkPool.RangeBody body = (from, to) -> {
      for (long i = from; i < to; i++) {
        SliceHeader s = slices.get((int) i);
        byte[] b = pixels.read(s);
        if (b == null || b.length != s.storedBytes()) {
          throw new SeriesAssemblyException("MEDAI-SERIES-020",
              "slice %s gave %d bytes of pixels; expected %d (%d x %d x %d of %s)".formatted(s.label(),
                  b == null ? 0 : b.length, s.storedBytes(), s.columns(), s.rows(), s.samplesPerPixel(), s.storedType()));
        }
        long k = sliceK[(int) i];
        if (uniform && samples == 1 && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
          t.hostBuffer().write(k * plane * out.byteSize(), b, 0, b.length);
          continue;
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int size = s.storedType().byteSize();
        double slope = uniform ? 1 : s.rescaleSlope();
        double inter = uniform ? 0 : s.rescaleIntercept();
        for (long p = 0; p < plane; p++) {
          for (int c = 0; c < samples; c++) {
            int at = (int) ((p * samples + c) * size);
            double value = switch (s.storedType()) {
              case UINT8 -> bb.get(at) & 0xFF;
              case INT8 -> bb.get(at);
              case INT16 -> bb.getShort(at);
              case UINT16 -> bb.getShort(at) & 0xFFFF;
              case INT32 -> bb.getInt(at);
              case FLOAT32 -> bb.getFloat(at);
              case FLOAT64 -> bb.getDouble(at);
            };
            t.writeDouble(((c * e.k() + k) * plane) + p, value * slope + inter);
          }
        }
      }
    };
    if (pool == null) body.run(0, slices.size());
    else pool.parallelFor(slices.size(), 1, body);
    double slope = uniform ? plan.rescaleSlope() : 1;
    double inter = uniform ? plan.rescaleIntercept() : 0;
    return new SeriesVolume(v, plan, slope, inter, !uniform);
  }
}
