package org.medai.imaging.io.dicom.seg;

import static org.medai.imaging.io.dicom.seg.SegTags.*;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.medai.core.InvalidArgumentException;
import org.medai.core.MedaiVersion;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.tensor.Volume;
import org.medai.imaging.io.dicom.DicomDataset;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomWriter;
import org.medai.imaging.io.dicom.Tag;
import org.medai.imaging.io.dicom.TransferSyntax;
import org.medai.imaging.io.dicom.VR;

/**
 * Writes a label map as a binary DICOM Segmentation (Segmentation Storage, PS3.3 A.51): one
 * segment per label value described by a {@link Segment}, one frame per segment and k-plane of the
 * label map, plane positions and orientation from the label map's {@link Geometry}, and references
 * to the source series, its study and its frame of reference. Bits are packed one per pixel, the
 * first pixel in the low bit, frames back to back. Stateless and thread-safe.
 */
public final class DicomSegWriter {
  private DicomSegWriter() {}

  /** Builds the Segmentation dataset. {@code labels} must be one integer channel. */
  public static DicomDataset build(Volume labels, List<Segment> segments, SegSource source, String seriesDescription) {
    if (labels.channels() != 1 || labels.dtype().isFloating()) {
      throw new InvalidArgumentException("MEDAI-SEG-054", "a DICOM SEG is written from one integer label channel; got " + labels);
    }
    if (segments.isEmpty()) throw new InvalidArgumentException("MEDAI-SEG-055", "a DICOM SEG needs at least one segment");
    Geometry g = labels.geometry();
    Extent e = g.extent();
    int rows = Math.toIntExact(e.j());
    int cols = Math.toIntExact(e.i());
    int planes = Math.toIntExact(e.k());
    String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd"));
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
    DicomDataset src = source.header();
    DicomDataset.Builder b = DicomDataset.builder();
    b.putStrings(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    b.putStrings(Tag.ImageType, VR.CS, "DERIVED", "PRIMARY");
    b.putStrings(Tag.SOPClassUID, VR.UI, SEGMENTATION_STORAGE);
    b.putStrings(Tag.SOPInstanceUID, VR.UI, newUid());
    // Patient, study and frame of reference come from the source, so the SEG files with its study.
    for (int tag : new int[] {Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
        Tag.StudyInstanceUID, Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber, Tag.ReferringPhysicianName,
        Tag.StudyID, Tag.FrameOfReferenceUID}) {
      src.find(tag).ifPresent(b::put);
    }
    for (int tag : new int[] {Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
        Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber, Tag.ReferringPhysicianName, Tag.StudyID}) {
      if (!b.contains(tag)) b.putStrings(tag, org.medai.imaging.io.dicom.DicomDictionary.vrOf(tag));
    }
    if (!b.contains(Tag.StudyInstanceUID)) b.putStrings(Tag.StudyInstanceUID, VR.UI, newUid());
    if (!b.contains(Tag.FrameOfReferenceUID)) b.putStrings(Tag.FrameOfReferenceUID, VR.UI, newUid());
    b.putStrings(PositionReferenceIndicator, VR.LO);
    b.putStrings(Tag.Modality, VR.CS, "SEG");
    b.putStrings(Tag.SeriesInstanceUID, VR.UI, newUid());
    b.putInts(Tag.SeriesNumber, VR.IS, 999);
    b.putStrings(Tag.SeriesDescription, VR.LO, seriesDescription == null ? "medai segmentation" : seriesDescription);
    b.putStrings(Tag.ContentDate, VR.DA, now);
    b.putStrings(ContentTime, VR.TM, time);
    b.putStrings(Tag.SeriesDate, VR.DA, now);
    b.putStrings(SeriesTime, VR.TM, time);
    b.putInts(Tag.InstanceNumber, VR.IS, 1);
    b.putStrings(Manufacturer, VR.LO, "medai");
    b.putStrings(ManufacturerModelName, VR.LO, "medai");
    b.putStrings(DeviceSerialNumber, VR.LO, "0");
    b.putStrings(SoftwareVersions, VR.LO, MedaiVersion.get());
    b.putStrings(ContentLabel, VR.CS, "MEDAI_SEG");
    b.putStrings(ContentDescription, VR.LO, "automatic segmentation");
    b.putStrings(ContentCreatorName, VR.PN);
    b.putStrings(SegmentationType, VR.CS, "BINARY");
    b.putInts(Tag.SamplesPerPixel, VR.US, 1);
    b.putStrings(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    b.putInts(Tag.Rows, VR.US, rows);
    b.putInts(Tag.Columns, VR.US, cols);
    b.putInts(Tag.BitsAllocated, VR.US, 1);
    b.putInts(Tag.BitsStored, VR.US, 1);
    b.putInts(Tag.HighBit, VR.US, 0);
    b.putInts(Tag.PixelRepresentation, VR.US, 0);
    b.putStrings(LossyImageCompression, VR.CS, "00");

    List<DicomDataset> segs = new ArrayList<>();
    for (Segment s : segments) {
      segs.add(b.itemBuilder()
          .putInts(SegmentNumber, VR.US, s.number())
          .putStrings(SegmentLabel, VR.LO, s.label())
          .putStrings(SegmentAlgorithmType, VR.CS, "AUTOMATIC")
          .putStrings(SegmentAlgorithmName, VR.LO, s.algorithmName())
          .putSequence(SegmentedPropertyCategoryCodeSequence, List.of(code(b, s.category())))
          .putSequence(SegmentedPropertyTypeCodeSequence, List.of(code(b, s.type())))
          .build());
    }
    b.putSequence(SegmentSequence, segs);

    String dimUid = newUid();
    b.putSequence(DimensionOrganizationSequence, List.of(b.itemBuilder().putStrings(DimensionOrganizationUID, VR.UI, dimUid).build()));
    b.putSequence(DimensionIndexSequence, List.of(
        b.itemBuilder().putStrings(DimensionOrganizationUID, VR.UI, dimUid)
            .putInts(DimensionIndexPointer, VR.AT, ReferencedSegmentNumber)
            .putInts(FunctionalGroupPointer, VR.AT, SegmentIdentificationSequence)
            .putStrings(DimensionDescriptionLabel, VR.LO, "ReferencedSegmentNumber").build(),
        b.itemBuilder().putStrings(DimensionOrganizationUID, VR.UI, dimUid)
            .putInts(DimensionIndexPointer, VR.AT, Tag.ImagePositionPatient)
            .putInts(FunctionalGroupPointer, VR.AT, PlanePositionSequence)
            .putStrings(DimensionDescriptionLabel, VR.LO, "ImagePositionPatient").build()));

    Vec3 row = g.direction().column(0);
    Vec3 col = g.direction().column(1);
    DicomDataset measures = b.itemBuilder()
        .putDoubles(Tag.PixelSpacing, VR.DS, g.spacingMm().y(), g.spacingMm().x())
        .putDoubles(Tag.SliceThickness, VR.DS, g.spacingMm().z())
        .putDoubles(Tag.SpacingBetweenSlices, VR.DS, g.spacingMm().z()).build();
    DicomDataset orientation = b.itemBuilder()
        .putDoubles(Tag.ImageOrientationPatient, VR.DS, row.x(), row.y(), row.z(), col.x(), col.y(), col.z()).build();
    b.putSequence(Tag.SharedFunctionalGroupsSequence, List.of(b.itemBuilder()
        .putSequence(PixelMeasuresSequence, List.of(measures))
        .putSequence(PlaneOrientationSequence, List.of(orientation)).build()));

    List<DicomDataset> frames = new ArrayList<>();
    for (Segment s : segments) {
      for (int k = 0; k < planes; k++) {
        Vec3 pos = g.indexToPhysical(0, 0, k);
        frames.add(b.itemBuilder()
            .putSequence(FrameContentSequence, List.of(b.itemBuilder().putInts(DimensionIndexValues, VR.UL, s.number(), k + 1).build()))
            .putSequence(PlanePositionSequence, List.of(b.itemBuilder().putDoubles(Tag.ImagePositionPatient, VR.DS, pos.x(), pos.y(), pos.z()).build()))
            .putSequence(SegmentIdentificationSequence, List.of(b.itemBuilder().putInts(ReferencedSegmentNumber, VR.US, s.number()).build()))
            .build());
      }
    }
    b.putSequence(Tag.PerFrameFunctionalGroupsSequence, frames);
    b.putInts(Tag.NumberOfFrames, VR.IS, frames.size());

    List<DicomDataset> refs = new ArrayList<>();
    for (String[] r : source.instances()) {
      refs.add(b.itemBuilder().putStrings(ReferencedSOPClassUID, VR.UI, r[0]).putStrings(ReferencedSOPInstanceUID, VR.UI, r[1]).build());
    }
    b.putSequence(ReferencedSeriesSequence, List.of(b.itemBuilder()
        .putStrings(Tag.SeriesInstanceUID, VR.UI, source.seriesUid())
        .putSequence(ReferencedInstanceSequence, refs).build()));

    b.putBytes(Tag.PixelData, VR.OB, pack(labels, segments));
    return b.build();
  }

  /** Builds and writes the Segmentation as a Part 10 file, explicit VR little endian. */
  public static void write(Volume labels, List<Segment> segments, SegSource source, String seriesDescription, Path out) {
    DicomDataset d = build(labels, segments, source, seriesDescription);
    DicomWriter.write(DicomFile.of(d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), out, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
  }

  private static DicomDataset code(DicomDataset.Builder b, Code c) {
    return b.itemBuilder().putStrings(CodeValue, VR.SH, c.value()).putStrings(CodingSchemeDesignator, VR.SH, c.scheme())
        .putStrings(CodeMeaning, VR.LO, c.meaning()).build();
  }

  /** One bit per pixel, frame after frame (segment-major, then k), first pixel in the low bit. */
  static byte[] pack(Volume labels, List<Segment> segments) {
    Extent e = labels.extent();
    long perFrame = e.i() * e.j();
    long bits = perFrame * e.k() * segments.size();
    long bytes = (bits + 7) / 8;
    if (bytes % 2 == 1) bytes++;
    byte[] out = new byte[Math.toIntExact(bytes)];
    long bit = 0;
    for (Segment s : segments) {
      for (long k = 0; k < e.k(); k++) {
        for (long j = 0; j < e.j(); j++) {
          for (long i = 0; i < e.i(); i++, bit++) {
            if ((int) labels.get(i, j, k) == s.number()) out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
          }
        }
      }
    }
    return out;
  }

  /** A new UID under the UUID-derived root 2.25 (PS3.5 B.2). */
  static String newUid() {
    UUID u = UUID.randomUUID();
    BigInteger v = new BigInteger(1, ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
    return "2.25." + v;
  }
}
