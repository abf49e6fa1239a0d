package org.medai.imaging.io.dicom.seg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medai.core.InvalidArgumentException;
import org.medai.imaging.io.dicom.DicomDataset;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.Tag;

/**
 * What a Segmentation refers to: the source series' patient and study attributes (copied into the
 * SEG), its series and frame-of-reference UIDs, and the instances it was derived from. Immutable.
 *
 * @param header patient, study and frame-of-reference attributes of one source instance
 * @param seriesUid SeriesInstanceUID of the source series
 * @param instances SOP class and instance UIDs of the source images, as {uid class, uid instance}
 */
public record SegSource(DicomDataset header, String seriesUid, List<String[]> instances) {

  public SegSource {
    instances = List.copyOf(instances);
  }

  /**
   * A source with no DICOM images behind it (for example a NIfTI input): new study and frame of
   * reference UIDs, empty patient attributes, no referenced instances.
   */
  public static SegSource standalone() {
    DicomDataset header = DicomDataset.builder()
        .putStrings(Tag.StudyInstanceUID, org.medai.imaging.io.dicom.VR.UI, DicomSegWriter.newUid())
        .putStrings(Tag.FrameOfReferenceUID, org.medai.imaging.io.dicom.VR.UI, DicomSegWriter.newUid())
        .build();
    return new SegSource(header, DicomSegWriter.newUid(), List.of());
  }

  /** Reads the headers (pixel data skipped) of the source series' files. */
  public static SegSource ofFiles(List<Path> files, DicomReader reader) {
    if (files.isEmpty()) throw new InvalidArgumentException("MEDAI-SEG-053", "a segmentation needs at least one source image");
    DicomDataset first = null;
    List<String[]> refs = new ArrayList<>();
    for (Path f : files) {
      DicomDataset d = reader.read(f).dataset();
      if (first == null) first = d;
      refs.add(new String[] {d.getString(Tag.SOPClassUID, ""), d.getString(Tag.SOPInstanceUID, "")});
    }
    return new SegSource(first, first.getString(Tag.SeriesInstanceUID, ""), refs);
  }
}
