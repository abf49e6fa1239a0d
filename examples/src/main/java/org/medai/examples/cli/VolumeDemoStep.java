package org.medai.examples.cli;

import java.nio.file.Path;
import java.util.Map;
import org.medai.examples.cli.volume.VolumeDemo;

/** Volume I/O: a synthetic oblique volume to NIfTI and back (see {@link VolumeDemo}). */
final class VolumeDemoStep implements DemoStep {
  @Override
  public String name() {
    return "volume";
  }

  @Override
  public Map<String, Object> run(Path outDir) {
    return VolumeDemo.run(outDir);
  }
}
