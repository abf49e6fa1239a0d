package org.medai.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.medai.core.GeometryException;

@Tag("no-nd4j")
class GeometryPropertyTest {

  /** A random rotation from a random unit quaternion (uniform on SO(3)), optionally with a reflection. */
  static Mat3 randomOrthonormal(Random rnd, boolean allowReflection) {
    double u1 = rnd.nextDouble(), u2 = rnd.nextDouble(), u3 = rnd.nextDouble();
    double a = Math.sqrt(1 - u1) * Math.sin(2 * Math.PI * u2);
    double b = Math.sqrt(1 - u1) * Math.cos(2 * Math.PI * u2);
    double c = Math.sqrt(u1) * Math.sin(2 * Math.PI * u3);
    double d = Math.sqrt(u1) * Math.cos(2 * Math.PI * u3);
    Mat3 r = Mat3.ofRows(
        1 - 2 * (c * c + d * d), 2 * (b * c - a * d), 2 * (b * d + a * c),
        2 * (b * c + a * d), 1 - 2 * (b * b + d * d), 2 * (c * d - a * b),
        2 * (b * d - a * c), 2 * (c * d + a * b), 1 - 2 * (b * b + c * c));
    if (allowReflection && rnd.nextBoolean()) r = r.times(Mat3.diagonal(Vec3.of(1, 1, -1)));
    return r;
  }

  @Test
  void indexToPhysicalToIndex_randomOrthonormalAnisotropic_isIdentityWithin1e9() {
    Random rnd = new Random(20261128);
    for (int trial = 0; trial < 10_000; trial++) {
      Mat3 dir = randomOrthonormal(rnd, true);
      Vec3 spacing = Vec3.of(0.1 + 5 * rnd.nextDouble(), 0.1 + 5 * rnd.nextDouble(), 0.1 + 10 * rnd.nextDouble());
      Vec3 origin = Vec3.of(rnd.nextGaussian() * 300, rnd.nextGaussian() * 300, rnd.nextGaussian() * 300);
      Geometry g = new Geometry(Extent.of(512, 512, 300), spacing, origin, dir);
      Vec3 idx = Vec3.of(rnd.nextDouble() * 512, rnd.nextDouble() * 512, rnd.nextDouble() * 300);
      Vec3 back = g.physicalToIndex(g.indexToPhysical(idx));
      assertTrue(back.maxAbsDifference(idx) <= 1e-9, () -> "round trip error " + back.maxAbsDifference(idx));
    }
  }

  @Test
  void indexToPhysical_matchesAffine() {
    Random rnd = new Random(7);
    Geometry g = new Geometry(Extent.of(10, 20, 30), Vec3.of(0.7, 0.9, 3), Vec3.of(10, -20, 30), randomOrthonormal(rnd, false));
    double[] a = g.toAffine();
    Vec3 p = g.indexToPhysical(3, 4, 5);
    assertEquals(a[0] * 3 + a[1] * 4 + a[2] * 5 + a[3], p.x(), 1e-12);
    assertEquals(a[4] * 3 + a[5] * 4 + a[6] * 5 + a[7], p.y(), 1e-12);
    assertEquals(a[8] * 3 + a[9] * 4 + a[10] * 5 + a[11], p.z(), 1e-12);
    Geometry back = Geometry.fromAffine(g.extent(), a);
    assertTrue(back.isSameGrid(g, 1e-9));
  }

  @Test
  void orientationCodes_all48AxisAligned_roundTrip() {
    String[] pairs = {"LR", "PA", "SI"};
    int count = 0;
    int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    for (int[] perm : perms) {
      for (int signs = 0; signs < 8; signs++) {
        char[] code = new char[3];
        for (int c = 0; c < 3; c++) code[c] = pairs[perm[c]].charAt((signs >> c) & 1);
        String s = new String(code);
        Mat3 d = Orientation.directionOf(s);
        assertTrue(d.isOrthonormal(0));
        assertTrue(Orientation.isAxisAligned(d, 0));
        assertEquals(s, Orientation.codeOf(d));
        Geometry g = new Geometry(Extent.of(2, 2, 2), Vec3.ONES, Vec3.ZERO, d);
        assertEquals(s, g.orientationCode());
        count++;
      }
    }
    assertEquals(48, count);
  }

  @Test
  void orientationCode_identityIsLps_niftiIsRas() {
    assertEquals("LPS", Orientation.codeOf(Mat3.IDENTITY));
    assertEquals("RAS", Orientation.codeOf(Mat3.diagonal(Vec3.of(-1, -1, 1))));
  }

  @Test
  void constructor_nonOrthonormalDirection_throwsWithCode() {
    GeometryException e = assertThrows(GeometryException.class, () ->
        new Geometry(Extent.of(1, 1, 1), Vec3.ONES, Vec3.ZERO, Mat3.ofRows(1, 0, 0, 0.5, 1, 0, 0, 0, 1)));
    assertEquals("MEDAI-GEOM-005", e.code());
  }

  @Test
  void constructor_zeroSpacing_throws() {
    assertThrows(GeometryException.class, () ->
        new Geometry(Extent.of(1, 1, 1), Vec3.of(1, 0, 1), Vec3.ZERO, Mat3.IDENTITY));
  }

  @Test
  void sameGrid_smallShiftWithinTolerance_andBeyond() {
    Geometry a = Geometry.isotropic(Extent.of(4, 4, 4), 1);
    Geometry b = a.withOrigin(Vec3.of(1e-6, 0, 0));
    assertTrue(a.isSameGrid(b, 1e-5));
    assertTrue(!a.isSameGrid(b, 1e-7));
  }

  @Test
  void mat3Inverse_timesSelf_isIdentity() {
    Random rnd = new Random(3);
    for (int t = 0; t < 100; t++) {
      Mat3 m = Mat3.ofRows(rnd.doubles(9, -2, 2).toArray());
      if (Math.abs(m.determinant()) < 1e-3) continue;
      assertTrue(m.times(m.inverse()).maxAbsDifference(Mat3.IDENTITY) < 1e-9);
    }
  }
}
