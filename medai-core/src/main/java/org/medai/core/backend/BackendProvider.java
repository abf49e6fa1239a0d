package org.medai.core.backend;

/**
 * Service-provider interface for compute backends, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.medai.core.backend.BackendProvider}). Implementations must be
 * cheap to construct: no native loading or device work happens before {@link #probe()}.
 */
public interface BackendProvider {

  /** Short name used on the command line and in {@link Device}: {@code cpu}, {@code cuda}. */
  String name();

  /** Preference for {@link Device#auto()}: higher wins among available backends. */
  int rank();

  /**
   * Whether this backend can run here. Never throws: failures become an {@link Availability} with
   * the reason. The first call may load native libraries; later calls return the cached answer.
   */
  Availability probe();

  /** Creates a backend; throws {@link org.medai.core.BackendException} when it is unavailable. */
  Backend create(BackendOptions options);
}
