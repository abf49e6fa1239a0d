package org.medai.imaging.io.dicom.seg;

import static org.medai.imaging.io.dicom.seg.SegTags.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medai.core.ReadLimits;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Mat3;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Volume;
import org.medai.imaging.io.dicom.DicomDataset;
import org.medai.imaging.io.dicom.DicomElement;
import org.medai.imaging.io.dicom.DicomFormatException;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.Tag;

/**
 * Reads binary DICOM Segmentations into label maps. Frames are placed by their plane positions:
 * onto a reference geometry (the source series') or onto the geometry the SEG itself describes
 * (shared orientation and spacing, frame positions along the normal). Overlapping segments keep
 * the higher segment number. Stateless and thread-safe.
 */
public final class DicomSegReader {
  private DicomSegReader() {}

  /** A read Segmentation: its segments and the label map on the chosen geometry. */
  public record Segmentation(List<Segment> segments, Volume labels) {}

  /** Reads {@code file} onto the geometry the SEG describes. */
  public static Segmentation read(Path file, DicomReader reader, MemoryScope scope) {
    DicomDataset d = reader.read(file).dataset();
    return place(d, geometryOf(d), reader.limits(), scope);
  }

  /** Reads {@code file} onto {@code reference} (frames whose plane is not a k-plane of it are refused). */
  public static Segmentation readOnto(Path file, Geometry reference, DicomReader reader, MemoryScope scope) {
    return place(reader.read(file).dataset(), reference, reader.limits(), scope);
  }

  /** The grid the SEG describes: shared orientation and spacing, k from the frame positions. */
  public static Geometry geometryOf(DicomDataset d) {
    DicomDataset shared = single(d, Tag.SharedFunctionalGroupsSequence);
    double[] iop = single(shared, PlaneOrientationSequence).getDoubles(Tag.ImageOrientationPatient);
    double[] ps = single(shared, PixelMeasuresSequence).getDoubles(Tag.PixelSpacing);
    if (iop.length != 6 || ps.length != 2) {
      throw new DicomFormatException("MEDAI-SEG-060", -1,
          "segmentation lacks ImageOrientationPatient (6 values) or PixelSpacing (2 values) in its shared functional groups");
    }
    Vec3 row = Vec3.of(iop[0], iop[1], iop[2]).normalized();
    Vec3 col = Vec3.of(iop[3], iop[4], iop[5]).normalized();
    Vec3 normal = row.cross(col);
    List<Vec3> positions = positions(d);
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    Vec3 origin = null;
    for (Vec3 p : positions) {
      double s = p.dot(normal);
      if (s < lo) {
        lo = s;
        origin = p;
      }
      hi = Math.max(hi, s);
    }
    List<Double> distinct = new ArrayList<>();
    for (Vec3 p : positions) {
      double s = p.dot(normal);
      if (distinct.stream().noneMatch(x -> Math.abs(x - s) < 1e-3)) distinct.add(s);
    }
    int planes = distinct.size();
    double dz = planes > 1 ? (hi - lo) / (planes - 1)
        : single(shared, PixelMeasuresSequence).getDouble(Tag.SliceThickness, 1);
    Extent e = Extent.of(d.getInt(Tag.Columns, 0), d.getInt(Tag.Rows, 0), planes);
    return new Geometry(e, Vec3.of(ps[1], ps[0], dz), origin, Mat3.ofColumns(row, col, normal));
  }

