package org.medai.imaging.io.dicom.seg;

/** Tags of the Segmentation IOD that {@link org.medai.imaging.io.dicom.Tag} does not name. */
final class SegTags {
  private SegTags() {}

  static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";

  static final int SeriesTime = 0x00080031;
  static final int ContentTime = 0x00080033;
  static final int Manufacturer = 0x00080070;
  static final int CodeValue = 0x00080100;
  static final int CodingSchemeDesignator = 0x00080102;
  static final int CodeMeaning = 0x00080104;
  static final int ReferencedSeriesSequence = 0x00081115;
  static final int ReferencedInstanceSequence = 0x0008114A;
  static final int ReferencedSOPClassUID = 0x00081150;
  static final int ReferencedSOPInstanceUID = 0x00081155;
  static final int ManufacturerModelName = 0x00081090;
  static final int DeviceSerialNumber = 0x00181000;
  static final int SoftwareVersions = 0x00181020;
  static final int PositionReferenceIndicator = 0x00201040;
  static final int FrameContentSequence = 0x00209111;
  static final int PlanePositionSequence = 0x00209113;
  static final int PlaneOrientationSequence = 0x00209116;
  static final int DimensionIndexValues = 0x00209157;
  static final int DimensionOrganizationUID = 0x00209164;
  static final int DimensionIndexPointer = 0x00209165;
  static final int FunctionalGroupPointer = 0x00209167;
  static final int DimensionOrganizationSequence = 0x00209221;
  static final int DimensionIndexSequence = 0x00209222;
  static final int DimensionDescriptionLabel = 0x00209421;
  static final int PixelMeasuresSequence = 0x00289110;
  static final int LossyImageCompression = 0x00282110;
  static final int SegmentationType = 0x00620001;
  static final int SegmentSequence = 0x00620002;
  static final int SegmentedPropertyCategoryCodeSequence = 0x00620003;
  static final int SegmentNumber = 0x00620004;
  static final int SegmentLabel = 0x00620005;
  static final int SegmentAlgorithmType = 0x00620008;
  static final int SegmentAlgorithmName = 0x00620009;
  static final int SegmentIdentificationSequence = 0x0062000A;
  static final int ReferencedSegmentNumber = 0x0062000B;
  static final int SegmentedPropertyTypeCodeSequence = 0x0062000F;
  static final int ContentLabel = 0x00700080;
  static final int ContentDescription = 0x00700081;
  static final int ContentCreatorName = 0x00700084;
}
