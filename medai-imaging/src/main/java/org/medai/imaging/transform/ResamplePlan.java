package org.medai.imaging.transform;

import java.util.Arrays;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.tensor.DType;

/**
 * Everything a backend needs to execute one resample, computed once: source and target grids, the
 * target-index → source-index affine, the per-axis interpolation kernels, the boundary policy, the
 * output dtype and the fused rescale, plus the memory the execution will allocate. Immutable,
 * thread-safe, cheap (no voxel work); a CPU executor ({@link Resample#execute}) and a device
 * executor run the same plan.
 *
 * <h2>Arithmetic contract (identical on every backend)</h2>
 * The affine {@code A} (3×4, row-major) is computed in double from the geometries and rounded to
 * float32; entries within 1e-7 of an integer are snapped to it, so grids that differ by whole
 * voxels map exactly. For output voxel (i, j, k) the source coordinate on axis r is
 * {@code x_r = fma(A[r][0], i, fma(A[r][1], j, fma(A[r][2], k, A[r][3])))} in float32 (the CPU
 * computes the inner part once per row). The boundary policy maps {@code x_r} into
 * {@code [0, n_r - 1]} ({@link Boundary}). Then:
 * <ul>
 *   <li>nearest: {@code (int)(x + 0.5f)};
 *   <li>linear: {@code i0 = (int) x}, {@code f = x - i0}, {@code i1 = min(i0 + 1, n - 1)};
 *       {@code lerp(a, b, f) = fma(f, b - a, a)} along k, then j, then i;
 *   <li>B-spline / mixed kernels: per-axis weights (cubic: {@code w0 = (1-t)³/6}, {@code w3 = t³/6},
 *       {@code w1 = fma(0.5, t³, fma(-1, t², 2/3))}, {@code w2 = ((1 - w0) - w1) - w3}; linear
 *       {@code 1 - f, f}; nearest 1), summed as {@code acc = fma(w, value, acc)} starting from 0 over
 *       the k taps (innermost), then the j taps, then the i taps;
 *   <li>rescale: {@code fma(v, slope, intercept)}, skipped when slope is 1 and intercept 0.
 * </ul>
 * Source values are converted to float32 with a plain cast.
 */
public final class ResamplePlan {

  /** The 1-D kernel applied along one source axis. */
  public enum AxisKernel {
    NEAREST(1), LINEAR(2), CUBIC(4);

    private final int taps;

    AxisKernel(int taps) {
      this.taps = taps;
    }

    public int taps() {
      return taps;
    }
  }

  private static final double SNAP = 1e-7;

  private final Geometry source;
  private final DType sourceType;
  private final Geometry target;
  private final float[] indexAffine;
  private final AxisKernel[] kernels;
  private final Interpolation interpolation;
  private final Boundary boundary;
  private final double fillValue;
  private final DType outputType;
  private final float slope;
  private final float intercept;

  private ResamplePlan(Geometry source, DType sourceType, Geometry target, float[] indexAffine,
      AxisKernel[] kernels, ResampleOptions o, DType outputType) {
    this.source = source;
    this.sourceType = sourceType;
    this.target = target;
    this.indexAffine = indexAffine;
    this.kernels = kernels;
    this.interpolation = o.interpolation();
    this.boundary = o.boundary();
    this.fillValue = o.fillValue();
    this.outputType = outputType;
    this.slope = (float) o.rescaleSlope();
    this.intercept = (float) o.rescaleIntercept();
  }

