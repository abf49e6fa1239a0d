package org.medai.core.tensor;

import java.util.Arrays;
import org.medai.core.GeometryException;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.memory.MemoryScope;

/**
 * A 3-D image with physical geometry: a tensor of shape (C, D, H, W) — channels, then k, j, i with i
 * fastest — and the {@link Geometry} that places its voxels in patient LPS space (mm). The pairing
 * is immutable and thread-safe; the voxel values follow {@link Tensor}'s rules.
 */
public final class Volume {
  private final Tensor data;
  private final Geometry geometry;

  private Volume(Tensor data, Geometry geometry) {
    this.data = data;
    this.geometry = geometry;
  }

  /**
   * Pairs a tensor with a geometry. The tensor is (D, H, W) for one channel or (C, D, H, W); its
   * D, H, W must equal the geometry's k, j, i extent.
   */
  public static Volume of(Tensor data, Geometry geometry) {
    Tensor t = data;
    if (t.rank() == 3) {
      t = t.view(t.offset(), new long[] {1, t.shape(0), t.shape(1), t.shape(2)},
          new long[] {t.elementCount(), t.strides()[0], t.strides()[1], t.strides()[2]});
    }
    if (t.rank() != 4) {
      throw new GeometryException("MEDAI-GEOM-020",
          "a volume's tensor must be (D,H,W) or (C,D,H,W); got shape " + Arrays.toString(data.shape()));
    }
    Extent e = geometry.extent();
    if (t.shape(1) != e.k() || t.shape(2) != e.j() || t.shape(3) != e.i()) {
      throw new GeometryException("MEDAI-GEOM-021",
          "tensor shape %s does not match geometry extent (i=%d, j=%d, k=%d); expected (C,%d,%d,%d)"
              .formatted(Arrays.toString(data.shape()), e.i(), e.j(), e.k(), e.k(), e.j(), e.i()));
    }
    return new Volume(t, geometry);
  }

  /** Uninitialised host volume with {@code channels} channels. */
  public static Volume allocate(DType dtype, Geometry geometry, int channels, MemoryScope scope) {
    Extent e = geometry.extent();
    return new Volume(Tensor.allocate(dtype, scope, channels, e.k(), e.j(), e.i()), geometry);
  }

  /** Zero-filled host volume with {@code channels} channels. */
  public static Volume zeros(DType dtype, Geometry geometry, int channels, MemoryScope scope) {
    Extent e = geometry.extent();
    return new Volume(Tensor.zeros(dtype, scope, channels, e.k(), e.j(), e.i()), geometry);
  }

  /** The (C, D, H, W) tensor. */
  public Tensor data() {
    return data;
  }

  public Geometry geometry() {
    return geometry;
  }

  public DType dtype() {
    return data.dtype();
  }

  public int channels() {
    return (int) data.shape(0);
  }

  public Extent extent() {
    return geometry.extent();
  }

  /** Voxel value of channel 0 at index (i, j, k). */
  public double get(long i, long j, long k) {
    return data.getDouble(0, k, j, i);
  }

  public double get(int channel, long i, long j, long k) {
    return data.getDouble(channel, k, j, i);
  }

  public void set(double value, long i, long j, long k) {
    data.setDouble(value, 0, k, j, i);
  }

  public void set(double value, int channel, long i, long j, long k) {
    data.setDouble(value, channel, k, j, i);
  }

  /** The same voxels with another geometry of the same extent. */
  public Volume withGeometry(Geometry g) {
    return of(data, g);
  }

  /** One channel as a single-channel volume sharing memory. */
  public Volume channel(int c) {
    Tensor t = data;
    long[] st = t.strides();
    return new Volume(t.view(t.offset() + c * st[0], new long[] {1, t.shape(1), t.shape(2), t.shape(3)},
        new long[] {st[0], st[1], st[2], st[3]}), geometry);
  }

  @Override
  public String toString() {
    return "Volume[" + data.dtype() + ", C=" + channels() + ", " + geometry.extent() + ", " + geometry.orientationCode() + "]";
  }
}
