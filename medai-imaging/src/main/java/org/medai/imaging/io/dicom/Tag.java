package org.medai.imaging.io.dicom;

/**
 * DICOM tags as {@code int}s ({@code group << 16 | element}) and the ones medai reads itself. For
 * any other keyword use {@link DicomDictionary#tagOf(String)}. Constants are named by the
 * standard's keywords. Thread-safe (constants only).
 */
public final class Tag {
  private Tag() {
  }

  public static final int FileMetaInformationGroupLength = 0x00020000;
  public static final int FileMetaInformationVersion = 0x00020001;
  public static final int MediaStorageSOPClassUID = 0x00020002;
  public static final int MediaStorageSOPInstanceUID = 0x00020003;
  public static final int TransferSyntaxUID = 0x00020010;
  public static final int ImplementationClassUID = 0x00020012;
  public static final int ImplementationVersionName = 0x00020013;
  public static final int SpecificCharacterSet = 0x00080005;
  public static final int ImageType = 0x00080008;
  public static final int SOPClassUID = 0x00080016;
  public static final int SOPInstanceUID = 0x00080018;
  public static final int StudyDate = 0x00080020;
  public static final int SeriesDate = 0x00080021;
  public static final int AcquisitionDate = 0x00080022;
  public static final int ContentDate = 0x00080023;
  public static final int StudyTime = 0x00080030;
  public static final int AccessionNumber = 0x00080050;
  public static final int Modality = 0x00080060;
  public static final int ReferringPhysicianName = 0x00080090;
  public static final int InstitutionName = 0x00080080;
  public static final int StudyDescription = 0x00081030;
  public static final int SeriesDescription = 0x0008103E;
  public static final int BurnedInAnnotation = 0x00280301;
  public static final int PatientName = 0x00100010;
  public static final int PatientID = 0x00100020;
  public static final int PatientBirthDate = 0x00100030;
  public static final int PatientSex = 0x00100040;
  public static final int PatientAge = 0x00101010;
  public static final int PatientIdentityRemoved = 0x00120062;
  public static final int DeidentificationMethod = 0x00120063;
  public static final int LongitudinalTemporalInformationModified = 0x00280303;
  public static final int SliceThickness = 0x00180050;
  public static final int SpacingBetweenSlices = 0x00180088;
  public static final int StudyInstanceUID = 0x0020000D;
  public static final int SeriesInstanceUID = 0x0020000E;
  public static final int StudyID = 0x00200010;
  public static final int SeriesNumber = 0x00200011;
  public static final int InstanceNumber = 0x00200013;
  public static final int ImagePositionPatient = 0x00200032;
  public static final int ImageOrientationPatient = 0x00200037;
  public static final int FrameOfReferenceUID = 0x00200052;
  public static final int SliceLocation = 0x00201041;
  public static final int SamplesPerPixel = 0x00280002;
  public static final int PhotometricInterpretation = 0x00280004;
  public static final int PlanarConfiguration = 0x00280006;
  public static final int NumberOfFrames = 0x00280008;
  public static final int Rows = 0x00280010;
  public static final int Columns = 0x00280011;
  public static final int PixelSpacing = 0x00280030;
  public static final int BitsAllocated = 0x00280100;
  public static final int BitsStored = 0x00280101;
  public static final int HighBit = 0x00280102;
  public static final int PixelRepresentation = 0x00280103;
  public static final int RescaleIntercept = 0x00281052;
  public static final int RescaleSlope = 0x00281053;
  public static final int SharedFunctionalGroupsSequence = 0x52009229;
  public static final int PerFrameFunctionalGroupsSequence = 0x52009230;
  public static final int ExtendedOffsetTable = 0x7FE00001;
  public static final int ExtendedOffsetTableLengths = 0x7FE00002;
  public static final int FloatPixelData = 0x7FE00008;
  public static final int DoubleFloatPixelData = 0x7FE00009;
  public static final int PixelData = 0x7FE00010;
  public static final int Item = 0xFFFEE000;
  public static final int ItemDelimitationItem = 0xFFFEE00D;
  public static final int SequenceDelimitationItem = 0xFFFEE0DD;

  /** {@code group << 16 | element}. */
  public static int of(int group, int element) {
    return (group & 0xFFFF) << 16 | (element & 0xFFFF);
  }

  public static int group(int tag) {
    return tag >>> 16;
  }

  public static int element(int tag) {
    return tag & 0xFFFF;
  }

  /** {@code (gggg,eeee)} in upper-case hex, the form messages and JSON use. */
  public static String toString(int tag) {
    char[] c = new char[11];
    c[0] = '(';
    c[5] = ',';
    c[10] = ')';
    for (int i = 0; i < 4; i++) {
      c[1 + i] = HEX[(tag >>> (28 - 4 * i)) & 0xF];
      c[6 + i] = HEX[(tag >>> (12 - 4 * i)) & 0xF];
    }
    return new String(c);
  }

  /** {@code GGGGEEEE} in upper-case hex (the DICOM JSON model's key form). */
  public static String toHex(int tag) {
    return toString(tag).substring(1, 5) + toString(tag).substring(6, 10);
  }

  /** True for private data elements and private creators (odd group above 0008). */
  public static boolean isPrivate(int tag) {
    int g = group(tag);
    return (g & 1) == 1 && g > 0x0008 && g != 0xFFFF;
  }

  /** True for private creator elements (gggg,0010-00FF) with odd gggg. */
  public static boolean isPrivateCreator(int tag) {
    int e = element(tag);
    return isPrivate(tag) && e >= 0x0010 && e <= 0x00FF;
  }

  /** The private creator tag that reserves this private data element's block, e.g. (0029,1010) → (0029,0010). */
  public static int privateCreatorOf(int tag) {
    return of(group(tag), element(tag) >>> 8);
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
