package org.medai.imaging.internal.series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.medai.core.GeometryException;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.imaging.io.series.AssemblyOptions;
import org.medai.imaging.io.series.SeriesAssemblyException;
import org.medai.imaging.io.series.SeriesPlan;
import org.medai.imaging.io.series.SliceHeader;

/** Header-only planning of a slice stack: grouping, sorting, spacing, gaps, tilt, rescale. Stateless. */
public final class StackPlanner {
  /** A gap larger than this many median gaps means slices are missing. */
  public static final double MISSING_GAP_FACTOR = 1.5;

  private StackPlanner() {}

  /** Groups slices that can share one grid: same matrix, type, samples, pixel spacing and orientation. */
  public static List<List<SliceHeader>> partition(List<SliceHeader> slices, AssemblyOptions o) {
    List<List<SliceHeader>> groups = new ArrayList<>();
    for (SliceHeader s : slices) {
      List<SliceHeader> home = null;
      for (List<SliceHeader> g : groups) {
        if (difference(g.get(0), s, o) == null) {
          home = g;
          break;
        }
      }
      if (home == null) {
        home = new ArrayList<>();
        groups.add(home);
      }
      home.add(s);
    }
    return groups;
  }

  /** What makes two slices incompatible, or null when they can share a grid. */
  static String difference(SliceHeader a, SliceHeader b, AssemblyOptions o) {
    if (a.rows() != b.rows() || a.columns() != b.columns()) {
      return "matrix size (%dx%d vs %dx%d)".formatted(a.columns(), a.rows(), b.columns(), b.rows());
    }
    if (a.samplesPerPixel() != b.samplesPerPixel()) return "samples per pixel";
    if (a.storedType() != b.storedType()) return "stored type (%s vs %s)".formatted(a.storedType(), b.storedType());
    if (a.hasGeometry() != b.hasGeometry()) return "presence of ImagePositionPatient/ImageOrientationPatient/PixelSpacing";
    if (!a.hasGeometry()) return null;
    double sp = Math.max(Math.abs(a.rowSpacingMm() - b.rowSpacingMm()), Math.abs(a.columnSpacingMm() - b.columnSpacingMm()));
    if (sp > 1e-3 * Math.max(a.rowSpacingMm(), a.columnSpacingMm())) {
      return String.format(Locale.ROOT, "PixelSpacing (%.6g\\%.6g vs %.6g\\%.6g)",
          a.rowSpacingMm(), a.columnSpacingMm(), b.rowSpacingMm(), b.columnSpacingMm());
    }
    double or = Math.max(a.rowCosine().maxAbsDifference(b.rowCosine()), a.columnCosine().maxAbsDifference(b.columnCosine()));
    if (or > o.orientationTolerance()) {
      return String.format(Locale.ROOT, "ImageOrientationPatient (cosines differ by %.3g > %.3g)", or, o.orientationTolerance());
    }
    return null;
  }

