package org.medai.imaging.io.dicom;

import java.util.Optional;
import java.util.OptionalInt;
import org.medai.imaging.internal.dicom.DictionaryData;

/**
 * The DICOM data dictionary: tag → VR, VM and keyword, generated from DCMTK's {@code dicom.dic} by
 * {@code tools/dicom-dict/gen_dict.py}. Repeating groups (50xx curves, 60xx overlays, 7Fxx) resolve
 * for any tag in their range; group lengths (gggg,0000) are UL; private creators (odd gggg,
 * 0010-00FF) are LO; other private tags are unknown (UN). Thread-safe; loaded once, on first use
 * (about 5,000 entries, a few milliseconds).
 */
public final class DicomDictionary {
  private DicomDictionary() {
  }

  /**
   * One dictionary entry.
   *
   * @param tag the tag (for a repeating group, the tag that was looked up)
   * @param vr the VR; for entries whose VR depends on context (US or SS, OB or OW) the first choice
   * @param vrSpec the dictionary's VR text, e.g. {@code US|SS} when it depends on PixelRepresentation
   * @param vm value multiplicity, e.g. {@code 1}, {@code 2-n}
   * @param keyword the standard's keyword, e.g. {@code PatientName}
   * @param retired true for retired attributes
   */
  public record Entry(int tag, VR vr, String vrSpec, String vm, String keyword, boolean retired) {
  }

  /** The entry for {@code tag}, if the dictionary (or the private-creator / group-length rules) knows it. */
  public static Optional<Entry> lookup(int tag) {
    return Optional.ofNullable(DictionaryData.get().lookup(tag));
  }

  /** The VR implicit-VR input uses for {@code tag}: the dictionary's, or UN when unknown. */
  public static VR vrOf(int tag) {
    return DictionaryData.get().vrOf(tag);
  }

  /** The keyword, or the empty string when unknown. */
  public static String keywordOf(int tag) {
    Entry e = DictionaryData.get().lookup(tag);
    return e == null ? "" : e.keyword();
  }

  /** The tag for a keyword (non-repeating entries only). */
  public static OptionalInt tagOf(String keyword) {
    return DictionaryData.get().tagOf(keyword);
  }
}
