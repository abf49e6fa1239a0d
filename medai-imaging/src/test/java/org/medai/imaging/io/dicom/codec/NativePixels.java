package org.medai.imaging.io.dicom.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only reader of native pixel data from an explicit-VR little-endian Part 10 file written by
 * DCMTK: the value of (7FE0,0010) with a defined length, re-interleaved when PlanarConfiguration
 * (0028,0006) is 1. Not a DICOM parser.
 */
final class NativePixels {
  private NativePixels() {}

  static byte[] read(Path file, int samplesPerPixel, int bytesPerSample) throws IOException {
    byte[] b = Files.readAllBytes(file);
    int planar = 0;
    for (int i = 132; i + 10 <= b.length; i++) {
      if (b[i] == 0x28 && b[i + 1] == 0 && b[i + 2] == 0x06 && b[i + 3] == 0 && b[i + 4] == 'U' && b[i + 5] == 'S') {
        planar = b[i + 8];
        break;
      }
    }
    for (int i = 132; i + 12 <= b.length; i++) {
      if ((b[i] & 0xFF) == 0xE0 && (b[i + 1] & 0xFF) == 0x7F && b[i + 2] == 0x10 && b[i + 3] == 0 && b[i + 4] == 'O'
          && (b[i + 5] == 'B' || b[i + 5] == 'W') && b[i + 6] == 0 && b[i + 7] == 0) {
        int len = (b[i + 8] & 0xFF) | (b[i + 9] & 0xFF) << 8 | (b[i + 10] & 0xFF) << 16 | (b[i + 11] & 0xFF) << 24;
        byte[] v = new byte[len];
        System.arraycopy(b, i + 12, v, 0, len);
        return planar == 1 && samplesPerPixel > 1 ? interleave(v, samplesPerPixel, bytesPerSample) : v;
      }
    }
    throw new IOException("no native (7FE0,0010) in " + file.getFileName());
  }

  private static byte[] interleave(byte[] v, int spp, int bps) {
    // planar data is per frame: plane 0 of frame 0, plane 1 of frame 0, ...; frames are not known
    // here, so this helper is only used on single-frame colour files
    byte[] out = new byte[v.length];
    int pixels = v.length / (spp * bps);
    for (int c = 0; c < spp; c++) {
      for (int p = 0; p < pixels; p++) {
        System.arraycopy(v, (c * pixels + p) * bps, out, (p * spp + c) * bps, bps);
      }
    }
    return out;
  }
}
