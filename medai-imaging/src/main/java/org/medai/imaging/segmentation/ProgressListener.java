package org.medai.imaging.segmentation;

/** Told how far a run has got. Called on the running thread; keep it quick. */
@FunctionalInterface
public interface ProgressListener {
  /**
   * @param done model calls finished
   * @param total model calls planned
   */
  void onProgress(long done, long total);
}
