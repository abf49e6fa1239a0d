package org.medai.core.memory;

/**
 * Told about memory whose scope became unreachable without being closed. Reporting is diagnostic
 * only: it never releases memory (close the scope for that).
 */
@FunctionalInterface
public interface LeakReporter {

  /**
   * @param device where the memory lives ({@code cpu}, {@code cuda:0})
   * @param bytes size of the leaked block
   * @param allocationSite the stack frames that allocated it, innermost first, or a note that
   *     allocation sites are not being recorded
   */
  void leaked(String device, long bytes, String allocationSite);

  /** Logs one warning per leaked block through SLF4J (logger {@code org.medai.core.memory}). */
  static LeakReporter logging() {
    return (device, bytes, site) -> org.slf4j.LoggerFactory.getLogger("org.medai.core.memory")
        .warn("{} bytes of {} memory were never closed (scope not closed); allocated at {}", bytes, device, site);
  }
}
