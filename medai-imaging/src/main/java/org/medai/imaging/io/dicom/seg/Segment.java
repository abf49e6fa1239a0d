package org.medai.imaging.io.dicom.seg;

import org.medai.core.InvalidArgumentException;

/**
 * One segment of a DICOM Segmentation: the label value it stands for in a label map (its segment
 * number), a label, its coded category and type, and the algorithm that produced it. Immutable.
 */
public record Segment(int number, String label, Code category, Code type, String algorithmName) {
  public Segment {
    if (number < 1 || number > 65535) {
      throw new InvalidArgumentException("MEDAI-SEG-051", "segment number must be in 1..65535; got " + number);
    }
    if (label == null || label.isBlank()) throw new InvalidArgumentException("MEDAI-SEG-052", "segment " + number + " needs a label");
    algorithmName = algorithmName == null || algorithmName.isBlank() ? "medai" : algorithmName;
  }
}
