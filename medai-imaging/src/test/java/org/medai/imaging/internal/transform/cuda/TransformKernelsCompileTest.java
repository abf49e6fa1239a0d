package org.medai.imaging.internal.transform.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.backend.DeviceKernels;
import org.medai.core.tensor.DType;

/**
 * The imaging kernel sources compile for the GPU: with NVRTC (through core's public
 * {@link DeviceKernels#compile}, the compiler the CUDA backend uses) to PTX with every entry point
 * the device dispatch launches, and to an sm_90 CUBIN, wherever libnvrtc.so.13 loads; and with the
 * toolkit's offline nvcc where it is on the PATH. Each part skips with the reason elsewhere (CI).
 */
@Tag("no-nd4j")
class TransformKernelsCompileTest {
  private static final String BASE = "/org/medai/imaging/kernels/";

  /** Every entry point DeviceTransforms may launch, per source. */
  static Map<String, List<String>> entries() {
    List<String> resample = new ArrayList<>(List.of("medai_bspline_prefilter"));
    for (DType s : DType.values()) {
      String n = DeviceTransforms.suffix(s);
      resample.addAll(List.of("medai_resample_nearest_" + n + "_" + n, "medai_resample_linear_" + n,
          "medai_resample_taps_" + n, "medai_resample_label_" + n, "medai_bspline_load_" + n));
      for (String f : List.of("f32", "f64")) {
        if (!f.equals(n)) resample.add("medai_resample_nearest_" + n + "_" + f);
      }
    }
    List<String> intensity = new ArrayList<>();
    for (DType s : DType.values()) intensity.add("medai_intensity_map_" + DeviceTransforms.suffix(s));
    List<String> reduce = new ArrayList<>();
    for (DType s : DType.values()) {
      for (String k : List.of("medai_mask_flags_", "medai_moments_sum_", "medai_moments_dev_", "medai_key_histogram_",
          "medai_foreground_box_")) {
        reduce.add(k + DeviceTransforms.suffix(s));
      }
    }
    return Map.of(
        "resample", resample,
        "reduce", reduce,
        "reorient", List.of("medai_permute_copy_b1", "medai_permute_copy_b2", "medai_permute_copy_b4", "medai_permute_copy_b8"),
        "intensity", intensity);
  }

  @Test
  void nvrtc_everyTransformKernelToPtxAndCubin_exportsEveryEntryPoint() {
    String problem = DeviceKernels.compilerProblem().orElse(null);
    assumeTrue(problem == null, () -> "NVRTC unavailable: " + problem);
    for (Map.Entry<String, List<String>> e : entries().entrySet()) {
      byte[] ptx = DeviceKernels.compile(DeviceTransforms.class, BASE + e.getKey() + ".cu", "compute_75");
      String text = new String(ptx, StandardCharsets.US_ASCII);
      for (String entry : e.getValue()) assertTrue(text.contains(".entry " + entry + "("), e.getKey() + ".cu lacks " + entry);
      assertTrue(e.getKey().equals("reorient") || e.getKey().equals("reduce") || text.contains("fma.rn.f32"),
          e.getKey() + ".cu must use fused multiply-adds");
      byte[] cubin = DeviceKernels.compile(DeviceTransforms.class, BASE + e.getKey() + ".cu", "sm_90");
      assertEquals(0x7f, cubin[0]);
      assertEquals("ELF", new String(cubin, 1, 3, StandardCharsets.US_ASCII), e.getKey() + " sm_90 image is an ELF CUBIN");
    }
  }

  @Test
  void nvcc_everyTransformKernelToPtx_exportsEveryEntryPoint(@TempDir Path dir) throws IOException, InterruptedException {
    Path nvcc = onPath("nvcc");
    assumeTrue(nvcc != null, "nvcc is not on the PATH");
    List<String> cmd = new ArrayList<>(List.of(nvcc.toString(), "--ptx", "-arch=sm_90", "--fmad=false", "-std=c++17", "-odir", dir.toString()));
    for (String name : entries().keySet()) {
      Path cu = dir.resolve(name + ".cu");
      Files.writeString(cu, KernelEmulator.read(DeviceTransforms.class, BASE + name + ".cu"));
      cmd.add(cu.toString());
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "nvcc timed out");
    assertEquals(0, p.exitValue(), "nvcc failed:\n" + log);
    assertTrue(log.isBlank(), "nvcc warned:\n" + log);
    for (Map.Entry<String, List<String>> e : entries().entrySet()) {
      String ptx = Files.readString(dir.resolve(e.getKey() + ".ptx"));
      for (String entry : e.getValue()) assertTrue(ptx.contains(".entry " + entry + "("), e.getKey() + ".ptx lacks " + entry);
    }
  }

  private static Path onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) return null;
    for (String d : path.split(java.io.File.pathSeparator)) {
      Path c = Path.of(d, exe);
      if (Files.isExecutable(c)) return c;
    }
    return null;
  }
}
