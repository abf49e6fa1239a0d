package org.medai.ehr.fhir;

/**
 * Where a resource came from: a file name plus a 1-based NDJSON line or a 0-based Bundle entry index.
 * Carries no patient data. Immutable.
 *
 * @param file file name (no folders, so paths with patient names are not echoed in full)
 * @param line 1-based line in an NDJSON file, or -1
 * @param entryIndex 0-based index in a Bundle's {@code entry} array, or -1
 */
public record ResourceLocation(String file, long line, long entryIndex) {

  public static ResourceLocation ndjsonLine(String file, long line) {
    return new ResourceLocation(file, line, -1);
  }

  public static ResourceLocation bundleEntry(String file, long entryIndex) {
    return new ResourceLocation(file, -1, entryIndex);
  }

  @Override
  public String toString() {
    if (line >= 0) return file + ":" + line;
    if (entryIndex >= 0) return file + " entry[" + entryIndex + "]";
    return file;
  }
}
