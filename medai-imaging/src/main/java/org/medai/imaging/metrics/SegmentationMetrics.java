package org.medai.imaging.metrics;

import java.util.Arrays;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.tensor.Volume;

/**
 * Overlap and surface-distance metrics between two label maps on the same grid, in millimetres.
 * Stateless and thread-safe.
 *
 * <p>Conventions (as MONAI's): a surface voxel is a voxel of the structure with at least one of
 * its six face neighbours outside the structure or outside the volume; surface distances go from
 * each surface voxel of one structure to the nearest surface voxel of the other, on an exact
 * Euclidean distance transform with the grid's spacing. Percentiles interpolate linearly (numpy's
 * default). Empty structures: Dice and IoU of two empty masks are 1; surface distances involving
 * exactly one empty mask are +∞, and 0 when both are empty.
 */
public final class SegmentationMetrics {
  private SegmentationMetrics() {}

  /** 2|A∩B| / (|A| + |B|) for voxels equal to {@code label}. */
  public static double dice(Volume a, Volume b, int label) {
    long[] c = counts(a, b, label);
    return c[0] + c[1] == 0 ? 1 : 2.0 * c[2] / (c[0] + c[1]);
  }

  /** |A∩B| / |A∪B| for voxels equal to {@code label}. */
  public static double iou(Volume a, Volume b, int label) {
    long[] c = counts(a, b, label);
    long union = c[0] + c[1] - c[2];
    return union == 0 ? 1 : (double) c[2] / union;
  }

  /** Surface distances between the {@code label} structures of {@code a} and {@code b}. */
  public static SurfaceDistances surfaceDistances(Volume a, Volume b, int label) {
    Geometry g = a.geometry();
    g.requireSameGrid(b.geometry(), 1e-4, "surface distances");
    boolean[] ma = mask(a, label);
    boolean[] mb = mask(b, label);
    boolean[] sa = surface(ma, g.extent());
    boolean[] sb = surface(mb, g.extent());
    return new SurfaceDistances(directed(sa, sb, g), directed(sb, sa, g));
  }

  private static double[] directed(boolean[] from, boolean[] to, Geometry g) {
    double[] d2 = DistanceTransform.squaredDistanceMm2(to, g.extent(), g.spacingMm());
    int n = 0;
    for (boolean f : from) if (f) n++;
    double[] out = new double[n];
    int x = 0;
    for (int v = 0; v < from.length; v++) if (from[v]) out[x++] = Math.sqrt(d2[v]);
    Arrays.sort(out);
    return out;
  }

  static boolean[] mask(Volume v, int label) {
    long n = v.extent().voxelCount();
    boolean[] m = new boolean[Math.toIntExact(n)];
    var t = v.channel(0).data();
    long[] idx = new long[4];
    Extent e = v.extent();
    int x = 0;
    for (long k = 0; k < e.k(); k++) {
      idx[1] = k;
      for (long j = 0; j < e.j(); j++) {
        idx[2] = j;
        for (long i = 0; i < e.i(); i++) {
          idx[3] = i;
          m[x++] = t.getDouble(idx) == label;
        }
      }
    }
    return m;
  }

  /** Structure voxels with a face neighbour outside the structure or the volume. */
  public static boolean[] surface(boolean[] m, Extent e) {
    int ni = (int) e.i(), nj = (int) e.j(), nk = (int) e.k();
    boolean[] s = new boolean[m.length];
    for (int k = 0; k < nk; k++) {
      for (int j = 0; j < nj; j++) {
        for (int i = 0; i < ni; i++) {
          int x = (k * nj + j) * ni + i;
          if (!m[x]) continue;
          s[x] = i == 0 || i == ni - 1 || j == 0 || j == nj - 1 || k == 0 || k == nk - 1
              || !m[x - 1] || !m[x + 1] || !m[x - ni] || !m[x + ni] || !m[x - ni * nj] || !m[x + ni * nj];
        }
      }
    }
    return s;
  }

  private static long[] counts(Volume a, Volume b, int label) {
    a.geometry().requireSameGrid(b.geometry(), 1e-4, "overlap metrics");
    boolean[] ma = mask(a, label);
    boolean[] mb = mask(b, label);
    long na = 0, nb = 0, both = 0;
    for (int x = 0; x < ma.length; x++) {
      if (ma[x]) na++;
      if (mb[x]) nb++;
      if (ma[x] && mb[x]) both++;
    }
    return new long[] {na, nb, both};
  }

  /**
   * Sorted directed surface distances (mm) from A's surface to B's and from B's to A's.
   */
  public record SurfaceDistances(double[] aToB, double[] bToA) {

    /** Symmetric Hausdorff distance: the largest directed distance. */
    public double hausdorff() {
      return percentile(100);
    }

    /** max(p95(A→B), p95(B→A)), as MONAI's compute_hausdorff_distance(percentile=95). */
    public double hausdorff95() {
      return percentile(95);
    }

    /** max of the two directed percentiles. */
    public double percentile(double q) {
      if (aToB.length == 0 && bToA.length == 0) return 0;
      if (aToB.length == 0 || bToA.length == 0) return Double.POSITIVE_INFINITY;
      return Math.max(pct(aToB, q), pct(bToA, q));
    }

    /** Average symmetric surface distance: mean over both directions' distances. */
    public double averageSymmetric() {
      if (aToB.length == 0 && bToA.length == 0) return 0;
      if (aToB.length == 0 || bToA.length == 0) return Double.POSITIVE_INFINITY;
      double s = 0;
      for (double d : aToB) s += d;
      for (double d : bToA) s += d;
      return s / (aToB.length + bToA.length);
    }

    /** Fraction of both surfaces within {@code toleranceMm} of the other surface. */
    public double surfaceDice(double toleranceMm) {
      if (aToB.length + bToA.length == 0) return 1;
      long within = 0;
      for (double d : aToB) if (d <= toleranceMm) within++;
      for (double d : bToA) if (d <= toleranceMm) within++;
      return (double) within / (aToB.length + bToA.length);
    }

    private static double pct(double[] sorted, double q) {
      double pos = q / 100 * (sorted.length - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(sorted.length - 1, lo + 1);
      return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
  }
}
