package org.medai.core.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medai.core.internal.NativeLibrary;

/**
 * Host buffers of {@value #THRESHOLD_MIB} MiB and more mapped on transparent huge pages (the C side,
 * {@code src/main/native/host_memory.c}, says why): their first write then faults 2 MiB at a time
 * instead of 4 KiB. numpy does the same for its large arrays. On the 2-core build machine, a virtual
 * machine whose page faults are slow, faulting in 300 MiB took 0.95 s from malloc and 25 ms from
 * here; a resample that allocates its 300 MiB B-spline coefficient volume per call went from 1.32 to
 * 0.37 s (docs/transform.md).
 *
 * <p>Used where the module's native library loaded (Linux x86-64, built with a C compiler) and the
 * kernel has transparent huge pages in {@code always} or {@code madvise} mode (and the process has
 * not had them turned off); the system property {@code medai.hugePages=false} turns it off.
 * Otherwise, or when a mapping fails, buffers come from malloc as before. Decided once per class
 * loader; no other state.
 */
final class HugePages {
  /** The system property that turns huge-page buffers off ({@code false}). */
  static final String PROPERTY = "medai.hugePages";
  static final int THRESHOLD_MIB = 4;
  /** Buffers this large or larger are mapped here. */
  static final long THRESHOLD = (long) THRESHOLD_MIB << 20;
  private static final String LIBRARY = "native/linux-x86_64/libmedai_core.so";
  private static final Path THP_MODE = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  static final String STATUS;
  static final boolean AVAILABLE;

  static {
    String status = NativeLibrary.load(HugePages.class, LIBRARY, PROPERTY);
    boolean available = false;
    if (status.equals(NativeLibrary.LOADED)) {
      String mode = kernelMode();
      if ((mode.equals("always") || mode.equals("madvise")) && processDisabled()) mode = "disabled for this process";
      available = mode.equals("always") || mode.equals("madvise");
      status = available
          ? "transparent huge pages for buffers of " + THRESHOLD_MIB + " MiB and more (kernel mode " + mode + ")"
          : "malloc (transparent huge pages " + mode + ")";
    } else {
      status = "malloc (huge-page buffers " + status + ")";
    }
    STATUS = status;
    AVAILABLE = available;
  }

  private HugePages() {}

  /** The bracketed word of the kernel's THP setting, or why there is none. */
  private static String kernelMode() {
    try {
      String s = Files.readString(THP_MODE, StandardCharsets.US_ASCII);
      int a = s.indexOf('['), b = s.indexOf(']');
      return a >= 0 && b > a ? s.substring(a + 1, b) : "unreadable";
    } catch (IOException | SecurityException e) {
      return "not offered by this kernel";
    }
  }

  /** True where the process runs with THP turned off ({@code prctl(PR_SET_THP_DISABLE)}, as some containers do). */
  private static boolean processDisabled() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("THP_enabled:")) return line.substring("THP_enabled:".length()).trim().equals("0");
      }
    } catch (IOException | SecurityException e) {
      // no such line before Linux 5.0: not disabled as far as anyone can tell
    }
    return false;
  }

  /** Zeroed memory of {@code bytes} (> 0) at a 2 MiB boundary, or 0 when it could not be mapped. */
  static native long map(long bytes);

  /** Releases a {@link #map} result of the same size; 0, or -1 when the kernel refused. */
  static native int unmap(long address, long bytes);
}
