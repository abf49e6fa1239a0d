package org.medai.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.medai.core.MemoryException;

@Tag("no-nd4j")
class MemoryScopeTest {

  @Test
  void thousandScopes_eachAllocating8MiB_returnLiveBytesToZero() {
    try (MemoryScope root = MemoryScope.open()) {
      for (int i = 0; i < 1000; i++) {
        try (MemoryScope s = root.child()) {
          NativeBuffer b = s.allocate(8L << 20);
          b.putInt(0, i);
          assertEquals(8L << 20, s.liveBytes());
          assertEquals(8L << 20, root.liveBytes());
        }
        assertEquals(0, root.liveBytes());
      }
      assertEquals(8L << 20, root.peakBytes());
    }
  }

  @Test
  void closeScope_closesChildrenAndBuffers() {
    MemoryScope root = MemoryScope.open();
    MemoryScope child = root.child();
    NativeBuffer a = root.allocate(100);
    NativeBuffer b = child.allocate(200);
    assertEquals(300, root.liveBytes());
    root.close();
    assertFalse(a.isOpen());
    assertFalse(b.isOpen());
    assertFalse(child.isOpen());
    assertEquals(0, root.liveBytes());
    assertThrows(MemoryException.class, () -> a.getByte(0));
    assertThrows(MemoryException.class, () -> root.allocate(1));
  }

  @Test
  void closeBuffer_early_updatesCountsAndScopeCloseIsSafe() {
    try (MemoryScope s = MemoryScope.open()) {
      NativeBuffer b = s.allocate(1000);
      b.close();
      b.close();
      assertEquals(0, s.liveBytes());
      assertEquals(1000, s.peakBytes());
    }
  }

  @Test
  void adopt_movesOwnership_resultSurvivesClosedScope() {
    try (MemoryScope outer = MemoryScope.open()) {
      NativeBuffer kept;
      try (MemoryScope inner = outer.child()) {
        kept = inner.allocate(64);
        kept.putInt(0, 42);
        outer.adopt(kept);
        assertEquals(0, inner.liveBytes());
      }
      assertTrue(kept.isOpen());
      assertEquals(42, kept.getInt(0));
      assertEquals(64, outer.liveBytes());
    }
  }

  @Test
  void allocateZeroed_isZero_andAccessorsRoundTrip() {
    try (MemoryScope s = MemoryScope.open()) {
      NativeBuffer b = s.allocateZeroed(1 << 16);
      for (long o = 0; o < b.byteSize(); o += 4093) assertEquals(0, b.getByte(o));
      b.putDouble(8, Math.PI);
      b.putFloat(16, 1.5f);
      b.putShort(20, (short) -7);
      assertEquals(Math.PI, b.getDouble(8));
      assertEquals(1.5f, b.getFloat(16));
      assertEquals(-7, b.getShort(20));
      assertThrows(IndexOutOfBoundsException.class, () -> b.getInt(b.byteSize() - 2));
    }
  }

  @Test
  void unclosedScope_isReportedWithSizeAndAllocationSite() throws InterruptedException {
    List<String> reports = new CopyOnWriteArrayList<>();
    leakOneBuffer(reports);
    for (int i = 0; i < 200 && reports.isEmpty(); i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(1, reports.size(), "exactly one leak report");
    String r = reports.get(0);
    assertTrue(r.startsWith("cpu 12345 "), r);
    assertTrue(r.contains("MemoryScopeTest.leakOneBuffer"), r);
  }

  private static void leakOneBuffer(List<String> reports) {
    MemoryScope s = MemoryScope.open((device, bytes, site) -> reports.add(device + " " + bytes + " " + site));
    s.allocate(12345);
    // neither the buffer nor the scope is closed: the scope becomes unreachable here
  }

  @Test
  void closedScope_isNeverReported() throws InterruptedException {
    List<String> reports = new CopyOnWriteArrayList<>();
    try (MemoryScope s = MemoryScope.open((d, b, site) -> reports.add(site))) {
      s.allocate(10);
    }
    System.gc();
    Thread.sleep(50);
    assertTrue(reports.isEmpty());
  }

  @Test
  void largerThan2GiB_bufferIsAddressable() {
    try (MemoryScope s = MemoryScope.open()) {
      long size = (2L << 30) + 4096;
      NativeBuffer b = s.allocate(size);
      b.putInt(0, 1);
      b.putInt(size - 4, 0x12345678);
      b.putInt((1L << 31) + 8, 77);
      assertEquals(0x12345678, b.getInt(size - 4));
      assertEquals(77, b.getInt((1L << 31) + 8));
      assertEquals(size, s.liveBytes());
    }
  }
}
