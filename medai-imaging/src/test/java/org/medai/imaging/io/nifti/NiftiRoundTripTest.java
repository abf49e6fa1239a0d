package org.medai.imaging.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medai.core.InvalidArgumentException;
import org.medai.core.ReadLimits;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;

class NiftiRoundTripTest {

  @TempDir Path dir;

  /** A random rotation (uniform on SO(3)), with a reflection half of the time. */
  static Mat3 randomOrthonormal(Random rnd) {
    double u1 = rnd.nextDouble(), u2 = rnd.nextDouble(), u3 = rnd.nextDouble();
    double a = Math.sqrt(1 - u1) * Math.sin(2 * Math.PI * u2);
    double b = Math.sqrt(1 - u1) * Math.cos(2 * Math.PI * u2);
    double c = Math.sqrt(u1) * Math.sin(2 * Math.PI * u3);
    double d = Math.sqrt(u1) * Math.cos(2 * Math.PI * u3);
    Mat3 r = Mat3.ofRows(
        1 - 2 * (c * c + d * d), 2 * (b * c - a * d), 2 * (b * d + a * c),
        2 * (b * c + a * d), 1 - 2 * (b * b + d * d), 2 * (c * d - a * b),
        2 * (b * d - a * c), 2 * (c * d + a * b), 1 - 2 * (b * b + c * c));
    if (rnd.nextBoolean()) r = r.times(Mat3.diagonal(Vec3.of(1, 1, -1)));
    return r;
  }

  static Geometry randomGeometry(Random rnd, Extent e) {
    Vec3 spacing = Vec3.of(0.3 + 3 * rnd.nextDouble(), 0.3 + 3 * rnd.nextDouble(), 0.5 + 6 * rnd.nextDouble());
    Vec3 origin = Vec3.of(rnd.nextGaussian() * 150, rnd.nextGaussian() * 150, rnd.nextGaussian() * 150);
    return new Geometry(e, spacing, origin, randomOrthonormal(rnd));
  }

  /** Largest distance (mm) between where the two geometries put the 8 corner voxels. */
  static double maxCornerDistanceMm(Geometry a, Geometry b) {
    double worst = 0;
    Extent e = a.extent();
    for (int c = 0; c < 8; c++) {
      double i = (c & 1) == 0 ? 0 : e.i() - 1;
      double j = (c & 2) == 0 ? 0 : e.j() - 1;
      double k = (c & 4) == 0 ? 0 : e.k() - 1;
      worst = Math.max(worst, a.indexToPhysical(i, j, k).minus(b.indexToPhysical(i, j, k)).norm());
    }
    return worst;
  }

