package org.medai.imaging.internal.transform;

/**
 * Whether the Vector API paths may run: the incubator module {@code jdk.incubator.vector} is in the
 * boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and its classes
 * link. Decided once per class loader; without the module every path stays scalar Java with the
 * same results. Holds no reference to incubator types, so it loads anywhere.
 */
final class SimdSupport {
  static final boolean AVAILABLE = probe();

  private SimdSupport() {}

  private static boolean probe() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
    try {
      return SimdRowGather.lanes() >= 4;
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }
}
