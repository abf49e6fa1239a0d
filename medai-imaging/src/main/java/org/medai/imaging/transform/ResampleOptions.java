package org.medai.imaging.transform;

import org.medai.core.tensor.DType;

/**
 * How to resample: interpolation, out-of-field policy, output dtype, the modality rescale fused into
 * the kernel, and nnU-Net's anisotropy rule. Immutable value; build with the named factories and the
 * {@code with*} methods.
 *
 * @param interpolation how the source is read between voxel centres
 * @param boundary what is read outside the source field
 * @param fillValue output value outside the field under {@link Boundary#CONSTANT}, in output units
 *     (after rescale), converted to the output dtype
 * @param outputType output dtype, or {@code null} for the default: the source dtype for
 *     {@link Interpolation#NEAREST} without rescale and for {@link Interpolation#LABEL_LINEAR},
 *     {@link DType#FLOAT32} otherwise
 * @param rescaleSlope output = interpolated stored value × slope + intercept, one float32 fma per
 *     voxel after interpolation (equal to rescaling first, as interpolation is linear)
 * @param rescaleIntercept see {@code rescaleSlope}
 * @param anisotropyThreshold nnU-Net's rule: when max/min spacing of the source (else of the target)
 *     exceeds this ratio, the coarsest axis is read with {@code throughPlane} instead of the
 *     in-plane interpolation; {@link Double#POSITIVE_INFINITY} turns the rule off
 * @param throughPlane {@link Interpolation#NEAREST} (nnU-Net's default {@code order_z=0}) or
 *     {@link Interpolation#LINEAR}
 */
public record ResampleOptions(
    Interpolation interpolation,
    Boundary boundary,
    double fillValue,
    DType outputType,
    double rescaleSlope,
    double rescaleIntercept,
    double anisotropyThreshold,
    Interpolation throughPlane) {

  /** nnU-Net's default spacing-ratio threshold for separate through-plane interpolation. */
  public static final double NNUNET_ANISOTROPY_THRESHOLD = 3.0;

  public ResampleOptions {
    if (interpolation == null || boundary == null || throughPlane == null) {
      throw new TransformException("MEDAI-XFORM-010", "resample options need an interpolation, boundary and through-plane mode");
    }
    if (throughPlane != Interpolation.NEAREST && throughPlane != Interpolation.LINEAR) {
      throw new TransformException("MEDAI-XFORM-011",
          "through-plane interpolation must be NEAREST or LINEAR; got " + throughPlane);
    }
    if (!Double.isFinite(rescaleSlope) || !Double.isFinite(rescaleIntercept) || rescaleSlope == 0) {
      throw new TransformException("MEDAI-XFORM-012",
          "rescale slope must be finite and non-zero and intercept finite; got %s, %s".formatted(rescaleSlope, rescaleIntercept));
    }
    if (!(anisotropyThreshold >= 1)) {
      throw new TransformException("MEDAI-XFORM-013",
          "anisotropy threshold must be at least 1 (or +Infinity to disable); got " + anisotropyThreshold);
    }
    if (interpolation == Interpolation.LABEL_LINEAR && (rescaleSlope != 1 || rescaleIntercept != 0)) {
      throw new TransformException("MEDAI-XFORM-014", "label resampling takes no rescale; labels are copied, not scaled");
    }
  }

  public static ResampleOptions of(Interpolation interpolation) {
    return new ResampleOptions(interpolation, Boundary.CONSTANT, 0, null, 1, 0,
        Double.POSITIVE_INFINITY, Interpolation.NEAREST);
  }

  public static ResampleOptions nearest() {
    return of(Interpolation.NEAREST);
  }

  public static ResampleOptions linear() {
    return of(Interpolation.LINEAR);
  }

  public static ResampleOptions bspline() {
    return of(Interpolation.BSPLINE);
  }

  /** Label-aware linear (argmax of per-label weights), source dtype kept. */
  public static ResampleOptions labels() {
    return of(Interpolation.LABEL_LINEAR);
  }

  public ResampleOptions withBoundary(Boundary b) {
    return new ResampleOptions(interpolation, b, fillValue, outputType, rescaleSlope, rescaleIntercept, anisotropyThreshold, throughPlane);
  }

  public ResampleOptions withFill(double value) {
    return new ResampleOptions(interpolation, boundary, value, outputType, rescaleSlope, rescaleIntercept, anisotropyThreshold, throughPlane);
  }

  public ResampleOptions withOutputType(DType t) {
    return new ResampleOptions(interpolation, boundary, fillValue, t, rescaleSlope, rescaleIntercept, anisotropyThreshold, throughPlane);
  }

  /** Fuses {@code value × slope + intercept} (DICOM RescaleSlope/Intercept) into the resample. */
  public ResampleOptions withRescale(double slope, double intercept) {
    return new ResampleOptions(interpolation, boundary, fillValue, outputType, slope, intercept, anisotropyThreshold, throughPlane);
  }

  /** nnU-Net's anisotropy rule with the given threshold and through-plane interpolation. */
  public ResampleOptions withAnisotropy(double threshold, Interpolation through) {
    return new ResampleOptions(interpolation, boundary, fillValue, outputType, rescaleSlope, rescaleIntercept, threshold, through);
  }

  /** nnU-Net's defaults: threshold 3, through-plane nearest. */
  public ResampleOptions withNnunetAnisotropy() {
    return withAnisotropy(NNUNET_ANISOTROPY_THRESHOLD, Interpolation.NEAREST);
  }

  /** The output dtype for a source of dtype {@code source}. */
  public DType resolveOutputType(DType source) {
    if (outputType != null) return outputType;
    boolean rescaled = rescaleSlope != 1 || rescaleIntercept != 0;
    if (interpolation == Interpolation.LABEL_LINEAR) return source;
    if (interpolation == Interpolation.NEAREST && !rescaled) return source;
    return DType.FLOAT32;
  }
}