  /** Memory type and channel count used to exercise each on-disk type, and a value generator in its range. */
  static double value(NiftiDataType t, Random rnd) {
    return switch (t) {
      case UINT8, RGB24, RGBA32 -> rnd.nextInt(256);
      case INT8 -> rnd.nextInt(256) - 128;
      case INT16 -> rnd.nextInt(65536) - 32768;
      case UINT16 -> rnd.nextInt(65536);
      case INT32 -> rnd.nextInt();
      case UINT32 -> rnd.nextInt() & 0xFFFFFFFFL;
      case INT64 -> (double) ((rnd.nextLong() >> 12)); // whole numbers that a double holds exactly
      case UINT64 -> (double) ((rnd.nextLong() >>> 12) << 11); // up to 2^63, multiples of 2^11
      case FLOAT32 -> (float) (rnd.nextGaussian() * 1e3);
      case FLOAT64 -> rnd.nextGaussian() * 1e9;
      default -> throw new IllegalArgumentException(t.toString());
    };
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    NiftiDataType[] types = {NiftiDataType.UINT8, NiftiDataType.INT8, NiftiDataType.INT16, NiftiDataType.UINT16,
        NiftiDataType.INT32, NiftiDataType.UINT32, NiftiDataType.INT64, NiftiDataType.UINT64, NiftiDataType.FLOAT32,
        NiftiDataType.FLOAT64, NiftiDataType.RGB24, NiftiDataType.RGBA32};
    for (NiftiDataType t : types) {
      for (NiftiFormat f : NiftiFormat.values()) {
        for (String name : new String[] {"v.nii", "v.nii.gz", "v.hdr", "v.img.gz"}) out.add(Arguments.of(t, f, name));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void writeRead_everyDatatypeFormatAndContainer_returnsSameValuesAndGeometryWithin1e4mm(
      NiftiDataType type, NiftiFormat format, String name) {
    Random rnd = new Random(type.code() * 31L + format.ordinal() * 7L + name.hashCode());
    Extent e = Extent.of(7, 5, 3);
    Geometry g = randomGeometry(rnd, e);
    int channels = type.isColour() ? type.components() * 2 : 2;
    try (MemoryScope scope = MemoryScope.open()) {
      Volume v = Volume.allocate(type.memoryType(), g, channels, scope);
      long n = v.data().elementCount();
      double[] expected = new double[(int) n];
      for (int x = 0; x < n; x++) {
        expected[x] = value(type, rnd);
        v.data().writeDouble(x, expected[x]);
      }
      Path p = dir.resolve(name);
      NiftiWriter.write(v, p, NiftiWriter.Options.defaults().withFormat(format).withDatatype(type));
      NiftiImage back = NiftiReader.read(p, ReadLimits.defaults(), scope);
      assertEquals(format, back.header().format());
      assertEquals(type, back.header().datatype());
      assertFalse(back.scaled());
      assertEquals(type.memoryType(), back.volume().dtype());
      assertEquals(channels, back.volume().channels());
      for (int x = 0; x < n; x++) {
        assertEquals(expected[x], back.volume().data().readDouble(x), 0.0, "element " + x);
      }
      Geometry gb = back.volume().geometry();
      assertEquals(e, gb.extent());
      assertTrue(maxCornerDistanceMm(g, gb) < 1e-4, () -> "corner distance " + maxCornerDistanceMm(g, gb));
      // The qform alone (what a reader ignoring sform sees) places the grid as well.
      Geometry gq = qformOnly(back.header());
      assertTrue(maxCornerDistanceMm(g, gq) < 1e-4, () -> "qform corner distance " + maxCornerDistanceMm(g, gq));
    }
  }

  static Geometry qformOnly(NiftiHeader h) {
    double[] a = h.qformAffineRas();
    for (int c = 0; c < 4; c++) {
      a[c] = -a[c];
      a[4 + c] = -a[4 + c];
    }
    return Geometry.fromAffine(h.extent(), a);
  }

  @Test
  void writeRead_randomObliqueGeometries_agreeWithin1e4mm() {
    Random rnd = new Random(7);
    try (MemoryScope scope = MemoryScope.open()) {
      for (int trial = 0; trial < 40; trial++) {
        Extent e = Extent.of(1 + rnd.nextInt(300), 1 + rnd.nextInt(300), 1 + rnd.nextInt(200));
        Geometry g = randomGeometry(rnd, e);
        Volume v = Volume.allocate(DType.UINT8, g.withExtent(Extent.of(2, 2, 2)), 1, scope).withGeometry(g.withExtent(Extent.of(2, 2, 2)));
        Path p = dir.resolve("g" + trial + (trial % 2 == 0 ? ".nii" : ".nii.gz"));
        NiftiWriter.write(v, p, NiftiWriter.Options.defaults().withFormat(trial % 3 == 0 ? NiftiFormat.NIFTI2 : NiftiFormat.NIFTI1));
        Geometry back = NiftiReader.read(p, ReadLimits.defaults(), scope).volume().geometry();
        // compare over the full extent of the random grid, not only the written 2x2x2 one
        assertTrue(maxCornerDistanceMm(g, back.withExtent(e)) < 1e-4,
            "trial " + trial + ": " + maxCornerDistanceMm(g, back.withExtent(e)));
        assertTrue(g.direction().maxAbsDifference(back.direction()) < 1e-6);
      }
    }
  }

  @Test
  void writeRead_gzipLargerThanChunks_roundTripsEveryVoxel() {
    Random rnd = new Random(3);
    Geometry g = randomGeometry(rnd, Extent.of(160, 128, 40));
    try (MemoryScope scope = MemoryScope.open()) {
      Volume v = Volume.allocate(DType.INT16, g, 1, scope);
      long n = v.data().elementCount();
      for (long x = 0; x < n; x++) v.data().writeDouble(x, (x * 7919) % 65536 - 32768);
      Path p = dir.resolve("big.nii.gz");
      NiftiWriter.write(v, p);
      assertTrue(Files.exists(p));
      Volume back = NiftiReader.read(p, ReadLimits.defaults(), scope).volume();
      for (long x = 0; x < n; x += 1) {
        if (back.data().readDouble(x) != (x * 7919) % 65536 - 32768) throw new AssertionError("voxel " + x);
      }
    }
  }

  @Test
  void writeGz_onAPool_andAtEveryLevel_sameVoxels_andThePoolChangesNoByte() throws IOException {
    Random rnd = new Random(4);
    Geometry g = randomGeometry(rnd, Extent.of(128, 96, 60)); // 1.4 MiB of int16: two gzip blocks
    try (MemoryScope scope = MemoryScope.open(); WorkPool pool = WorkPool.of(2)) {
      Volume v = Volume.allocate(DType.INT16, g, 1, scope);
      long n = v.data().elementCount();
      for (long x = 0; x < n; x++) v.data().writeDouble(x, (x * 7919) % 4096 - 1024);
      Path one = dir.resolve("one.nii.gz"), two = dir.resolve("two.nii.gz");
      NiftiWriter.write(v, one);
      NiftiWriter.write(v, two, NiftiWriter.Options.defaults(), pool);
      assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
      for (int level : new int[] {0, 9}) {
        Path p = dir.resolve("l" + level + ".nii.gz");
        NiftiWriter.write(v, p, NiftiWriter.Options.defaults().withGzipLevel(level), pool);
        Volume back = NiftiReader.read(p, ReadLimits.defaults(), scope).volume();
        for (long x = 0; x < n; x++) {
          if (back.data().readDouble(x) != (x * 7919) % 4096 - 1024) throw new AssertionError("level " + level + " voxel " + x);
        }
      }
      assertThrows(InvalidArgumentException.class, () -> NiftiWriter.Options.defaults().withGzipLevel(10));
    }
  }

  @Test
  void read_sclSlopeAndInter_appliedToFloat32LikeNibabel() {
    Geometry g = Geometry.isotropic(Extent.of(4, 3, 2), 1);
    try (MemoryScope scope = MemoryScope.open()) {
      Volume v = Volume.allocate(DType.INT16, g, 1, scope);
      for (long x = 0; x < 24; x++) v.data().writeDouble(x, x - 12);
      Path p = dir.resolve("s.nii");
      NiftiWriter.write(v, p, NiftiWriter.Options.defaults().withScaling(2.5, -1024));
      NiftiImage scaled = NiftiReader.read(p, ReadLimits.defaults(), scope);
      assertTrue(scaled.scaled());
      assertEquals(DType.FLOAT32, scaled.volume().dtype());
      for (long x = 0; x < 24; x++) assertEquals((x - 12) * 2.5 - 1024, scaled.volume().data().readDouble(x), 0);
      NiftiImage stored = NiftiReader.read(p, ReadLimits.defaults(), scope, false);
      assertEquals(DType.INT16, stored.volume().dtype());
      assertEquals(2.5, stored.header().sclSlope());
      for (double slope : new double[] {0, Double.NaN, Double.POSITIVE_INFINITY}) {
        Path q = dir.resolve("s0.nii");
        NiftiWriter.write(v, q, NiftiWriter.Options.defaults().withScaling(slope, 5));
        NiftiImage none = NiftiReader.read(q, ReadLimits.defaults(), scope);
        assertFalse(none.scaled(), "slope " + slope + " means no scaling");
        assertEquals(DType.INT16, none.volume().dtype());
        assertEquals(-12, none.volume().data().readDouble(0));
      }
    }
  }

  @Test
  void write_valueOutsideIntegerDatatype_refusedWithMessage() {
    try (MemoryScope scope = MemoryScope.open()) {
      Volume v = Volume.zeros(DType.FLOAT32, Geometry.isotropic(Extent.of(2, 2, 2), 1), 1, scope);
      v.set(0.5, 1, 1, 1);
      InvalidArgumentException ex = assertThrows(InvalidArgumentException.class,
          () -> NiftiWriter.write(v, dir.resolve("x.nii"), NiftiWriter.Options.defaults().withDatatype(NiftiDataType.INT16)));
      assertTrue(ex.getMessage().contains("not a whole number"), ex.getMessage());
    }
  }
}
