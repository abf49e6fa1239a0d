package org.medai.imaging.internal.transform.cuda;

import org.medai.core.backend.Backend;
import org.medai.core.backend.Backends;
import org.medai.core.backend.DeviceKernels;
import org.medai.core.backend.DeviceKernels.Grid;
import org.medai.core.backend.DeviceKernels.Kernel;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;
import org.medai.imaging.transform.Interpolation;
import org.medai.imaging.transform.ResamplePlan;
import org.medai.imaging.transform.ResamplePlan.AxisKernel;
import org.medai.imaging.transform.TransformException;

/**
 * Device executors of the spatial and intensity transforms, for volumes whose tensor lives on a
 * device backend that runs kernels ({@link Backend#kernels()}; today CUDA). The kernels
 * ({@code org/medai/imaging/kernels/*.cu}) are the twins of the CPU reference
 * ({@code CpuResampler}'s per-voxel path, {@code BSplinePrefilter}, {@code StridedCopy},
 * {@code CpuIntensity.map}) with the same float32 operations in the same order. Results are
 * allocated on the same device in the caller's scope; nothing passes through host memory.
 *
 * <p>Stateless and thread-safe. Launches are asynchronous on the backend's stream; results are
 * ordered after them, and {@link Backend#download} waits. The B-spline path allocates one float32
 * coefficient volume (one source channel) in a child scope and synchronizes before freeing it.
 */
public final class DeviceTransforms {
  private static final String RESAMPLE = "/org/medai/imaging/kernels/resample.cu";
  private static final String REORIENT = "/org/medai/imaging/kernels/reorient.cu";
  private static final String INTENSITY = "/org/medai/imaging/kernels/intensity.cu";
  /** The prefilter's pole and anticausal gain, computed exactly as {@code BSplinePrefilter} does. */
  private static final float Z = (float) (Math.sqrt(3) - 2);
  private static final float ANTI = Z / (Z * Z - 1f);
  /** Threads per block along output i and j of the 3-D kernels (resample, load, gather, intensity). */
  static final int BLOCK_I = 32, BLOCK_J = 8;

  private DeviceTransforms() {}

  /** The backend owning a device tensor; throws a clear error when it cannot run kernels. */
  public static Backend backendOf(Tensor t) {
    Backend b = Backends.owning(t).orElseThrow(() -> new TransformException("MEDAI-XFORM-060",
        "tensor on %s has no owning device backend; device transforms need a tensor allocated by a backend".formatted(t.device())));
    if (b.kernels().isEmpty()) {
      throw new TransformException("MEDAI-XFORM-061",
          "the %s backend holding this volume runs no device kernels; download the volume to the host first".formatted(b.name()));
    }
    return b;
  }

  private static DeviceKernels kernels(Backend b) {
    return b.kernels().orElseThrow();
  }

  /** The kernel launcher of a backend {@link #backendOf} accepted. */
  static DeviceKernels kernelsOf(Backend b) {
    return kernels(b);
  }

  /** Allocates a contiguous (C, D, H, W) volume on {@code backend}. */
  public static Volume allocate(Backend backend, DType dtype, Geometry g, int channels, MemoryScope scope) {
    Extent e = g.extent();
    return Volume.of(backend.allocate(dtype, scope, channels, e.k(), e.j(), e.i()), g);
  }

  /** Kernel-name suffix of a dtype. */
  static String suffix(DType t) {
    return switch (t) {
      case UINT8 -> "u8";
      case INT8 -> "i8";
      case INT16 -> "i16";
      case UINT16 -> "u16";
      case INT32 -> "i32";
      case FLOAT32 -> "f32";
      case FLOAT64 -> "f64";
    };
  }

  private static int kernelCode(AxisKernel k) {
    return switch (k) {
      case NEAREST -> 0;
      case LINEAR -> 1;
      case CUBIC -> 2;
    };
  }

  private static int modeCode(ResamplePlan p) {
    return switch (p.boundary()) {
      case CONSTANT -> 0;
      case EDGE -> 1;
      case MIRROR -> 2;
    };
  }

