package org.medai.imaging.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.medai.core.InvalidArgumentException;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;

class LabelMapsTest {

  private static Volume empty(MemoryScope s) {
    return Volume.zeros(DType.UINT8, Geometry.isotropic(Extent.of(10, 10, 10), 1), 1, s);
  }

  private static void box(Volume v, int label, int i0, int i1, int j0, int j1, int k0, int k1) {
    for (int k = k0; k < k1; k++) for (int j = j0; j < j1; j++) for (int i = i0; i < i1; i++) v.set(label, i, j, k);
  }

  @Test
  void components_diagonalNeighbours_splitUnder6JoinUnder26() {
    try (MemoryScope s = MemoryScope.open()) {
      Volume v = empty(s);
      v.set(1, 1, 1, 1);
      v.set(1, 2, 2, 2);
      assertEquals(2, LabelMaps.components(v, 1, LabelMaps.Connectivity.FACES_6).count());
      assertEquals(1, LabelMaps.components(v, 1, LabelMaps.Connectivity.FULL_26).count());
    }
  }

  @Test
  void keepLargest_removesSmallerBlobs() {
    try (MemoryScope s = MemoryScope.open()) {
      Volume v = empty(s);
      box(v, 1, 0, 4, 0, 4, 0, 4);   // 64 voxels
      box(v, 1, 7, 9, 7, 9, 7, 9);   // 8 voxels
      LabelMaps.keepLargestInPlace(v, 1, 0, LabelMaps.Connectivity.FACES_6);
      var c = LabelMaps.components(v, 1, LabelMaps.Connectivity.FACES_6);
      assertEquals(1, c.count());
      assertEquals(64, c.sizes()[1]);
      assertEquals(0, v.get(8, 8, 8));
    }
  }

  @Test
  void fillHoles_enclosedCavityFilled_openCavityKept() {
    try (MemoryScope s = MemoryScope.open()) {
      Volume v = empty(s);
      box(v, 2, 1, 6, 1, 6, 1, 6);
      box(v, 0, 2, 5, 2, 5, 2, 5);   // enclosed 27-voxel cavity
      box(v, 3, 7, 10, 0, 10, 0, 10); // another label, touching the border
      LabelMaps.fillHolesInPlace(v, 2);
      assertEquals(2, v.get(3, 3, 3));
      assertEquals(0, v.get(0, 0, 0));
      assertEquals(3, v.get(8, 5, 5));
    }
  }

  @Test
  void remap_mapsEveryLabel_andRefusesUnknown() {
    try (MemoryScope s = MemoryScope.open()) {
      Volume v = empty(s);
      v.set(2, 0, 0, 0);
      LabelMaps.remapInPlace(v, new int[] {0, 5, 7});
      assertEquals(7, v.get(0, 0, 0));
      assertThrows(InvalidArgumentException.class, () -> LabelMaps.remapInPlace(v, new int[] {0, 1}));
    }
  }
}
