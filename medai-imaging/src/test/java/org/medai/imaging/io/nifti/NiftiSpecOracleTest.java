package org.medai.imaging.io.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.LimitExceededException;
import org.medai.core.ReadLimits;
import org.medai.core.geometry.Geometry;
import org.medai.core.memory.MemoryScope;

/**
 * Headers built byte by byte from the field offsets of nifti1.h / nifti2.h, read back and compared
 * with affines computed here in closed form (independent of the reader's code).
 */
class NiftiSpecOracleTest {

  @TempDir Path dir;

  static final int NX = 4, NY = 3, NZ = 2;
  static final float PX = 0.8f, PY = 0.9f, PZ = 2.5f;

  /** NIfTI-1, int16 voxels v = 100·x + 10·y + z, quaternion of a 120° turn about (1,1,1): x→y→z→x. */
  static byte[] nifti1(ByteOrder order, int qcode, int scode, float qfac, float slope, float inter) {
    ByteBuffer b = ByteBuffer.allocate(352 + NX * NY * NZ * 2).order(order);
    b.putInt(0, 348);
    short[] dim = {3, NX, NY, NZ, 1, 1, 1, 1};
    for (int i = 0; i < 8; i++) b.putShort(40 + 2 * i, dim[i]);
    b.putShort(70, (short) 4); // datatype int16
    b.putShort(72, (short) 16); // bitpix
    float[] pixdim = {qfac, PX, PY, PZ, 0, 0, 0, 0};
    for (int i = 0; i < 8; i++) b.putFloat(76 + 4 * i, pixdim[i]);
    b.putFloat(108, 352f); // vox_offset
    b.putFloat(112, slope);
    b.putFloat(116, inter);
    b.putShort(252, (short) qcode);
    b.putShort(254, (short) scode);
    b.putFloat(256, 0.5f); // quatern_b
    b.putFloat(260, 0.5f); // quatern_c
    b.putFloat(264, 0.5f); // quatern_d  (a = 0.5)
    b.putFloat(268, 10f); // qoffset_x
    b.putFloat(272, -20f);
    b.putFloat(276, 30f);
    float[] srow = {0, 0, -3, 5, 2, 0, 0, 6, 0, 1.5f, 0, 7};
    for (int i = 0; i < 12; i++) b.putFloat(280 + 4 * i, srow[i]);
    b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
    for (int z = 0; z < NZ; z++) {
      for (int y = 0; y < NY; y++) {
        for (int x = 0; x < NX; x++) b.putShort(352 + 2 * (x + NX * (y + NY * z)), (short) (100 * x + 10 * y + z));
      }
    }
    return b.array();
  }

  /** Expected LPS affine from a RAS one: negate the first two rows. */
  static double[] rasToLps(double[] ras) {
    double[] a = ras.clone();
    for (int c = 0; c < 4; c++) {
      a[c] = -a[c];
      a[4 + c] = -a[4 + c];
    }
    return a;
  }

  static void assertAffine(double[] expectedRas, Geometry g) {
    double[] exp = rasToLps(expectedRas);
    double[] got = g.toAffine();
    for (int i = 0; i < 12; i++) assertEquals(exp[i], got[i], 1e-5, "affine entry " + i);
  }

