package org.medai.examples.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.medai.core.backend.Availability;
import org.medai.core.backend.Backend;
import org.medai.core.backend.BackendOptions;
import org.medai.core.backend.BackendProvider;
import org.medai.core.backend.Backends;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;

/**
 * Core: builds a synthetic int16 CT phantom (a water sphere in air, stored values with a DICOM-like
 * rescale), converts it to Hounsfield units in float32 on every available backend, and checks each
 * backend against the closed form.
 */
final class CoreDemoStep implements DemoStep {

  @Override
  public String name() {
    return "core";
  }

  @Override
  public Map<String, Object> run(Path outDir) {
    Map<String, Object> r = new LinkedHashMap<>();
    Extent ext = Extent.of(128, 128, 64);
    double angle = Math.toRadians(10);
    Mat3 dir = Mat3.ofColumns(
        Vec3.of(Math.cos(angle), Math.sin(angle), 0), Vec3.of(-Math.sin(angle), Math.cos(angle), 0), Vec3.of(0, 0, 1));
    Geometry g = new Geometry(ext, Vec3.of(0.8, 0.8, 2.5), Vec3.of(-51.2, -51.2, -80), dir);
    r.put("geometry", new DemoCommand.RawJson(g.toJson()));
    try (MemoryScope scope = MemoryScope.open()) {
      Volume ct = Volume.allocate(DType.INT16, g, 1, scope);
      // Stored value = HU + 1024 (slope 1, intercept -1024): water sphere (0 HU) in air (-1000 HU).
      Vec3 centre = g.indexToPhysical(64, 64, 32);
      long inside = 0;
      for (long k = 0; k < ext.k(); k++) {
        for (long j = 0; j < ext.j(); j++) {
          for (long i = 0; i < ext.i(); i++) {
            boolean in = g.indexToPhysical(i, j, k).minus(centre).norm() < 40;
            if (in) inside++;
            ct.set(in ? 1024 : 24, i, j, k);
          }
        }
      }
      r.put("voxels", ext.voxelCount());
      r.put("sphereVoxels", inside);
      double expectedVolumeMl = 4.0 / 3 * Math.PI * 40 * 40 * 40 / 1000;
      double measuredMl = inside * 0.8 * 0.8 * 2.5 / 1000;
      r.put("sphereVolumeMl", Math.round(measuredMl * 10) / 10.0);
      r.put("sphereVolumeExpectedMl", Math.round(expectedVolumeMl * 10) / 10.0);
      StringBuilder backends = new StringBuilder("[");
      for (BackendProvider p : Backends.providers()) {
        Availability a = p.probe();
        if (backends.length() > 1) backends.append(',');
        backends.append("{\"name\":\"").append(p.name()).append("\",\"available\":").append(a.available());
        if (a.available()) {
          try (MemoryScope s = scope.child(); Backend b = p.create(BackendOptions.defaults())) {
            Tensor src = b.upload(ct.data(), s);
            Tensor hu = b.allocate(DType.FLOAT32, s, src.shape());
            b.convert(src, hu, 1f, -1024f);
            Tensor host = b.download(hu, s);
            double water = host.getDouble(0, 32, 64, 64);
            double air = host.getDouble(0, 0, 0, 0);
            boolean ok = water == 0.0 && air == -1000.0;
            backends.append(",\"waterHU\":").append(water).append(",\"airHU\":").append(air).append(",\"correct\":").append(ok);
          }
        }
        backends.append('}');
      }
      r.put("backends", new DemoCommand.RawJson(backends.append(']').toString()));
      r.put("peakNativeBytes", scope.peakBytes());
    }
    return r;
  }
}
