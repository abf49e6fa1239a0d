package org.medai.core.internal.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.medai.core.BackendException;

/**
 * NVRTC compiles medai's kernel sources without a GPU, wherever CUDA 13's libnvrtc.so.13 loads
 * (skipped with the loader's reason elsewhere). PTX entry points are checked by name; a CUBIN must
 * be an ELF image.
 */
@Tag("no-nd4j")
class NvrtcCompilerTest {
  private static final Map<String, String[]> ENTRIES = Map.of(
      "fill", new String[] {"medai_fill_u8", "medai_fill_u16", "medai_fill_u32", "medai_fill_u64"},
      "axpy", new String[] {"medai_axpy_f32"},
      "convert", new String[] {"medai_convert_u8_f32", "medai_convert_i8_f32", "medai_convert_i16_f32",
          "medai_convert_u16_f32", "medai_convert_i32_f32", "medai_convert_f32_f32", "medai_convert_f64_f32"});

  @BeforeAll
  static void nvrtcLoads() {
    String problem = NvrtcCompiler.loadProblem();
    assumeTrue(problem == null, () -> "NVRTC unavailable: " + problem);
  }

  @Test
  void compile_everyKernelSourceToPtx_exportsEveryEntryPoint() {
    assertEquals(ENTRIES.keySet(), Set.copyOf(NvrtcCompiler.KERNEL_SOURCES));
    for (String name : NvrtcCompiler.KERNEL_SOURCES) {
      NvrtcCompiler.Compiled c = NvrtcCompiler.compile(name, NvrtcCompiler.source(name), "compute_75");
      String ptx = new String(c.image(), StandardCharsets.US_ASCII);
      assertEquals(0, c.image()[c.image().length - 1], "PTX ends with NUL for cuModuleLoadData");
      for (String entry : ENTRIES.get(name)) {
        assertTrue(ptx.contains(".entry " + entry + "("), name + ".cu lacks " + entry);
      }
      assertTrue(name.equals("fill") || ptx.contains("fma.rn.f32"), name + ".cu must use a fused multiply-add");
    }
  }

  @Test
  void compile_forSm90_returnsElfCubin() {
    NvrtcCompiler.Compiled c = NvrtcCompiler.compile("convert", NvrtcCompiler.source("convert"), "sm_90");
    assertTrue(c.cubin());
    assertTrue(c.image().length > 1000);
    assertEquals(0x7f, c.image()[0]);
    assertEquals("ELF", new String(c.image(), 1, 3, StandardCharsets.US_ASCII));
  }

  @Test
  void compile_syntaxError_throwsWithNvrtcLog() {
    String broken = "extern \"C\" __global__ void medai_broken(float* p) { p[0] = undeclared_name; }";
    BackendException e = assertThrows(BackendException.class, () -> NvrtcCompiler.compile("broken", broken, "compute_75"));
    assertTrue(e.getMessage().contains("nvrtcCompileProgram"), e.getMessage());
    assertTrue(e.getMessage().contains("broken.cu"), e.getMessage());
    assertTrue(e.getMessage().contains("undeclared_name"), "NVRTC log included: " + e.getMessage());
  }
}
