package org.medai.imaging.transform;

import java.util.ArrayList;
import java.util.List;
import org.medai.core.backend.Backend;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.Volume;
import org.medai.imaging.internal.transform.cuda.DeviceTransforms;

/**
 * A fixed chain of transforms that a host application configures once and applies to many volumes:
 *
 * <pre>{@code
 * static final TransformPipeline CT = TransformPipeline.builder()
 *     .reorient("RAS")
 *     .resampleToSpacing(Vec3.of(1.5, 1.5, 2), ResampleOptions.linear())
 *     .window(40, 400)
 *     .build();
 * ...
 * try (MemoryScope scope = MemoryScope.open()) {
 *   Volume x = CT.apply(ct, pool, scope);
 * }
 * }</pre>
 *
 * Immutable and thread-safe: any number of threads may apply it at once. {@link #apply} allocates
 * each intermediate in a child scope and frees it as soon as the next step has produced its output,
 * so at most two intermediates are alive at a time; the result moves into the caller's scope. The
 * input is never modified.
 *
 * <p>A volume on a CUDA device stays there through the whole chain: resampling, reorientation,
 * crop/pad, the foreground box and the intensity steps (statistics included) run as device kernels
 * and every intermediate and the result are device volumes of the same backend.
 */
public final class TransformPipeline {
  private final List<VolumeTransform> steps;

  private TransformPipeline(List<VolumeTransform> steps) {
    this.steps = List.copyOf(steps);
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<VolumeTransform> steps() {
    return steps;
  }

  /** Step descriptions in order, e.g. {@code [reorient(RAS), resample(spacing=...)]}. */
  public List<String> describe() {
    return steps.stream().map(VolumeTransform::describe).toList();
  }

  /** Runs every step; the result is owned by {@code scope}. An empty pipeline returns a copy of the input. */
  public Volume apply(Volume in, WorkPool pool, MemoryScope scope) {
    if (steps.isEmpty()) return copyOf(in, scope);
    Volume current = in;
    MemoryScope held = null;
    try {
      for (VolumeTransform step : steps) {
        MemoryScope s = scope.child();
        Volume out;
        try {
          out = step.apply(current, pool, s);
        } catch (RuntimeException e) {
          s.close();
          throw e;
        }
        if (out.data().memory() == current.data().memory()) {
          s.close(); // the step returned its input; keep the scope that owns it
          continue;
        }
        // device steps run asynchronously: wait before freeing the input they may still be reading
        if (held != null && !out.data().isHost()) DeviceTransforms.backendOf(out.data()).synchronize();
        if (held != null) held.close();
        held = s;
        current = out;
      }
      if (held == null) return copyOf(in, scope);
      scope.adopt(current.data().memory());
      return current;
    } finally {
      if (held != null) held.close();
    }
  }

  /** A copy of {@code in} in {@code scope}, on the host or on in's device (no round trip). */
  private static Volume copyOf(Volume in, MemoryScope scope) {
    if (in.data().isHost()) return Volume.of(in.data().copy(scope), in.geometry());
    Backend b = DeviceTransforms.backendOf(in.data());
    Volume out = DeviceTransforms.allocate(b, in.dtype(), in.geometry(), in.channels(), scope);
    b.copy(in.data(), out.data());
    return out;
  }

  /** Collects steps; not thread-safe (build once, then share the pipeline). */
  public static final class Builder {
    private final List<VolumeTransform> steps = new ArrayList<>();

    private Builder() {}

    public Builder add(VolumeTransform step) {
      steps.add(step);
      return this;
    }

    public Builder reorient(String code) {
      Reorient.axisMap(org.medai.core.geometry.Mat3.IDENTITY, code); // validates the code now
      return add(VolumeTransform.of("reorient(" + code + ")", (v, p, s) -> Reorient.to(v, code, p, s)));
    }

    public Builder resampleToSpacing(Vec3 spacingMm, ResampleOptions o) {
      return add(VolumeTransform.of("resample(spacing=" + spacingMm + ", " + o.interpolation() + ")",
          (v, p, s) -> Resample.toSpacing(v, spacingMm, o, p, s)));
    }

    public Builder resampleOnto(Geometry reference, ResampleOptions o) {
      return add(VolumeTransform.of("resample(onto=" + reference.extent() + ", " + o.interpolation() + ")",
          (v, p, s) -> Resample.onto(v, reference, o, p, s)));
    }

    public Builder resize(Extent shape, ResampleOptions o) {
      return add(VolumeTransform.of("resize(" + shape + ", " + o.interpolation() + ")",
          (v, p, s) -> Resample.toShape(v, shape, o, p, s)));
    }

    public Builder cropToForeground(double threshold, long marginVoxels) {
      return add(VolumeTransform.of("cropToForeground(>" + threshold + ", margin=" + marginVoxels + ")",
          (v, p, s) -> CropPad.cropToForeground(v, threshold, marginVoxels, p, s)));
    }

    public Builder padTo(Extent min, Boundary boundary, double fill) {
      return add(VolumeTransform.of("padTo(" + min + ", " + boundary + ")",
          (v, p, s) -> CropPad.padTo(v, min, boundary, fill, p, s)));
    }

    public Builder window(double level, double width) {
      return add(VolumeTransform.of("window(level=" + level + ", width=" + width + ")",
          (v, p, s) -> Intensity.window(v, level, width, p, s)));
    }

    public Builder clip(double lo, double hi) {
      return add(VolumeTransform.of("clip(" + lo + ", " + hi + ")", (v, p, s) -> Intensity.clip(v, lo, hi, p, s)));
    }

    public Builder scale(double slope, double intercept) {
      return add(VolumeTransform.of("scale(" + slope + ", " + intercept + ")",
          (v, p, s) -> Intensity.scale(v, slope, intercept, p, s)));
    }

    public Builder zScore() {
      return add(VolumeTransform.of("zScore", (v, p, s) -> Intensity.zScore(v, null, p, s)));
    }

    public Builder percentileNormalize(double lowPct, double highPct, double outLo, double outHi, boolean clip) {
      return add(VolumeTransform.of("percentileNormalize(" + lowPct + ", " + highPct + ")",
          (v, p, s) -> Intensity.percentileNormalize(v, null, lowPct, highPct, outLo, outHi, clip, p, s)));
    }

    public TransformPipeline build() {
      return new TransformPipeline(steps);
    }
  }
}