  NiftiImage read(byte[] bytes, String name, MemoryScope scope) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return NiftiReader.read(p, ReadLimits.defaults(), scope);
  }

  @Test
  void read_qformOnlyBothByteOrders_matchesClosedFormRotationWithQfac() throws IOException {
    // R for the 120° turn about (1,1,1) maps x→y, y→z, z→x: columns e_y, e_z, e_x.
    // Affine = R · diag(PX, PY, qfac·PZ), offset (10, -20, 30).
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      for (float qfac : new float[] {1, -1}) {
        double[] ras = {
            0, 0, qfac * PZ, 10,
            PX, 0, 0, -20,
            0, PY, 0, 30,
            0, 0, 0, 1};
        try (MemoryScope scope = MemoryScope.open()) {
          NiftiImage img = read(nifti1(order, 1, 0, qfac, 0, 0), "q.nii", scope);
          assertEquals("qform", img.header().affineSource());
          assertAffine(ras, img.volume().geometry());
          assertEquals(order == ByteOrder.LITTLE_ENDIAN, img.header().littleEndian());
          assertEquals(100 * 3 + 10 * 2 + 1, img.volume().get(3, 2, 1), "voxel (3,2,1), " + order);
          assertEquals(10, img.volume().get(0, 1, 0));
        }
      }
    }
  }

  @Test
  void read_sformCodePositive_takesSformOverQform() throws IOException {
    double[] ras = {0, 0, -3, 5, 2, 0, 0, 6, 0, 1.5, 0, 7, 0, 0, 0, 1};
    try (MemoryScope scope = MemoryScope.open()) {
      NiftiImage img = read(nifti1(ByteOrder.BIG_ENDIAN, 1, 2, 1, 0, 0), "s.nii", scope);
      assertEquals("sform", img.header().affineSource());
      assertAffine(ras, img.volume().geometry());
    }
  }

  @Test
  void read_noCodes_usesNibabelCentredPixdimFallback() throws IOException {
    // nibabel shape_zoom_affine with x flipped: diag(-PX, PY, PZ), offset -(n-1)/2 · zoom.
    double[] ras = {
        -PX, 0, 0, (NX - 1) / 2.0 * PX,
        0, PY, 0, -(NY - 1) / 2.0 * PY,
        0, 0, PZ, -(NZ - 1) / 2.0 * PZ,
        0, 0, 0, 1};
    try (MemoryScope scope = MemoryScope.open()) {
      NiftiImage img = read(nifti1(ByteOrder.LITTLE_ENDIAN, 0, 0, 1, 0, 0), "b.nii", scope);
      assertEquals("pixdim", img.header().affineSource());
      assertAffine(ras, img.volume().geometry());
    }
  }

  @Test
  void read_scaledBigEndianGzip_appliesSlopeAndInter() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(nifti1(ByteOrder.BIG_ENDIAN, 1, 0, 1, 2f, -3f));
    }
    try (MemoryScope scope = MemoryScope.open()) {
      NiftiImage img = read(bos.toByteArray(), "g.nii.gz", scope);
      assertTrue(img.scaled());
      assertEquals((100 * 3 + 10 * 2 + 1) * 2.0 - 3, img.volume().get(3, 2, 1));
    }
  }

  @Test
  void read_nifti2BuiltByteByByte_matchesSformAndValues() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(544 + NX * NY * NZ * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, 540);
    b.put(4, (byte) 'n').put(5, (byte) '+').put(6, (byte) '2').put(8, (byte) 13).put(9, (byte) 10).put(10, (byte) 26).put(11, (byte) 10);
    b.putShort(12, (short) 64); // float64
    b.putShort(14, (short) 64);
    long[] dim = {3, NX, NY, NZ, 1, 1, 1, 1};
    for (int i = 0; i < 8; i++) b.putLong(16 + 8 * i, dim[i]);
    double[] pixdim = {1, 1.25, 1.5, 3.0, 0, 0, 0, 0};
    for (int i = 0; i < 8; i++) b.putDouble(104 + 8 * i, pixdim[i]);
    b.putLong(168, 544);
    b.putDouble(176, 1);
    b.putInt(344, 0);
    b.putInt(348, 4);
    double c = Math.cos(0.3), s = Math.sin(0.3);
    double[] srow = {1.25 * c, -1.5 * s, 0, -12.5, 1.25 * s, 1.5 * c, 0, 40.25, 0, 0, 3.0, -60};
    for (int i = 0; i < 12; i++) b.putDouble(400 + 8 * i, srow[i]);
    for (int v = 0; v < NX * NY * NZ; v++) b.putDouble(544 + 8 * v, v * 0.125);
    double[] ras = new double[16];
    System.arraycopy(srow, 0, ras, 0, 12);
    ras[15] = 1;
    try (MemoryScope scope = MemoryScope.open()) {
      NiftiImage img = read(b.array(), "two.nii", scope);
      assertEquals(NiftiFormat.NIFTI2, img.header().format());
      assertAffine(ras, img.volume().geometry());
      assertEquals(5 * 0.125, img.volume().get(1, 1, 0));
    }
  }

  @Test
  void read_hugeDims_refusedBeforeAllocation() throws IOException {
    byte[] h = nifti1(ByteOrder.LITTLE_ENDIAN, 1, 0, 1, 0, 0);
    ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(42, (short) 32000).putShort(44, (short) 32000).putShort(46, (short) 32000);
    try (MemoryScope scope = MemoryScope.open()) {
      assertThrows(LimitExceededException.class, () -> read(h, "huge.nii", scope));
      assertEquals(0, scope.peakBytes(), "nothing may be allocated for a refused header");
    }
  }

  @Test
  void read_truncatedVoxels_reportsFileSize() throws IOException {
    byte[] h = nifti1(ByteOrder.LITTLE_ENDIAN, 1, 0, 1, 0, 0);
    byte[] cut = java.util.Arrays.copyOf(h, h.length - 5);
    try (MemoryScope scope = MemoryScope.open()) {
      NiftiFormatException ex = assertThrows(NiftiFormatException.class, () -> read(cut, "cut.nii", scope));
      assertTrue(ex.getMessage().contains("truncated"), ex.getMessage());
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
        gz.write(cut);
      }
      NiftiFormatException gzEx = assertThrows(NiftiFormatException.class, () -> read(bos.toByteArray(), "cut.nii.gz", scope));
      assertTrue(gzEx.getMessage().contains("ends at byte " + (h.length - 5)), gzEx.getMessage());
    }
  }

  @Test
  void read_voxOffsetBeyondFile_refused() throws IOException {
    byte[] h = nifti1(ByteOrder.LITTLE_ENDIAN, 1, 0, 1, 0, 0);
    ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).putFloat(108, 1e9f);
    try (MemoryScope scope = MemoryScope.open()) {
      assertThrows(LimitExceededException.class, () -> read(h, "off.nii", scope));
    }
  }

  @Test
  void read_notNifti_refusedWithCode() throws IOException {
    try (MemoryScope scope = MemoryScope.open()) {
      NiftiFormatException ex = assertThrows(NiftiFormatException.class, () -> read(new byte[400], "zero.nii", scope));
      assertEquals("MEDAI-NIFTI-010", ex.code());
    }
  }
}
