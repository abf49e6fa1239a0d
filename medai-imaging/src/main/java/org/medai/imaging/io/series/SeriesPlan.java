package org.medai.imaging.io.series;

import java.util.List;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;

/**
 * How a stack of slices becomes a volume, decided from headers only: the sorted slices, the slice
 * index k each one fills, the geometry (LPS, mm) and what was found on the way. Immutable.
 *
 * @param slices the slices sorted by position along the normal (k ascending)
 * @param sliceK for each entry of {@code slices}, its k index (differs from the list index only
 *     after missing slices were filled)
 * @param geometry origin = first slice's ImagePositionPatient; direction columns = row cosine,
 *     column cosine, normal (row × column); spacing = (PixelSpacing[1], PixelSpacing[0], slice gap
 *     from positions)
 * @param gaps gaps larger than 1.5 × the median gap (empty when none)
 * @param maxPositionDeviationMm largest distance of a slice from its place on the regular grid, mm
 * @param shearPerSliceLps in-plane shift per slice of a gantry-tilted stack (zero when not sheared)
 * @param rescaleSlope the rescale shared by every slice; NaN when slices differ
 * @param rescaleIntercept the shared intercept; NaN when slices differ
 */
public record SeriesPlan(List<SliceHeader> slices, int[] sliceK, Geometry geometry, List<Gap> gaps,
                         double maxPositionDeviationMm, Vec3 shearPerSliceLps,
                         double rescaleSlope, double rescaleIntercept) {

  /** A gap in the stack: {@code missing} slices are absent after slice {@code afterK}. */
  public record Gap(int afterK, double gapMm, int missing) {}

  public SeriesPlan {
    slices = List.copyOf(slices);
    sliceK = sliceK.clone();
    gaps = List.copyOf(gaps);
  }

  @Override
  public int[] sliceK() {
    return sliceK.clone();
  }

  /** True when every slice shares one RescaleSlope/Intercept. */
  public boolean uniformRescale() {
    return !Double.isNaN(rescaleSlope);
  }

  /** Slices missing from the stack in total. */
  public int missingSlices() {
    return gaps.stream().mapToInt(Gap::missing).sum();
  }
}