  /**
   * Plans resampling a source of the given grid and dtype onto {@code target}.
   *
   * @param transform maps target-grid LPS points to source LPS points (ITK convention), or
   *     {@code null} for the identity
   */
  public static ResamplePlan create(Geometry source, DType sourceType, Geometry target, AffineLps transform,
      ResampleOptions options) {
    AffineLps m = transform == null ? AffineLps.IDENTITY : transform;
    // index_s = S_s^-1 D_s^T (M (O_t + D_t S_t index_t) + b - O_s)
    Mat3 toSrcIdx = Mat3.diagonal(inv(source.spacingMm())).times(source.direction().transpose());
    Mat3 lin = toSrcIdx.times(m.matrix()).times(target.direction()).times(Mat3.diagonal(target.spacingMm()));
    Vec3 t = toSrcIdx.times(m.apply(target.originLps()).minus(source.originLps()));
    float[] a = new float[12];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) a[r * 4 + c] = snap(lin.get(r, c));
      a[r * 4 + 3] = snap(t.get(r));
    }
    DType out = options.resolveOutputType(sourceType);
    if (options.interpolation() == Interpolation.LABEL_LINEAR && out != sourceType) {
      throw new TransformException("MEDAI-XFORM-020",
          "label resampling keeps the source dtype %s; do not ask for %s".formatted(sourceType, out));
    }
    if (options.interpolation() == Interpolation.NEAREST && out != sourceType
        && out != DType.FLOAT32 && out != DType.FLOAT64) {
      throw new TransformException("MEDAI-XFORM-021",
          "nearest resampling writes the source dtype or a float type; got %s for a %s source".formatted(out, sourceType));
    }
    if ((options.interpolation() == Interpolation.LINEAR || options.interpolation() == Interpolation.BSPLINE)
        && out != DType.FLOAT32) {
      throw new TransformException("MEDAI-XFORM-022",
          "%s resampling writes float32; got %s".formatted(options.interpolation(), out));
    }
    return new ResamplePlan(source, sourceType, target, a, kernelsFor(source, target, options), options, out);
  }

  private static AxisKernel[] kernelsFor(Geometry source, Geometry target, ResampleOptions o) {
    AxisKernel base = switch (o.interpolation()) {
      case NEAREST -> AxisKernel.NEAREST;
      case LINEAR, LABEL_LINEAR -> AxisKernel.LINEAR;
      case BSPLINE -> AxisKernel.CUBIC;
    };
    AxisKernel[] k = {base, base, base};
    if (base == AxisKernel.NEAREST || o.interpolation() == Interpolation.LABEL_LINEAR
        || Double.isInfinite(o.anisotropyThreshold())) {
      return k;
    }
    int axis = -1;
    if (ratio(source.spacingMm()) > o.anisotropyThreshold()) {
      axis = argmax(source.spacingMm());
    } else if (ratio(target.spacingMm()) > o.anisotropyThreshold()) {
      // the target's coarse axis, expressed as the source axis most parallel to it
      Vec3 dir = target.direction().column(argmax(target.spacingMm()));
      Vec3 inSrc = source.direction().transpose().times(dir);
      axis = argmax(new Vec3(Math.abs(inSrc.x()), Math.abs(inSrc.y()), Math.abs(inSrc.z())));
    }
    if (axis >= 0) {
      k[axis] = o.throughPlane() == Interpolation.LINEAR ? AxisKernel.LINEAR : AxisKernel.NEAREST;
    }
    return k;
  }

  private static double ratio(Vec3 s) {
    double max = Math.max(s.x(), Math.max(s.y(), s.z()));
    double min = Math.min(s.x(), Math.min(s.y(), s.z()));
    return max / min;
  }

  private static int argmax(Vec3 v) {
    int best = 0;
    for (int a = 1; a < 3; a++) if (v.get(a) > v.get(best)) best = a;
    return best;
  }

  private static Vec3 inv(Vec3 v) {
    return new Vec3(1 / v.x(), 1 / v.y(), 1 / v.z());
  }

  private static float snap(double v) {
    double r = Math.rint(v);
    return (float) (Math.abs(v - r) < SNAP ? r : v);
  }

  public Geometry source() {
    return source;
  }

  public DType sourceType() {
    return sourceType;
  }

  public Geometry target() {
    return target;
  }

  /** The target-index → source-index affine, 3×4 row-major float32 (a copy). */
  public float[] indexAffine() {
    return indexAffine.clone();
  }

  /** Kernel along source axis 0 (i), 1 (j), 2 (k). */
  public AxisKernel kernel(int axis) {
    return kernels[axis];
  }

  public Interpolation interpolation() {
    return interpolation;
  }

  public Boundary boundary() {
    return boundary;
  }

  public double fillValue() {
    return fillValue;
  }

  public DType outputType() {
    return outputType;
  }

  public float rescaleSlope() {
    return slope;
  }

  public float rescaleIntercept() {
    return intercept;
  }

  public boolean isRescaled() {
    return slope != 1f || intercept != 0f;
  }

  /** True when every source coordinate depends on one output index only (no rotation or shear). */
  public boolean isSeparable() {
    float[] a = indexAffine;
    return a[1] == 0 && a[2] == 0 && a[4] == 0 && a[6] == 0 && a[8] == 0 && a[9] == 0;
  }

  /** True when the source axis needs a B-spline prefilter. */
  public boolean prefilters(int axis) {
    return kernels[axis] == AxisKernel.CUBIC && source.extent().get(axis) > 1;
  }

  public boolean needsCoefficients() {
    return kernels[0] == AxisKernel.CUBIC || kernels[1] == AxisKernel.CUBIC || kernels[2] == AxisKernel.CUBIC;
  }

  /** Bytes of the output volume for {@code channels} channels. */
  public long outputBytes(int channels) {
    return Math.multiplyExact(target.extent().voxelCount() * channels, (long) outputType.byteSize());
  }

  /**
   * Off-heap temporaries the execution allocates beside the output: one float32 coefficient volume
   * of the source's size (one channel at a time) when any axis is cubic, else nothing.
   */
  public long temporaryBytes() {
    return needsCoefficients() ? Math.multiplyExact(source.extent().voxelCount(), 4L) : 0;
  }

  /**
   * Java-heap scratch per worker thread, an upper bound in bytes: per-axis tap tables (shared,
   * 48 bytes per output index along i, j and k), for rotation-free plans the cached intermediate
   * planes of one band of output rows (about 256 KiB, at least 8 rows), a few staged source rows
   * and up to 64 KiB of int16 source rows read at once, and for B-splines one float32 source plane of the prefilter (at least 512 KiB). Bounded
   * by the source and output plane sizes, never the volume.
   */
  public long perThreadScratchBytes() {
    Extent e = target.extent(), s = source.extent();
    long tables = 48 * (e.i() + e.j() + e.k());
    // plane cache (rows padded to whole vectors), staged rows, int16 rows read at once, row buffers
    long rows = Math.max(256L << 10, 5 * 8 * 4 * (e.i() + 16)) + 4 * 6 * (s.i() + 1) + 2 * Math.max(32L << 10, s.i())
        + 12 * (e.i() + 16);
    long prefilter = needsCoefficients() ? Math.max(512L << 10, 4 * s.i() * s.j()) : 0;
    return tables + Math.max(rows, prefilter) + 1024;
  }

  @Override
  public String toString() {
    return "ResamplePlan[" + interpolation + " " + Arrays.toString(kernels) + ", " + boundary + ", "
        + sourceType + "->" + outputType + ", " + source.extent() + "->" + target.extent()
        + (isSeparable() ? ", separable" : "") + "]";
  }
}
