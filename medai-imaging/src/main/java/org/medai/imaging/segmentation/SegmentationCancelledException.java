package org.medai.imaging.segmentation;

import org.medai.core.MedaiException;

/** A run was cancelled through {@link RunOptions#cancel()}; its partial results were released. */
public class SegmentationCancelledException extends MedaiException {
  private static final long serialVersionUID = 1L;

  public SegmentationCancelledException(long done, long total) {
    super("MEDAI-SEG-020", "segmentation cancelled after %d of %d model calls".formatted(done, total));
  }
}
