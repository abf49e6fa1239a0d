package org.medai.core.internal.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped kernel sources compile with the CUDA toolkit's offline compiler too ({@code nvcc --ptx}),
 * with the flags NVRTC gets, on machines that have nvcc but maybe no GPU or libnvrtc. Skipped where
 * nvcc is not on the PATH (CI).
 */
@Tag("no-nd4j")
class KernelSourcesNvccTest {

  @Test
  void nvccPtx_everyKernelSource_compilesWithFusedMultiplyAdd(@TempDir Path dir) throws IOException, InterruptedException {
    Path nvcc = findOnPath("nvcc");
    assumeTrue(nvcc != null, "nvcc is not on the PATH");
    List<String> cmd = new ArrayList<>(List.of(nvcc.toString(), "--ptx", "-arch=sm_90", "--fmad=false", "-odir", dir.toString()));
    for (String name : NvrtcCompiler.KERNEL_SOURCES) {
      Path cu = dir.resolve(name + ".cu");
      Files.writeString(cu, NvrtcCompiler.source(name));
      cmd.add(cu.toString());
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nvcc timed out");
    assertEquals(0, p.exitValue(), "nvcc failed:\n" + log);
    String convert = Files.readString(dir.resolve("convert.ptx"));
    assertTrue(convert.contains(".entry medai_convert_i16_f32("), "convert.ptx lacks the int16 kernel");
    assertTrue(convert.contains("fma.rn.f32"), "convert.ptx must use a fused multiply-add");
    assertTrue(Files.readString(dir.resolve("fill.ptx")).contains(".entry medai_fill_u64("));
    assertTrue(Files.readString(dir.resolve("axpy.ptx")).contains(".entry medai_axpy_f32("));
  }

  private static Path findOnPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) return null;
    for (String d : path.split(java.io.File.pathSeparator)) {
      Path c = Path.of(d, exe);
      if (Files.isExecutable(c)) return c;
    }
    return null;
  }
}
