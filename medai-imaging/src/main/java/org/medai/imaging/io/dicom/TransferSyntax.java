package org.medai.imaging.io.dicom;

import java.util.Map;

/**
 * A transfer syntax: how the dataset after the file meta header is encoded. Immutable,
 * thread-safe. Any UID not listed here is treated as explicit VR little endian with encapsulated
 * pixel data, which is what the standard requires of every compressed syntax.
 *
 * @param uid the transfer syntax UID
 * @param explicitVr VR written in each element header
 * @param bigEndian multi-byte values big-endian (retired explicit VR big endian only)
 * @param deflated the dataset is a raw deflate stream
 * @param encapsulated pixel data is encapsulated (compressed frames in items)
 * @param name a short human name
 */
public record TransferSyntax(String uid, boolean explicitVr, boolean bigEndian, boolean deflated,
                             boolean encapsulated, String name) {

  public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2", false, false, false, false, "Implicit VR Little Endian");
  public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2.1", true, false, false, false, "Explicit VR Little Endian");
  public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2.1.99", true, false, true, false, "Deflated Explicit VR Little Endian");
  public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2.2", true, true, false, false, "Explicit VR Big Endian");
  public static final TransferSyntax RLE_LOSSLESS = encapsulated("1.2.840.10008.1.2.5", "RLE Lossless");
  public static final TransferSyntax JPEG_BASELINE = encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)");
  public static final TransferSyntax JPEG_EXTENDED = encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)");
  public static final TransferSyntax JPEG_LOSSLESS = encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless (Process 14)");
  public static final TransferSyntax JPEG_LOSSLESS_SV1 =
      encapsulated("1.2.840.10008.1.2.4.70", "JPEG Lossless (Process 14, Selection Value 1)");
  public static final TransferSyntax JPEG_LS_LOSSLESS = encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless");
  public static final TransferSyntax JPEG_LS_NEAR_LOSSLESS = encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless");
  public static final TransferSyntax JPEG_2000_LOSSLESS = encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless");
  public static final TransferSyntax JPEG_2000 = encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000");

  private static final Map<String, TransferSyntax> KNOWN = Map.ofEntries(
      entry(IMPLICIT_VR_LITTLE_ENDIAN), entry(EXPLICIT_VR_LITTLE_ENDIAN), entry(DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN),
      entry(EXPLICIT_VR_BIG_ENDIAN), entry(RLE_LOSSLESS), entry(JPEG_BASELINE), entry(JPEG_EXTENDED),
      entry(JPEG_LOSSLESS), entry(JPEG_LOSSLESS_SV1), entry(JPEG_LS_LOSSLESS), entry(JPEG_LS_NEAR_LOSSLESS),
      entry(JPEG_2000_LOSSLESS), entry(JPEG_2000));

  public TransferSyntax {
    if (uid == null || uid.isEmpty()) {
      throw new DicomFormatException("MEDAI-DICOM-001", -1, "transfer syntax UID is empty; expected a UID such as 1.2.840.10008.1.2.1");
    }
  }

  /** The known transfer syntax for {@code uid}, or an explicit-VR-little-endian encapsulated one. */
  public static TransferSyntax of(String uid) {
    TransferSyntax ts = KNOWN.get(uid);
    return ts != null ? ts : new TransferSyntax(uid, true, false, false, true, "Encapsulated " + uid);
  }

  /** True when the UID is one of the syntaxes listed as constants here. */
  public static boolean isKnown(String uid) {
    return KNOWN.containsKey(uid);
  }

  private static TransferSyntax encapsulated(String uid, String name) {
    return new TransferSyntax(uid, true, false, false, true, name);
  }

  private static Map.Entry<String, TransferSyntax> entry(TransferSyntax ts) {
    return Map.entry(ts.uid(), ts);
  }
}
