package org.medai.core.memory;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.medai.core.MemoryException;

/**
 * Owner of native memory. Every allocating call in medai names the scope that owns its result;
 * closing the scope releases everything it still owns, children first. A result leaves a scope only
 * by an explicit {@link #adopt move} or copy.
 *
 * <pre>{@code
 * try (MemoryScope scope = MemoryScope.open()) {
 *   NativeBuffer b = scope.allocate(8 << 20);
 *   ...
 * } // b is freed here
 * }</pre>
 *
 * <p>The scope counts live and peak bytes, for host memory and device memory separately, including
 * its children: memory plans and tests read them. A scope that becomes unreachable without being
 * closed is reported once per block by its {@link LeakReporter} with the block's size and allocation
 * site; the report never frees anything.
 *
 * <p>Thread-safe: several threads may allocate in, and close buffers of, one scope. Closing a scope
 * while other threads still use its memory is the caller's error.
 */
public final class MemoryScope implements AutoCloseable {

  private static final class CleanerHolder {
    static final Cleaner CLEANER = Cleaner.create();
  }

  /** Bookkeeping for one block, kept apart from the block so that leak detection can see it. */
  static final class Allocation {
    final String device;
    final long bytes;
    final String site;
    volatile boolean released;

    Allocation(String device, long bytes, String site) {
      this.device = device;
      this.bytes = bytes;
      this.site = site;
    }
  }

  /** What the cleaner sees when the scope is collected unclosed. Must not reference the scope. */
  private static final class LeakState implements Runnable {
    final Set<Allocation> live = Collections.newSetFromMap(new IdentityHashMap<>());
    final LeakReporter reporter;
    volatile boolean closed;

    LeakState(LeakReporter reporter) {
      this.reporter = reporter;
    }

    @Override
    public void run() {
      if (closed) return;
      List<Allocation> leaked;
      synchronized (live) {
        leaked = new ArrayList<>(live);
      }
      for (Allocation a : leaked) {
        if (!a.released) reporter.leaked(a.device, a.bytes, a.site);
      }
    }
  }

  private static final java.util.Set<String> INTERNAL_FRAMES = java.util.Set.of(
      MemoryScope.class.getName(), NativeBuffer.class.getName(), AbstractOwnedMemory.class.getName());

  private final MemoryScope parent;
  private final LeakState leakState;
  private final Cleaner.Cleanable cleanable;
  private final boolean recordSites;
  private final Set<AbstractOwnedMemory> owned = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<MemoryScope> children = new ArrayList<>();
  private final AtomicLong liveHost = new AtomicLong();
  private final AtomicLong liveDevice = new AtomicLong();
  private final AtomicLong peakHost = new AtomicLong();
  private final AtomicLong peakDevice = new AtomicLong();
  private final AtomicLong peakTotal = new AtomicLong();
  private volatile boolean closed;

  private MemoryScope(MemoryScope parent, LeakReporter reporter, boolean recordSites) {
    this.parent = parent;
    this.recordSites = recordSites;
    this.leakState = new LeakState(reporter);
    this.cleanable = CleanerHolder.CLEANER.register(this, leakState);
  }

  /** A root scope that logs leaks through SLF4J and records allocation sites. */
  public static MemoryScope open() {
    return new MemoryScope(null, LeakReporter.logging(), true);
  }

  /** A root scope with the given leak reporter, recording allocation sites. */
  public static MemoryScope open(LeakReporter reporter) {
    return new MemoryScope(null, reporter, true);
  }

  /**
   * A root scope; {@code recordSites=false} skips capturing the allocating stack frames (a few
   * microseconds per allocation), for code that allocates many small blocks.
   */
  public static MemoryScope open(LeakReporter reporter, boolean recordSites) {
    return new MemoryScope(null, reporter, recordSites);
  }

  /** A nested scope; closing this scope closes it too. Its bytes count towards this scope's. */
  public MemoryScope child() {
    ensureOpen();
    MemoryScope c = new MemoryScope(this, leakState.reporter, recordSites);
    synchronized (this) {
      children.add(c);
    }
    return c;
  }

  /** Allocates {@code bytes} of uninitialised host memory owned by this scope. */
  public NativeBuffer allocate(long bytes) {
    return NativeBuffer.allocate(this, bytes, false);
  }

  /** Allocates {@code bytes} of zeroed host memory owned by this scope. */
  public NativeBuffer allocateZeroed(long bytes) {
    return NativeBuffer.allocate(this, bytes, true);
  }

