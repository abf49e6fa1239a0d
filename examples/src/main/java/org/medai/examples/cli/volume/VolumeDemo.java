package org.medai.examples.cli.volume;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.medai.core.ReadLimits;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;
import org.medai.imaging.io.nifti.NiftiImage;
import org.medai.imaging.io.nifti.NiftiReader;
import org.medai.imaging.io.nifti.NiftiWriter;

/**
 * The volume part of {@code medai demo}: writes a synthetic oblique, anisotropic int16 volume to
 * NIfTI in the demo folder, reads it back and reports the largest geometry difference (mm, over the
 * grid's corners) and whether every voxel came back.
 */
public final class VolumeDemo {
  private VolumeDemo() {}

  public static Map<String, Object> run(Path outDir) {
    Map<String, Object> r = new LinkedHashMap<>();
    double a = Math.toRadians(17), b = Math.toRadians(-9);
    Mat3 rz = Mat3.ofRows(Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1);
    Mat3 rx = Mat3.ofRows(1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b));
    Geometry g = new Geometry(Extent.of(96, 80, 40), Vec3.of(0.7, 0.9, 2.5), Vec3.of(-41.3, 17.75, -60.2), rz.times(rx));
    Path file = outDir.resolve("volume-demo.nii.gz");
    try (MemoryScope scope = MemoryScope.open()) {
      Volume v = Volume.allocate(DType.INT16, g, 1, scope);
      long n = v.data().elementCount();
      for (long x = 0; x < n; x++) v.data().writeDouble(x, (x * 31) % 4096 - 1024);
      NiftiWriter.write(v, file);
      NiftiImage back = NiftiReader.read(file, ReadLimits.defaults(), scope);
      Geometry gb = back.volume().geometry();
      double worst = 0;
      Extent e = g.extent();
      for (int c = 0; c < 8; c++) {
        double i = (c & 1) * (e.i() - 1), j = ((c >> 1) & 1) * (e.j() - 1), k = ((c >> 2) & 1) * (e.k() - 1);
        worst = Math.max(worst, g.indexToPhysical(i, j, k).minus(gb.indexToPhysical(i, j, k)).norm());
      }
      boolean same = true;
      for (long x = 0; x < n && same; x++) same = back.volume().data().readDouble(x) == (x * 31) % 4096 - 1024;
      r.put("file", file.getFileName().toString());
      r.put("orientation", gb.orientationCode());
      r.put("affineSource", back.header().affineSource());
      r.put("maxGeometryDifferenceMm", worst);
      r.put("voxelsIdentical", same);
    }
    return r;
  }
}