  private static Segmentation place(DicomDataset d, Geometry g, ReadLimits limits, MemoryScope scope) {
    int rows = d.getInt(Tag.Rows, 0), cols = d.getInt(Tag.Columns, 0);
    if (d.getInt(Tag.BitsAllocated, 0) != 1 || !"BINARY".equals(d.getString(SegmentationType, ""))) {
      throw new DicomFormatException("MEDAI-SEG-061", -1, "only BINARY segmentations (BitsAllocated 1) are read");
    }
    if (rows != g.extent().j() || cols != g.extent().i()) {
      throw new DicomFormatException("MEDAI-SEG-062", -1,
          "segmentation frames are %d x %d but the reference grid is %d x %d".formatted(cols, rows, g.extent().i(), g.extent().j()));
    }
    List<Segment> segments = new ArrayList<>();
    for (DicomDataset s : d.getSequence(SegmentSequence)) {
      segments.add(new Segment(s.getInt(SegmentNumber, 0), s.getString(SegmentLabel, "segment"),
          code(single(s, SegmentedPropertyCategoryCodeSequence)), code(single(s, SegmentedPropertyTypeCodeSequence)),
          s.getString(SegmentAlgorithmName, "")));
    }
    List<DicomDataset> frames = d.getSequence(Tag.PerFrameFunctionalGroupsSequence);
    List<Vec3> positions = positions(d);
    DicomElement px = d.get(Tag.PixelData);
    byte[] bits = px.isBulk() ? px.bulkData().bytes(limits) : px.bytes();
    long perFrame = (long) rows * cols;
    if (bits.length * 8L < perFrame * frames.size()) {
      throw new DicomFormatException("MEDAI-SEG-063", -1,
          "PixelData holds %d bits but %d frames of %d pixels need %d".formatted(bits.length * 8L, frames.size(), perFrame, perFrame * frames.size()));
    }
    int maxSegment = segments.stream().mapToInt(Segment::number).max().orElse(0);
    Volume labels = Volume.zeros(maxSegment <= 255 ? DType.UINT8 : DType.UINT16, g, 1, scope);
    for (int f = 0; f < frames.size(); f++) {
      int seg = single(frames.get(f), SegmentIdentificationSequence).getInt(ReferencedSegmentNumber, 0);
      Vec3 idx = g.physicalToIndex(positions.get(f));
      long k = Math.round(idx.z());
      if (Math.abs(idx.x()) > 1e-2 || Math.abs(idx.y()) > 1e-2 || Math.abs(idx.z() - k) > 1e-2 || k < 0 || k >= g.extent().k()) {
        throw new DicomFormatException("MEDAI-SEG-064", -1,
            "frame %d lies at continuous index %s, not on a k-plane of the reference grid".formatted(f + 1, idx));
      }
      long base = f * perFrame;
      for (int j = 0; j < rows; j++) {
        for (int i = 0; i < cols; i++) {
          long bit = base + (long) j * cols + i;
          if ((bits[(int) (bit >>> 3)] >> (bit & 7) & 1) != 0 && labels.get(i, j, k) < seg) labels.set(seg, i, j, k);
        }
      }
    }
    return new Segmentation(segments, labels);
  }

  private static List<Vec3> positions(DicomDataset d) {
    List<Vec3> out = new ArrayList<>();
    for (DicomDataset f : d.getSequence(Tag.PerFrameFunctionalGroupsSequence)) {
      double[] p = single(f, PlanePositionSequence).getDoubles(Tag.ImagePositionPatient);
      if (p.length != 3) throw new DicomFormatException("MEDAI-SEG-065", -1, "a frame lacks ImagePositionPatient");
      out.add(Vec3.of(p));
    }
    return out;
  }

  private static Code code(DicomDataset c) {
    return new Code(c.getString(CodeValue, "?"), c.getString(CodingSchemeDesignator, "?"), c.getString(CodeMeaning, ""));
  }

  private static DicomDataset single(DicomDataset d, int sequenceTag) {
    List<DicomDataset> items = d.getSequence(sequenceTag);
    if (items == null || items.isEmpty()) {
      throw new DicomFormatException("MEDAI-SEG-066", -1,
          "segmentation lacks sequence (%04X,%04X)".formatted(sequenceTag >>> 16, sequenceTag & 0xFFFF));
    }
    return items.get(0);
  }
}
