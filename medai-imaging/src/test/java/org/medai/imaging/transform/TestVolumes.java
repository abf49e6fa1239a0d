package org.medai.imaging.transform;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;

/** Volumes and geometries for the transform tests; values are closed-form functions of LPS position. */
final class TestVolumes {
  private TestVolumes() {}

  /** A uniformly random rotation (unit quaternion), optionally with a reflection. */
  static Mat3 randomRotation(Random rnd, boolean allowReflection) {
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

  /** A small rotation: angle up to {@code maxRad} about a random axis. */
  static Mat3 smallRotation(Random rnd, double maxRad) {
    Vec3 axis = Vec3.of(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()).normalized();
    double t = (rnd.nextDouble() * 2 - 1) * maxRad;
    double c = Math.cos(t), s = Math.sin(t), C = 1 - c;
    double x = axis.x(), y = axis.y(), z = axis.z();
    return Mat3.ofRows(
        c + x * x * C, x * y * C - z * s, x * z * C + y * s,
        y * x * C + z * s, c + y * y * C, y * z * C - x * s,
        z * x * C - y * s, z * y * C + x * s, c + z * z * C);
  }

  static Volume fill(Geometry g, DType t, MemoryScope scope, ToDoubleFunction<Vec3> f) {
    Volume v = Volume.allocate(t, g, 1, scope);
    Extent e = g.extent();
    for (long k = 0; k < e.k(); k++) {
      for (long j = 0; j < e.j(); j++) {
        for (long i = 0; i < e.i(); i++) v.set(f.applyAsDouble(g.indexToPhysical(i, j, k)), i, j, k);
      }
    }
    return v;
  }

  static Volume random(Geometry g, DType t, long seed, MemoryScope scope) {
    Random rnd = new Random(seed);
    Volume v = Volume.allocate(t, g, 1, scope);
    Extent e = g.extent();
    for (long k = 0; k < e.k(); k++) {
      for (long j = 0; j < e.j(); j++) {
        for (long i = 0; i < e.i(); i++) {
          double x = t.isFloating() ? rnd.nextGaussian() * 100 : t.minValue() + rnd.nextDouble() * (t.maxValue() - t.minValue());
          v.set(x, i, j, k);
        }
      }
    }
    return v;
  }

  /** Raw bytes of a volume's channel-0 data in memory order, for bit-exact comparison. */
  static byte[] bytes(Volume v) {
    long n = v.data().byteSize();
    byte[] b = new byte[(int) n];
    v.data().hostBuffer().read(v.data().offset() * v.dtype().byteSize(), b, 0, (int) n);
    return b;
  }
}
