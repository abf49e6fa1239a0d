package org.medai.imaging.io.series;

import org.medai.core.InvalidArgumentException;

/**
 * How strict series assembly is. Immutable.
 *
 * @param orientationTolerance largest difference of any ImageOrientationPatient component between
 *     slices of one stack (cosines, unitless); default 1e-3
 * @param spacingTolerance largest distance of any slice from its place on the uniform grid, as a
 *     fraction of the slice spacing; default 0.1 (SliceThickness and SpacingBetweenSlices are never
 *     used: only positions)
 * @param shearToleranceMm largest offset of any slice perpendicular to the slice normal (a gantry
 *     tilt shears the stack); default 0.25 mm
 * @param gantryTilt what to do with a sheared stack
 * @param missingSlices what to do when a gap exceeds 1.5 × the median gap
 */
public record AssemblyOptions(double orientationTolerance, double spacingTolerance, double shearToleranceMm,
                              GantryTilt gantryTilt, MissingSlices missingSlices) {

  /** Sheared (gantry-tilted) stacks. */
  public enum GantryTilt {
    /** Refuse with a message giving the tilt (default). */
    REFUSE,
    /**
     * Keep the slices as they are, without resampling: the volume's k axis is the slice normal and
     * slice k is placed at its distance along the normal; the in-plane shift of each slice (the
     * shear) is not in the geometry but reported in {@link SeriesPlan#shearPerSliceLps()}, so a
     * caller can resample with it. Voxel positions are then off by up to k × that shift.
     */
    IGNORE_SHEAR
  }

  /** Gaps larger than 1.5 × the median gap. */
  public enum MissingSlices {
    /** Refuse with the positions of the gaps (default). */
    REFUSE,
    /** Insert slices of stored value 0 where slices are missing, keeping the grid regular; reported in the plan. */
    FILL_ZERO
  }

  public AssemblyOptions {
    if (!(orientationTolerance >= 0) || !(spacingTolerance >= 0) || !(shearToleranceMm >= 0)
        || gantryTilt == null || missingSlices == null) {
      throw new InvalidArgumentException("MEDAI-SERIES-002", "assembly tolerances must be non-negative and policies set");
    }
  }

  public static AssemblyOptions defaults() {
    return new AssemblyOptions(1e-3, 0.1, 0.25, GantryTilt.REFUSE, MissingSlices.REFUSE);
  }

  public AssemblyOptions withGantryTilt(GantryTilt t) {
    return new AssemblyOptions(orientationTolerance, spacingTolerance, shearToleranceMm, t, missingSlices);
  }

  public AssemblyOptions withMissingSlices(MissingSlices m) {
    return new AssemblyOptions(orientationTolerance, spacingTolerance, shearToleranceMm, gantryTilt, m);
  }

  public AssemblyOptions withSpacingTolerance(double fraction) {
    return new AssemblyOptions(orientationTolerance, fraction, shearToleranceMm, gantryTilt, missingSlices);
  }

  public AssemblyOptions withShearToleranceMm(double mm) {
    return new AssemblyOptions(orientationTolerance, spacingTolerance, mm, gantryTilt, missingSlices);
  }
}
