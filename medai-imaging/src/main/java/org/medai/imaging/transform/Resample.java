package org.medai.imaging.transform;

import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.Volume;
import org.medai.imaging.internal.transform.CpuResampler;
import org.medai.imaging.internal.transform.cuda.DeviceTransforms;

/**
 * Resampling of {@link Volume}s on the CPU (host volumes) or on a CUDA device (volumes whose tensor
 * a CUDA backend allocated; the result stays on that device): onto a spacing, a reference grid, a shape, or
 * through an affine map of LPS space. Every method plans the work once ({@link ResamplePlan}: one
 * target→source index affine, no coordinate grid) and runs it multi-threaded on the caller's
 * {@link WorkPool}. The result is allocated in {@code scope} (the caller closes it); the only other
 * off-heap allocation is the B-spline coefficient volume ({@link ResamplePlan#temporaryBytes()}),
 * released before the call returns. Stateless and thread-safe.
 *
 * <p>Cost: memory-bound; one pass over the output, each output voxel reading 1 (nearest), 8
 * (linear) or 64 (cubic) source values, plus for B-splines three streaming passes of the prefilter.
 *
 * <pre>{@code
 * try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
 *   Volume iso = Resample.toSpacing(ct, Vec3.of(1, 1, 1), ResampleOptions.linear(), pool, scope);
 * }
 * }</pre>
 */
public final class Resample {
  private Resample() {}

  /**
   * The grid of {@code g} at a new spacing, keeping the physical extent in SimpleITK's convention
   * (the one nnU-Net's preprocessing uses to size its output): extent
   * {@code max(1, round(n · spacing / newSpacing))} per axis, the requested spacing exactly, the
   * same origin (the centre of voxel 0 stays put) and direction. See {@link #gridForShape} for the
   * edge-aligned alternative.
   */
  public static Geometry gridForSpacing(Geometry g, Vec3 spacingMm) {
    long[] n = new long[3];
    for (int a = 0; a < 3; a++) {
      n[a] = Math.max(1, Math.round(g.extent().get(a) * g.spacingMm().get(a) / spacingMm.get(a)));
    }
    return new Geometry(Extent.of(n[0], n[1], n[2]), spacingMm, g.originLps(), g.direction());
  }

  /**
   * The grid of {@code g} resized to {@code shape} with the field-of-view box kept (edges aligned,
   * as skimage {@code resize} and nnU-Net's resampling do): spacing {@code s · n / n'} and the origin
   * moved so that the outer voxel faces coincide.
   */
  public static Geometry gridForShape(Geometry g, Extent shape) {
    double[] s = new double[3];
    double[] shift = new double[3];
    for (int a = 0; a < 3; a++) {
      s[a] = g.spacingMm().get(a) * g.extent().get(a) / shape.get(a);
      shift[a] = 0.5 * (s[a] - g.spacingMm().get(a));
    }
    Vec3 origin = g.originLps().plus(g.direction().times(Vec3.of(shift)));
    return new Geometry(shape, Vec3.of(s), origin, g.direction());
  }

  /** Resamples onto {@link #gridForSpacing}. */
  public static Volume toSpacing(Volume v, Vec3 spacingMm, ResampleOptions o, WorkPool pool, MemoryScope scope) {
    return onto(v, gridForSpacing(v.geometry(), spacingMm), o, pool, scope);
  }

  /** Resamples onto {@link #gridForShape} (resize to a voxel shape, field of view kept). */
  public static Volume toShape(Volume v, Extent shape, ResampleOptions o, WorkPool pool, MemoryScope scope) {
    return onto(v, gridForShape(v.geometry(), shape), o, pool, scope);
  }

  /** Resamples onto the grid of {@code reference} (same physical points, no transform). */
  public static Volume onto(Volume v, Geometry reference, ResampleOptions o, WorkPool pool, MemoryScope scope) {
    return execute(ResamplePlan.create(v.geometry(), v.dtype(), reference, null, o), v, pool, scope);
  }

  /**
   * Resamples onto {@code target} through {@code outputToInput}, which maps each target-grid LPS
   * point to the input LPS point it samples (ITK's convention; pass {@code t.inverse()} to move the
   * image by {@code t}).
   */
  public static Volume throughAffine(Volume v, AffineLps outputToInput, Geometry target, ResampleOptions o,
      WorkPool pool, MemoryScope scope) {
    return execute(ResamplePlan.create(v.geometry(), v.dtype(), target, outputToInput, o), v, pool, scope);
  }

  /**
   * Executes a plan made for {@code v}'s grid and dtype; the output is allocated in {@code scope}.
   * A volume on a device backend that runs kernels (CUDA) is resampled there, into a device volume
   * of the same backend, without a host round trip ({@code pool} is then unused).
   */
  public static Volume execute(ResamplePlan plan, Volume v, WorkPool pool, MemoryScope scope) {
    checkPlan(plan, v);
    if (!v.data().isHost()) {
      Volume out = DeviceTransforms.allocate(DeviceTransforms.backendOf(v.data()), plan.outputType(), plan.target(),
          v.channels(), scope);
      DeviceTransforms.resample(plan, v, out, scope);
      return out;
    }
    Volume out = Volume.allocate(plan.outputType(), plan.target(), v.channels(), scope);
    CpuResampler.execute(plan, v.data(), out.data(), pool, scope);
    return out;
  }

  /**
   * Which CPU kernels run rotation-free resampling in this JVM, in words: the native linear kernel
   * where it is built for the platform and the CPU has AVX-512F (off with the system property
   * {@code medai.nativeKernels=false}), else the Vector API kernels where the JVM runs with
   * {@code --add-modules jdk.incubator.vector}, else scalar Java. The native and Vector API kernels
   * give the same bytes as each other; scalar Java differs from them by float rounding only. For
   * {@code medai info} and logs.
   */
  public static String cpuKernels() {
    return CpuResampler.cpuKernels();
  }

  /**
   * Executes a plan into an existing output volume (the plan's target grid and output dtype, same
   * channel count, contiguous), for hosts that reuse buffers. Temporaries (the B-spline
   * coefficients) are allocated in a child of {@code scope} and released before returning. Source
   * and output both on the host (CPU) or both on the same kernel-running device backend.
   */
  public static void executeInto(ResamplePlan plan, Volume v, Volume out, WorkPool pool, MemoryScope scope) {
    if (out.data().isHost() != v.data().isHost() || !out.data().isContiguous() || out.dtype() != plan.outputType()
        || out.channels() != v.channels() || !out.extent().equals(plan.target().extent())) {
      throw new TransformException("MEDAI-XFORM-032",
          "output must be a contiguous %s %s volume of extent %s with %d channels; got %s"
              .formatted(v.data().isHost() ? "host" : "device", plan.outputType(), plan.target().extent(), v.channels(), out));
    }
    checkPlan(plan, v);
    if (!v.data().isHost()) {
      DeviceTransforms.resample(plan, v, out, scope);
      return;
    }
    CpuResampler.execute(plan, v.data(), out.data(), pool, scope);
  }

  private static void checkPlan(ResamplePlan plan, Volume v) {
    if (v.dtype() != plan.sourceType() || !v.geometry().equals(plan.source())) {
      throw new TransformException("MEDAI-XFORM-031",
          "plan was made for a %s volume on %s but got %s on %s; plan again for this volume"
              .formatted(plan.sourceType(), plan.source().extent(), v.dtype(), v.geometry().extent()));
    }
  }
}
