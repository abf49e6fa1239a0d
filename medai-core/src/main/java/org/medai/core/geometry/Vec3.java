package org.medai.core.geometry;

/** A 3-vector of doubles: a point or direction in LPS millimetres, or a per-axis quantity. Immutable. */
public record Vec3(double x, double y, double z) {

  public static final Vec3 ZERO = new Vec3(0, 0, 0);
  public static final Vec3 ONES = new Vec3(1, 1, 1);

  public static Vec3 of(double x, double y, double z) {
    return new Vec3(x, y, z);
  }

  public static Vec3 of(double[] v) {
    if (v.length != 3) throw new IllegalArgumentException("Vec3 needs 3 values, got " + v.length);
    return new Vec3(v[0], v[1], v[2]);
  }

  public double get(int axis) {
    return switch (axis) {
      case 0 -> x;
      case 1 -> y;
      case 2 -> z;
      default -> throw new IndexOutOfBoundsException("axis " + axis + " not in 0..2");
    };
  }

  public Vec3 plus(Vec3 o) {
    return new Vec3(x + o.x, y + o.y, z + o.z);
  }

  public Vec3 minus(Vec3 o) {
    return new Vec3(x - o.x, y - o.y, z - o.z);
  }

  public Vec3 times(double s) {
    return new Vec3(x * s, y * s, z * s);
  }

  /** Component-wise product. */
  public Vec3 times(Vec3 o) {
    return new Vec3(x * o.x, y * o.y, z * o.z);
  }

  public double dot(Vec3 o) {
    return x * o.x + y * o.y + z * o.z;
  }

  public Vec3 cross(Vec3 o) {
    return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
  }

  public double norm() {
    return Math.sqrt(dot(this));
  }

  public Vec3 normalized() {
    double n = norm();
    if (n == 0) throw new ArithmeticException("cannot normalize a zero vector");
    return times(1.0 / n);
  }

  public double maxAbsDifference(Vec3 o) {
    return Math.max(Math.abs(x - o.x), Math.max(Math.abs(y - o.y), Math.abs(z - o.z)));
  }

  public double[] toArray() {
    return new double[] {x, y, z};
  }
}
