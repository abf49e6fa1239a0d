package org.medai.imaging.internal.transform.cuda;

import org.medai.core.tensor.Volume;

/** The raw bytes of a contiguous host volume, for bit-for-bit comparisons. */
final class TestBytes {
  private TestBytes() {}

  static byte[] of(Volume v) {
    byte[] b = new byte[Math.toIntExact(v.data().byteSize())];
    v.data().hostBuffer().read(v.data().offset() * v.dtype().byteSize(), b, 0, b.length);
    return b;
  }
}
