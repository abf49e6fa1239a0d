package org.medai.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.medai.core.InvalidArgumentException;
import org.medai.core.tensor.DType;

/** Runs where ONNX Runtime and ND4J are off the class path: both runtimes must say so, not fail. */
@Tag("no-nd4j")
class ModelRuntimesTest {

  @Test
  void runtimes_listedByServiceLoader_probeWithoutLibrariesGivesReason() {
    List<String> names = ModelRuntimes.all().stream().map(ModelRuntime::name).toList();
    assertTrue(names.contains("onnx") && names.contains("samediff"), names.toString());
    if (Boolean.getBoolean("medai.test.nd4jAbsent")) {
      for (ModelRuntime r : ModelRuntimes.all()) {
        assertFalse(r.probe().available(), r.name());
        assertTrue(r.probe().reason().contains("class path"), r.probe().reason());
      }
    }
  }

  @Test
  void load_unknownExtension_failsNamingTheFile() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> ModelRuntimes.load(Path.of("model.pt"), ModelOptions.defaults()));
    assertEquals("MEDAI-MODEL-004", e.code());
    assertTrue(e.getMessage().contains("model.pt"));
  }

  @Test
  void tensorSpec_dynamicDimensions_acceptAnySize() {
    TensorSpec s = new TensorSpec("image", DType.FLOAT32, new long[] {-1, 1, -1, -1, -1});
    assertTrue(s.accepts(new long[] {2, 1, 5, 6, 7}));
    assertFalse(s.accepts(new long[] {2, 3, 5, 6, 7}));
    assertFalse(s.accepts(new long[] {1, 5, 6, 7}));
    assertThrows(InvalidArgumentException.class, () -> s.requireAccepts(new long[] {1, 2, 3, 4, 5}, "x"));
  }
}
