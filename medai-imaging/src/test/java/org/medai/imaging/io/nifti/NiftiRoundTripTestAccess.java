package org.medai.imaging.io.nifti;

import java.util.Random;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;

/** Test helper: random proper rotations for tests in other packages. */
public final class NiftiRoundTripTestAccess {
  private NiftiRoundTripTestAccess() {}

  /** A random rotation (det +1), uniform on SO(3). */
  public static Mat3 randomRotation(Random rnd) {
    Mat3 m = NiftiRoundTripTest.randomOrthonormal(rnd);
    return m.determinant() < 0 ? m.times(Mat3.diagonal(Vec3.of(1, 1, -1))) : m;
  }
}