  public static SeriesPlan plan(List<SliceHeader> input, AssemblyOptions o) {
    if (input.isEmpty()) throw new SeriesAssemblyException("MEDAI-SERIES-003", "no slices to assemble");
    for (SliceHeader s : input) {
      if (!s.hasGeometry()) {
        throw new SeriesAssemblyException("MEDAI-SERIES-010",
            "slice %s lacks ImagePositionPatient, ImageOrientationPatient or PixelSpacing; it cannot be placed in a volume"
                .formatted(s.label()));
      }
    }
    List<List<SliceHeader>> groups = partition(input, o);
    if (groups.size() > 1) {
      String why = difference(groups.get(0).get(0), groups.get(1).get(0), o);
      StringBuilder sizes = new StringBuilder();
      for (List<SliceHeader> g : groups) sizes.append(sizes.length() == 0 ? "" : ", ").append(g.size());
      throw new SeriesAssemblyException("MEDAI-SERIES-011",
          "the %d slices form %d stacks (of %s slices) that differ in %s; split them with SeriesAssembler.partition and assemble each"
              .formatted(input.size(), groups.size(), sizes, why));
    }
    SliceHeader first = input.get(0);
    Vec3 r = first.rowCosine();
    Vec3 c = first.columnCosine();
    if (Math.abs(r.norm() - 1) > 1e-2 || Math.abs(c.norm() - 1) > 1e-2 || Math.abs(r.dot(c)) > 1e-2) {
      throw new SeriesAssemblyException("MEDAI-SERIES-016", String.format(Locale.ROOT,
          "ImageOrientationPatient of %s is not two orthogonal unit vectors (|row|=%.4f, |col|=%.4f, row.col=%.4f)",
          first.label(), r.norm(), c.norm(), r.dot(c)));
    }
    r = r.times(1 / r.norm());
    c = c.minus(r.times(c.dot(r)));
    c = c.times(1 / c.norm());
    Vec3 n = r.cross(c);
    Vec3 normal = n;
    List<SliceHeader> sorted = new ArrayList<>(input);
    sorted.sort(Comparator.comparingDouble((SliceHeader s) -> s.positionLps().dot(normal))
        .thenComparingInt(SliceHeader::instanceNumber).thenComparingInt(SliceHeader::frame));
    int count = sorted.size();
    double[] d = new double[count];
    for (int i = 0; i < count; i++) d[i] = sorted.get(i).positionLps().dot(n);
    int[] k = new int[count];
    List<SeriesPlan.Gap> gaps = new ArrayList<>();
    double spacing = 1;
    double maxDev = 0;
    Vec3 shear = Vec3.ZERO;
    if (count > 1) {
      double[] gap = new double[count - 1];
      for (int i = 0; i < count - 1; i++) gap[i] = d[i + 1] - d[i];
      double[] sortedGaps = gap.clone();
      Arrays.sort(sortedGaps);
      double median = sortedGaps[(count - 1) / 2];
      if (count - 1 > 1 && (count - 1) % 2 == 0) median = 0.5 * (sortedGaps[(count - 1) / 2 - 1] + sortedGaps[(count - 1) / 2]);
      int duplicates = 0;
      double dupTol = Math.max(1e-3, 1e-2 * median);
      for (double g : gap) if (g < dupTol) duplicates++;
      if (duplicates > 0) {
        throw new SeriesAssemblyException("MEDAI-SERIES-012",
            ("%d of %d slices share a position along the normal with another slice; the series holds several "
                + "volumes (echoes, time points or b-values): split it by EchoNumbers, TemporalPositionIdentifier "
                + "or AcquisitionNumber first").formatted(duplicates, count));
      }
      for (int i = 0; i < count - 1; i++) {
        int missing = 0;
        if (gap[i] > MISSING_GAP_FACTOR * median) {
          missing = Math.max(1, (int) Math.round(gap[i] / median) - 1);
          gaps.add(new SeriesPlan.Gap(k[i], gap[i], missing));
        }
        k[i + 1] = k[i] + 1 + missing;
      }
      if (!gaps.isEmpty() && o.missingSlices() == AssemblyOptions.MissingSlices.REFUSE) {
        StringBuilder sb = new StringBuilder();
        for (SeriesPlan.Gap g : gaps) {
          sb.append(sb.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
              "%.3f mm after slice %d (about %d missing)", g.gapMm(), g.afterK(), g.missing()));
        }
        throw new SeriesAssemblyException("MEDAI-SERIES-013", String.format(Locale.ROOT,
            "slices are missing: the median gap is %.3f mm but there are gaps of %s; find the missing files, "
                + "or pass MissingSlices.FILL_ZERO to insert empty slices", median, sb));
      }
      spacing = (d[count - 1] - d[0]) / k[count - 1];
      for (int i = 0; i < count; i++) maxDev = Math.max(maxDev, Math.abs(d[i] - d[0] - k[i] * spacing));
      if (maxDev > o.spacingTolerance() * spacing) {
        throw new SeriesAssemblyException("MEDAI-SERIES-014", String.format(Locale.ROOT,
            "slice positions are irregular: a slice lies %.3f mm from its place on a %.4f mm grid (tolerance %.0f%% of "
                + "the spacing); resample the series or raise AssemblyOptions.spacingTolerance", maxDev, spacing,
            100 * o.spacingTolerance()));
      }
      Vec3 p0 = sorted.get(0).positionLps();
      double maxPerp = 0;
      for (SliceHeader s : sorted) {
        Vec3 off = s.positionLps().minus(p0);
        maxPerp = Math.max(maxPerp, off.minus(n.times(off.dot(n))).norm());
      }
      if (maxPerp > o.shearToleranceMm()) {
        Vec3 offLast = sorted.get(count - 1).positionLps().minus(p0);
        Vec3 perpLast = offLast.minus(n.times(offLast.dot(n)));
        double tiltDeg = Math.toDegrees(Math.atan2(perpLast.norm(), d[count - 1] - d[0]));
        if (o.gantryTilt() == AssemblyOptions.GantryTilt.REFUSE) {
          throw new SeriesAssemblyException("MEDAI-SERIES-015", String.format(Locale.ROOT,
              "the stack is sheared (gantry tilt of about %.2f degrees: slices move %.3f mm in plane over the stack, "
                  + "tolerance %.3f mm); resample it, or pass GantryTilt.IGNORE_SHEAR to keep the slices unresampled "
                  + "with the shear reported", tiltDeg, maxPerp, o.shearToleranceMm()));
        }
        shear = perpLast.times(1.0 / k[count - 1]);
      }
    }
    Extent extent = Extent.of(first.columns(), first.rows(), k[count - 1] + 1);
    Geometry g;
    try {
      g = new Geometry(extent, Vec3.of(first.columnSpacingMm(), first.rowSpacingMm(), spacing),
          sorted.get(0).positionLps(), Mat3.ofColumns(r, c, n));
    } catch (GeometryException | IllegalArgumentException e) {
      throw new SeriesAssemblyException("MEDAI-SERIES-017", "the slices do not define a valid grid: " + e.getMessage(), e);
    }
    double slope = first.rescaleSlope();
    double inter = first.rescaleIntercept();
    for (SliceHeader s : sorted) {
      if (s.rescaleSlope() != slope || s.rescaleIntercept() != inter) {
        slope = Double.NaN;
        inter = Double.NaN;
        break;
      }
    }
    return new SeriesPlan(sorted, k, g, gaps, maxDev, shear, slope, inter);
  }
}
