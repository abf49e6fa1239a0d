package org.medai.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Large host buffers on transparent huge pages ({@link HugePages}), where the platform offers them. */
@Tag("no-nd4j")
class HugePagesTest {
  private static final long HUGE_PAGE = 2L << 20;

  private static void assumeInUse() {
    assumeTrue(HugePages.AVAILABLE, "large buffers come from malloc here: " + HugePages.STATUS);
  }

  @Test
  void allocate_9MiBAndABit_returnsZeroedAlignedUsableBufferAndFreesIt() {
    assumeInUse();
    try (MemoryScope scope = MemoryScope.open()) {
      long n = 9 * HUGE_PAGE + 12_345; // not a whole number of huge pages
      NativeBuffer b = scope.allocate(n); // a plain allocation: zeroed anyway, being a fresh mapping
      assertEquals(0, b.address() % HUGE_PAGE, "mapped at a 2 MiB boundary");
      byte[] chunk = new byte[1 << 20];
      for (long o = 0; o < n; o += chunk.length) {
        int len = (int) Math.min(chunk.length, n - o);
        b.read(o, chunk, 0, len);
        for (int q = 0; q < len; q++) {
          if (chunk[q] != 0) throw new AssertionError("byte " + (o + q) + " is " + chunk[q]);
        }
      }
      for (long o = 0; o < n; o += 4096) b.putInt(o, (int) (o * 31));
      b.putByte(n - 1, (byte) 7);
      for (long o = 0; o < n; o += 4096) assertEquals((int) (o * 31), b.getInt(o));
      assertEquals(7, b.getByte(n - 1));
      assertEquals(n, scope.liveBytes());
      b.close();
      assertEquals(0, scope.liveBytes());
      assertFalse(b.isOpen());
    }
  }

  @Test
  void allocate_16MiB_kernelSmapsMarksTheMappingThpEligible() throws IOException {
    assumeInUse();
    Path smaps = Path.of("/proc/self/smaps");
    assumeTrue(Files.isReadable(smaps), "no /proc/self/smaps to read the kernel's account from");
    try (MemoryScope scope = MemoryScope.open()) {
      NativeBuffer b = scope.allocate(8 * HUGE_PAGE);
      b.fillBytes((byte) 1);
      String eligible = smapsField(Files.readAllLines(smaps), b.address(), "THPeligible:");
      assumeTrue(eligible != null, "this kernel's smaps has no THPeligible field");
      assertEquals("1", eligible, "the kernel's THPeligible for the buffer's mapping");
    }
  }

  @Test
  void allocate_belowThreshold_zeroedAndCounted_andStatusNamesTheAllocator() {
    String status = NativeBuffer.hostAllocator();
    assertTrue(status.startsWith(HugePages.AVAILABLE ? "transparent huge pages" : "malloc"), status);
    try (MemoryScope scope = MemoryScope.open()) {
      NativeBuffer b = scope.allocateZeroed(HugePages.THRESHOLD - 1);
      assertEquals(0, b.getByte(HugePages.THRESHOLD - 2));
      assertEquals(HugePages.THRESHOLD - 1, scope.liveBytes());
    }
  }

  /** The value of {@code field} in the smaps block of the mapping that holds {@code address}. */
  private static String smapsField(List<String> lines, long address, String field) {
    boolean inside = false;
    for (String line : lines) {
      int dash = line.indexOf('-');
      int space = line.indexOf(' ');
      if (dash > 0 && space > dash && line.substring(0, dash).matches("[0-9a-f]+")) {
        long lo = Long.parseUnsignedLong(line.substring(0, dash), 16);
        long hi = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
        inside = address >= lo && address < hi;
      } else if (inside && line.startsWith(field)) {
        return line.substring(field.length()).trim();
      }
    }
    return null;
  }
}