  /**
   * Moves {@code memory} from its current scope to this one; the old scope no longer closes it.
   * This is how a result leaves a scope. Returns the same object.
   */
  public <M extends OwnedMemory> M adopt(M memory) {
    ensureOpen();
    if (!(memory instanceof AbstractOwnedMemory m)) {
      throw new MemoryException("MEDAI-MEM-004", "cannot adopt memory of type " + memory.getClass().getName());
    }
    if (!m.isOpen()) {
      throw new MemoryException("MEDAI-MEM-005", "cannot adopt memory that is already closed");
    }
    MemoryScope old = m.scope();
    if (old == this) return memory;
    old.untrack(m);
    track(m);
    return memory;
  }

  /** Bytes currently allocated through this scope and its children, host and device. */
  public long liveBytes() {
    return liveHost.get() + liveDevice.get();
  }

  public long liveHostBytes() {
    return liveHost.get();
  }

  public long liveDeviceBytes() {
    return liveDevice.get();
  }

  /** Highest {@link #liveBytes()} since the scope opened or {@link #resetPeak()}. */
  public long peakBytes() {
    return peakTotal.get();
  }

  public long peakHostBytes() {
    return peakHost.get();
  }

  public long peakDeviceBytes() {
    return peakDevice.get();
  }

  /** Sets the peaks to the current live bytes, so a later phase can be measured on its own. */
  public void resetPeak() {
    peakHost.set(liveHost.get());
    peakDevice.set(liveDevice.get());
    peakTotal.set(liveBytes());
  }

  public boolean isOpen() {
    return !closed;
  }

  /** Releases every block and child scope still open, most recent first. Idempotent. */
  @Override
  public void close() {
    List<MemoryScope> kids;
    List<AbstractOwnedMemory> blocks;
    synchronized (this) {
      if (closed) return;
      closed = true;
      kids = new ArrayList<>(children);
      children.clear();
      blocks = new ArrayList<>(owned);
    }
    for (int i = kids.size() - 1; i >= 0; i--) kids.get(i).close();
    for (int i = blocks.size() - 1; i >= 0; i--) blocks.get(i).close();
    leakState.closed = true;
    cleanable.clean();
    if (parent != null) parent.childClosed(this);
  }

  // ---- bookkeeping used by AbstractOwnedMemory ----

  String allocationSite() {
    if (!recordSites) return "(allocation sites not recorded; open the scope with recordSites=true)";
    return StackWalker.getInstance().walk(frames -> {
      StringBuilder sb = new StringBuilder();
      frames.filter(f -> !INTERNAL_FRAMES.contains(f.getClassName())
              && !f.getClassName().startsWith("org.medai.core.internal."))
          .limit(6)
          .forEach(f -> {
            if (sb.length() > 0) sb.append(" <- ");
            sb.append(f.getClassName()).append('.').append(f.getMethodName())
                .append(':').append(f.getLineNumber());
          });
      return sb.toString();
    });
  }

  void track(AbstractOwnedMemory m) {
    synchronized (this) {
      ensureOpen();
      owned.add(m);
      m.setScope(this);
    }
    synchronized (leakState.live) {
      leakState.live.add(m.allocation);
    }
    addBytes(m.allocation.device, m.allocation.bytes);
  }

  void untrack(AbstractOwnedMemory m) {
    boolean removed;
    synchronized (this) {
      removed = owned.remove(m);
    }
    if (!removed) return;
    synchronized (leakState.live) {
      leakState.live.remove(m.allocation);
    }
    addBytes(m.allocation.device, -m.allocation.bytes);
  }

  private void addBytes(String device, long delta) {
    for (MemoryScope s = this; s != null; s = s.parent) {
      boolean host = "cpu".equals(device);
      long now = (host ? s.liveHost : s.liveDevice).addAndGet(delta);
      if (delta > 0) {
        (host ? s.peakHost : s.peakDevice).accumulateAndGet(now, Math::max);
        s.peakTotal.accumulateAndGet(s.liveHost.get() + s.liveDevice.get(), Math::max);
      }
    }
  }

  private synchronized void childClosed(MemoryScope child) {
    children.remove(child);
  }

  void ensureOpen() {
    if (closed) {
      throw new MemoryException("MEDAI-MEM-001", "memory scope is closed; allocate in an open scope");
    }
  }
}
