package org.medai.imaging.internal.series;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medai.core.ReadLimits;
import org.medai.core.geometry.Vec3;
import org.medai.core.tensor.DType;
import org.medai.imaging.io.dicom.DicomDataset;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.Tag;
import org.medai.imaging.io.series.SeriesAssemblyException;
import org.medai.imaging.io.series.SliceHeader;

/**
 * Adapter from the DICOM parser's datasets to {@link SliceHeader}s: one per single-frame image, one
 * per frame of a multi-frame image, with enhanced multi-frame functional groups resolved (per-frame
 * item first, then the shared item). Stateless.
 */
public final class DicomSlices {
  // Functional-group tags the parser's Tag class does not name.
  static final int FrameContentSequence = 0x00209111;
  static final int PlanePositionSequence = 0x00209113;
  static final int PlaneOrientationSequence = 0x00209116;
  static final int PixelMeasuresSequence = 0x00289110;
  static final int PixelValueTransformationSequence = 0x00289145;
  static final int InStackPositionNumber = 0x00209057;

  private DicomSlices() {}

  /** True when the dataset holds an image (Rows, Columns and pixel data or a pixel-data offset). */
  public static boolean isImage(DicomFile f) {
    return f.dataset().contains(Tag.Rows) && f.dataset().contains(Tag.Columns) && f.hasPixelData();
  }

  /** The slices of one file; empty when it holds no image. */
  public static List<SliceHeader> of(Path file, DicomFile f, ReadLimits limits) {
    if (!isImage(f)) return List.of();
    DicomDataset d = f.dataset();
    int rows = d.getInt(Tag.Rows, 0);
    int cols = d.getInt(Tag.Columns, 0);
    int samples = d.getInt(Tag.SamplesPerPixel, 1);
    DType type = storedType(d, file);
    int frames = Math.max(1, d.getInt(Tag.NumberOfFrames, 1));
    limits.checkItems("NumberOfFrames (0028,0008) of " + file.getFileName(), frames);
    String study = d.getString(Tag.StudyInstanceUID, "");
    String series = d.getString(Tag.SeriesInstanceUID, "");
    int instance = d.getInt(Tag.InstanceNumber, -1);
    List<DicomDataset> perFrame = d.getSequence(Tag.PerFrameFunctionalGroupsSequence);
    List<DicomDataset> sharedSeq = d.getSequence(Tag.SharedFunctionalGroupsSequence);
    DicomDataset shared = sharedSeq.isEmpty() ? null : sharedSeq.get(0);
    if (perFrame.isEmpty() && shared == null) {
      double[] ps = d.getDoubles(Tag.PixelSpacing);
      double[] iop = d.getDoubles(Tag.ImageOrientationPatient);
      double[] ipp = d.getDoubles(Tag.ImagePositionPatient);
      List<SliceHeader> out = new ArrayList<>(frames);
      for (int fr = 0; fr < frames; fr++) {
        out.add(new SliceHeader(file, fr, study, series, frames > 1 ? fr + 1 : instance, rows, cols, samples, type,
            ps.length >= 2 ? ps[0] : 0, ps.length >= 2 ? ps[1] : 0,
            iop.length >= 6 ? Vec3.of(iop[0], iop[1], iop[2]) : null,
            iop.length >= 6 ? Vec3.of(iop[3], iop[4], iop[5]) : null,
            ipp.length >= 3 ? Vec3.of(ipp[0], ipp[1], ipp[2]) : null,
            d.getDouble(Tag.RescaleSlope, 1), d.getDouble(Tag.RescaleIntercept, 0)));
      }
      return out;
    }
    if (!perFrame.isEmpty() && perFrame.size() != frames) {
      throw new SeriesAssemblyException("MEDAI-SERIES-030",
          "%s has %d per-frame functional group items for %d frames; expected one per frame"
              .formatted(file.getFileName(), perFrame.size(), frames));
    }
    List<SliceHeader> out = new ArrayList<>(frames);
    for (int fr = 0; fr < frames; fr++) {
      DicomDataset own = perFrame.isEmpty() ? null : perFrame.get(fr);
      double[] ipp = group(own, shared, PlanePositionSequence, Tag.ImagePositionPatient);
      double[] iop = group(own, shared, PlaneOrientationSequence, Tag.ImageOrientationPatient);
      double[] ps = group(own, shared, PixelMeasuresSequence, Tag.PixelSpacing);
      double[] slope = group(own, shared, PixelValueTransformationSequence, Tag.RescaleSlope);
      double[] inter = group(own, shared, PixelValueTransformationSequence, Tag.RescaleIntercept);
      double[] stackPos = group(own, null, FrameContentSequence, InStackPositionNumber);
      out.add(new SliceHeader(file, fr, study, series, stackPos.length > 0 ? (int) stackPos[0] : fr + 1,
          rows, cols, samples, type,
          ps.length >= 2 ? ps[0] : 0, ps.length >= 2 ? ps[1] : 0,
          iop.length >= 6 ? Vec3.of(iop[0], iop[1], iop[2]) : null,
          iop.length >= 6 ? Vec3.of(iop[3], iop[4], iop[5]) : null,
          ipp.length >= 3 ? Vec3.of(ipp[0], ipp[1], ipp[2]) : null,
          slope.length > 0 ? slope[0] : d.getDouble(Tag.RescaleSlope, 1),
          inter.length > 0 ? inter[0] : d.getDouble(Tag.RescaleIntercept, 0)));
    }
    return out;
  }

  /** An attribute of a functional-group macro: the frame's own item first, else the shared item. */
  private static double[] group(DicomDataset own, DicomDataset shared, int sequence, int attribute) {
    for (DicomDataset g : new DicomDataset[] {own, shared}) {
      if (g == null) continue;
      List<DicomDataset> items = g.getSequence(sequence);
      if (!items.isEmpty()) {
        double[] v = items.get(0).getDoubles(attribute);
        if (v.length > 0) return v;
      }
    }
    return new double[0];
  }

  /** The element type of the stored values from BitsAllocated and PixelRepresentation. */
  static DType storedType(DicomDataset d, Path file) {
    int bits = d.getInt(Tag.BitsAllocated, 0);
    boolean signed = d.getInt(Tag.PixelRepresentation, 0) == 1;
    return switch (bits) {
      case 1 -> DType.UINT8; // one byte (0 or 1) per sample after unpacking
      case 8 -> signed ? DType.INT8 : DType.UINT8;
      case 16 -> signed ? DType.INT16 : DType.UINT16;
      case 32 -> {
        if (!signed) {
          throw new SeriesAssemblyException("MEDAI-SERIES-031",
              "%s has unsigned 32-bit pixels, which medai volumes cannot hold exactly; convert them to signed or float"
                  .formatted(file.getFileName()));
        }
        yield DType.INT32;
      }
      default -> throw new SeriesAssemblyException("MEDAI-SERIES-031",
          "%s has BitsAllocated=%d; volumes are assembled from 1, 8, 16 or 32-bit pixels".formatted(file.getFileName(), bits));
    };
  }
}