  /**
   * Executes {@code plan} from {@code v} into {@code out}, both on the same device backend; out is
   * contiguous with the plan's target extent and output dtype and v's channel count.
   */
  public static void resample(ResamplePlan plan, Volume v, Volume out, MemoryScope scope) {
    Backend b = backendOf(v.data());
    if (Backends.owning(out.data()).orElse(null) != b || !out.data().isContiguous()) {
      throw new TransformException("MEDAI-XFORM-062",
          "device resample output must be a contiguous volume on the source's backend (%s); got one on %s"
              .formatted(v.data().device(), out.data().device()));
    }
    DeviceKernels k = kernels(b);
    Extent te = plan.target().extent();
    Extent se = plan.source().extent();
    int nc = v.channels();
    Tensor src = v.data();
    long[] st = src.strides();
    String s = suffix(plan.sourceType());
    int rescale = plan.isRescaled() ? 1 : 0;
    if (plan.needsCoefficients()) {
      try (MemoryScope tmp = scope.child()) {
        Tensor coeff = b.allocate(DType.FLOAT32, tmp, se.k(), se.j(), se.i());
        long voxels = se.voxelCount();
        for (int c = 0; c < nc; c++) {
          Tensor ch = src.select(c);
          long[] cs = ch.strides();
          k.launch(new Kernel(DeviceTransforms.class, RESAMPLE, "medai_bspline_load_" + s),
              Grid.cover(se.i(), se.j(), se.k(), BLOCK_I, BLOCK_J),
              ch, coeff, (int) se.i(), (int) se.j(), (int) se.k(), cs[2], cs[1], cs[0]);
          for (int axis = 0; axis < 3; axis++) {
            if (!plan.prefilters(axis)) continue;
            long lines = voxels / se.get(axis);
            k.launch(new Kernel(DeviceTransforms.class, RESAMPLE, "medai_bspline_prefilter"), k.gridStride(lines),
                coeff, (int) se.i(), (int) se.j(), (int) se.k(), axis, Z, ANTI);
          }
          Object[] grid = gridArgs(plan, coeff, out.data().select(c), 1, 1L, se.i(), se.i() * se.j(), 0L);
          k.launch(new Kernel(DeviceTransforms.class, RESAMPLE, "medai_resample_taps_f32"), grid(te, 1),
              concat(grid, kernelCode(plan.kernel(0)), kernelCode(plan.kernel(1)), kernelCode(plan.kernel(2)),
                  rescale, plan.rescaleSlope(), plan.rescaleIntercept(), (float) plan.fillValue()));
        }
        b.synchronize(); // the coefficients are freed when tmp closes
      }
      return;
    }
    Object[] grid = gridArgs(plan, src, out.data(), nc, st[3], st[2], st[1], st[0]);
    Grid g = grid(te, nc);
    Interpolation interp = plan.interpolation();
    if (interp == Interpolation.NEAREST) {
      int raw = plan.outputType() == plan.sourceType() && !plan.isRescaled() ? 1 : 0;
      k.launch(new Kernel(DeviceTransforms.class, RESAMPLE, "medai_resample_nearest_" + s + "_" + suffix(plan.outputType())), g,
          concat(grid, raw, rescale, plan.rescaleSlope(), plan.rescaleIntercept(), plan.fillValue()));
    } else if (interp == Interpolation.LABEL_LINEAR) {
      k.launch(new Kernel(DeviceTransforms.class, RESAMPLE, "medai_resample_label_" + s), g,
          concat(grid, plan.fillValue()));
    } else if (plan.kernel(0) == AxisKernel.LINEAR && plan.kernel(1) == AxisKernel.LINEAR && plan.kernel(2) == AxisKernel.LINEAR) {
      k.launch(new Kernel(DeviceTransforms.class, RESAMPLE, "medai_resample_linear_" + s), g,
          concat(grid, rescale, plan.rescaleSlope(), plan.rescaleIntercept(), (float) plan.fillValue()));
    } else {
      k.launch(new Kernel(DeviceTransforms.class, RESAMPLE, "medai_resample_taps_" + s), g,
          concat(grid, kernelCode(plan.kernel(0)), kernelCode(plan.kernel(1)), kernelCode(plan.kernel(2)),
              rescale, plan.rescaleSlope(), plan.rescaleIntercept(), (float) plan.fillValue()));
    }
  }

  private static Grid grid(Extent target, int channels) {
    return Grid.cover(target.i(), target.j(), target.k() * channels, BLOCK_I, BLOCK_J);
  }

  /** The shared leading arguments of every resample kernel (MEDAI_GRID_PARAMS in resample.cu). */
  private static Object[] gridArgs(ResamplePlan plan, Tensor src, Tensor dst, int nc, long si, long sj, long sk, long sc) {
    Extent te = plan.target().extent();
    Extent se = plan.source().extent();
    float[] a = plan.indexAffine();
    Object[] args = new Object[2 + 11 + 12 + 1];
    int n = 0;
    args[n++] = src;
    args[n++] = dst;
    args[n++] = (int) te.i();
    args[n++] = (int) te.j();
    args[n++] = (int) te.k();
    args[n++] = nc;
    args[n++] = (int) se.i();
    args[n++] = (int) se.j();
    args[n++] = (int) se.k();
    args[n++] = si;
    args[n++] = sj;
    args[n++] = sk;
    args[n++] = sc;
    for (float f : a) args[n++] = f;
    args[n] = modeCode(plan);
    return args;
  }

  private static Object[] concat(Object[] head, Object... tail) {
    Object[] all = new Object[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  /**
   * Copies a (C, D, H, W) view of a device tensor with any (also negative) strides into a new
   * contiguous device volume of geometry {@code g}: reorientation without a host round trip.
   */
  public static Volume gather(Tensor view, Geometry g, MemoryScope scope) {
    Backend b = backendOf(view);
    DeviceKernels k = kernels(b);
    long[] sh = view.shape();
    long[] st = view.strides();
    Volume out = allocate(b, view.dtype(), g, (int) sh[0], scope);
    long planes = sh[0] * sh[1];
    if (view.elementCount() > 0) {
      k.launch(new Kernel(DeviceTransforms.class, REORIENT, "medai_permute_copy_b" + view.dtype().byteSize()),
          Grid.cover(sh[3], sh[2], planes, BLOCK_I, BLOCK_J), view, out.data(), (int) sh[1], (int) sh[2], (int) sh[3],
          Math.toIntExact(planes), st[0], st[1], st[2], st[3]);
    }
    return out;
  }

  /**
   * {@code dst = min(max(fma(float32(src), scale, offset), lo), hi)} on one channel: {@code src} a
   * (D, H, W) device view with any strides, {@code dst} a contiguous float32 (D, H, W) tensor on the
   * same backend.
   */
  public static void intensityMap(Tensor src, Tensor dst, float scale, float offset, float lo, float hi) {
    Backend b = backendOf(src);
    DeviceKernels k = kernels(b);
    long[] sh = src.shape();
    long[] st = src.strides();
    long n = src.elementCount();
    if (n == 0) return;
    k.launch(new Kernel(DeviceTransforms.class, INTENSITY, "medai_intensity_map_" + suffix(src.dtype())),
        Grid.cover(sh[2], sh[1], sh[0], BLOCK_I, BLOCK_J),
        src, dst, (int) sh[2], (int) sh[1], (int) sh[0], st[2], st[1], st[0], scale, offset, lo, hi);
  }
}
