package org.medai.imaging.io.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.ReadLimits;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;

/** nibabel as the peer, both directions. Skips where Debian's python3 with nibabel is absent (CI). */
class NiftiNibabelPeerTest {

  @TempDir Path dir;

  static String python(String script, Path cwd) throws IOException, InterruptedException {
    Path py = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(py), "/usr/bin/python3 is absent; nibabel peer test skipped");
    Process p = new ProcessBuilder(py.toString(), "-c", script).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
    assumeTrue(!out.contains("ModuleNotFoundError"), "nibabel is not installed; peer test skipped");
    if (p.exitValue() != 0) throw new AssertionError("python failed: " + out);
    return out.trim();
  }

  @Test
  void nibabelReadsMedaiFile_affineAndVoxelsAgree() throws Exception {
    Random rnd = new Random(11);
    Geometry g = NiftiRoundTripTest.randomGeometry(rnd, Extent.of(9, 8, 7));
    double sum = 0;
    try (MemoryScope scope = MemoryScope.open()) {
      Volume v = Volume.allocate(DType.INT16, g, 1, scope);
      for (long k = 0; k < 7; k++) {
        for (long j = 0; j < 8; j++) {
          for (long i = 0; i < 9; i++) {
            v.set(i * 3 + j * 100 - k * 1000, i, j, k);
            sum += (i * 3 + j * 100 - k * 1000) * (i + 1);
          }
        }
      }
      for (String name : new String[] {"m.nii.gz", "m2.nii"}) {
        NiftiFormat f = name.equals("m2.nii") ? NiftiFormat.NIFTI2 : NiftiFormat.NIFTI1;
        NiftiWriter.write(v, dir.resolve(name), NiftiWriter.Options.defaults().withFormat(f));
        String out = python("import nibabel as nb, numpy as np\n"
            + "im = nb.load('" + name + "')\n"
            + "d = np.asanyarray(im.dataobj).astype(np.float64)\n"
            + "w = (np.arange(d.shape[0]) + 1.0)[:, None, None]\n"
            + "print(' '.join(repr(float(x)) for x in im.affine[:3].ravel()), float((d * w).sum()))", dir);
        String[] f2 = out.split("\\s+");
        double[] lps = g.toAffine();
        for (int i = 0; i < 12; i++) {
          double ras = (i < 8 ? -1 : 1) * lps[i];
          assertEquals(ras, Double.parseDouble(f2[i]), 1e-4, name + " affine entry " + i);
        }
        assertEquals(sum, Double.parseDouble(f2[12]), 0, name + " weighted voxel sum");
      }
    }
  }

  @Test
  void medaiReadsNibabelFiles_bigEndianScaledAndQformOnly_agree() throws Exception {
    String out = python("import nibabel as nb, numpy as np\n"
        + "rng = np.random.default_rng(5)\n"
        + "q, _ = np.linalg.qr(rng.normal(size=(3, 3)))\n"
        + "aff = np.eye(4); aff[:3, :3] = q @ np.diag([0.7, 1.1, 2.9]); aff[:3, 3] = [12.5, -30.25, 41.0]\n"
        + "d = (np.arange(5 * 4 * 3).reshape(5, 4, 3) - 20).astype('>i2')\n"
        + "h = nb.Nifti1Header(endianness='>')\n"
        + "im = nb.Nifti1Image(d, aff, header=h); im.header.set_slope_inter(0.5, 7.0)\n"
        + "im.set_qform(aff, code=1); im.set_sform(aff, code=0)\n"
        + "nb.save(im, 'be.nii')\n"
        + "im2 = nb.Nifti2Image(d.astype('<f4'), aff); nb.save(im2, 'pair.hdr')\n"
        + "a = nb.load('be.nii')\n"
        + "print(' '.join(repr(float(x)) for x in a.affine[:3].ravel()), float(a.get_fdata()[4, 3, 2]), int(a.header['qform_code']), int(a.header['sform_code']))", dir);
    String[] f = out.split("\\s+");
    try (MemoryScope scope = MemoryScope.open()) {
      NiftiImage be = NiftiReader.read(dir.resolve("be.nii"), ReadLimits.defaults(), scope);
      assertEquals("qform", be.header().affineSource());
      double[] lps = be.volume().geometry().toAffine();
      for (int i = 0; i < 12; i++) {
        assertEquals(Double.parseDouble(f[i]), (i < 8 ? -1 : 1) * lps[i], 1e-5, "qform affine entry " + i);
      }
      assertEquals(Double.parseDouble(f[12]), be.volume().get(4, 3, 2), 1e-6, "scaled voxel (4,3,2)");
      NiftiImage pair = NiftiReader.read(dir.resolve("pair.img"), ReadLimits.defaults(), scope);
      assertEquals(NiftiFormat.NIFTI2, pair.header().format());
      assertEquals(4 * 12 + 3 * 3 + 2 - 20, pair.volume().get(4, 3, 2));
      double[] lps2 = pair.volume().geometry().toAffine();
      for (int i = 0; i < 12; i++) assertEquals(lps[i], lps2[i], 1e-5, "pair affine entry " + i);
    }
  }
}
