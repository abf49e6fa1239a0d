package org.medai.imaging.io.nifti;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.MedaiException;
import org.medai.core.ReadLimits;
import org.medai.core.geometry.Extent;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;

/**
 * Seeded mutation of valid NIfTI-1/2 files (byte flips concentrated in the header, field-sized
 * overwrites with extreme values, truncation): the reader either returns a volume or throws a
 * {@link MedaiException}; nothing else, and never more than the strict limits allow.
 */
class NiftiFuzzTest {

  @TempDir Path dir;

  @Test
  void read_mutatedHeadersAndTruncations_onlyMedaiExceptions() throws Exception {
    Random rnd = new Random(20261128);
    byte[][] seeds = new byte[4][];
    int s = 0;
    try (MemoryScope scope = MemoryScope.open()) {
      for (NiftiFormat f : NiftiFormat.values()) {
        for (NiftiDataType t : new NiftiDataType[] {NiftiDataType.INT16, NiftiDataType.RGB24}) {
          Volume v = Volume.zeros(t == NiftiDataType.RGB24 ? DType.UINT8 : DType.INT16,
              NiftiRoundTripTest.randomGeometry(rnd, Extent.of(6, 5, 4)), t == NiftiDataType.RGB24 ? 3 : 2, scope);
          Path p = dir.resolve("seed.nii");
          NiftiWriter.write(v, p, NiftiWriter.Options.defaults().withFormat(f).withDatatype(t));
          seeds[s++] = Files.readAllBytes(p);
        }
      }
    }
    ReadLimits strict = ReadLimits.strict();
    int ok = 0, refused = 0;
    Path p = dir.resolve("m.nii");
    Path gz = dir.resolve("m.nii.gz");
    for (int iter = 0; iter < 1000; iter++) {
      byte[] m = seeds[rnd.nextInt(seeds.length)].clone();
      int header = m.length > 600 ? 548 : 352;
      int edits = 1 + rnd.nextInt(4);
      for (int e = 0; e < edits && m.length >= 8; e++) {
        int at = rnd.nextInt(Math.min(header, m.length));
        switch (rnd.nextInt(4)) {
          case 0 -> m[at] = (byte) rnd.nextInt(256);
          case 1 -> m[at] ^= (byte) (1 << rnd.nextInt(8));
          case 2 -> { // an extreme 2/4/8-byte value at an aligned offset
            int w = 1 << (1 + rnd.nextInt(3));
            int a = Math.min(at - at % w, m.length - w);
            long[] extremes = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 0x7FFF, 0x7FFFFFFF, 0x7FC00000L, 0x7FF8000000000000L};
            long x = extremes[rnd.nextInt(extremes.length)];
            for (int b = 0; b < w; b++) m[a + b] = (byte) (x >>> (8 * b));
          }
          default -> m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length + 1));
        }
      }
      boolean useGz = rnd.nextInt(4) == 0;
      Path target = useGz ? gz : p;
      if (useGz) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bos)) {
          g.write(m);
        }
        Files.write(target, bos.toByteArray());
      } else {
        Files.write(target, m);
      }
      try (MemoryScope scope = MemoryScope.open(org.medai.core.memory.LeakReporter.logging(), false)) {
        try {
          NiftiReader.read(target, strict, scope);
          ok++;
        } catch (MedaiException e) {
          refused++;
        } catch (RuntimeException e) {
          throw new AssertionError("iteration " + iter + ": " + e, e);
        }
        assertTrue(scope.peakBytes() <= strict.maxTotalBytes(), "iteration " + iter + " allocated " + scope.peakBytes());
      }
    }
    assertTrue(ok > 50 && refused > 50, "mutations should both pass and fail: ok=" + ok + " refused=" + refused);
  }
}
