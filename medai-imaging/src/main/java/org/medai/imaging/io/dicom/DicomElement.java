package org.medai.imaging.io.dicom;

import java.util.List;
import java.util.Objects;

/**
 * One data element: its tag, VR and value. A value is one of: bytes (little-endian, as encoded,
 * even-length padded), a sequence of item datasets (SQ), encapsulated fragments (compressed pixel
 * data, the first being the basic offset table), or a {@link BulkData} reference read on demand.
 * Immutable and thread-safe as long as callers do not modify the arrays they pass in or get back
 * (they are shared, not copied, so that large values cost nothing).
 */
public final class DicomElement {
  private final int tag;
  private final VR vr;
  private final byte[] value;
  private final List<DicomDataset> items;
  private final List<BulkData> fragments;
  private final BulkData bulk;

  private DicomElement(int tag, VR vr, byte[] value, List<DicomDataset> items, List<BulkData> fragments, BulkData bulk) {
    this.tag = tag;
    this.vr = Objects.requireNonNull(vr, "vr");
    this.value = value;
    this.items = items;
    this.fragments = fragments;
    this.bulk = bulk;
  }

  /** An element with a byte value (little-endian binary, or encoded text); the array is not copied. */
  public static DicomElement of(int tag, VR vr, byte[] value) {
    if (vr == VR.SQ) throw new IllegalArgumentException("SQ elements hold items; use sequence()");
    return new DicomElement(tag, vr, Objects.requireNonNull(value, "value"), null, null, null);
  }

  /** A sequence (SQ) element. */
  public static DicomElement sequence(int tag, List<DicomDataset> items) {
    return new DicomElement(tag, VR.SQ, null, List.copyOf(items), null, null);
  }

  /** Encapsulated pixel data: {@code fragments.get(0)} is the basic offset table (may be empty). */
  public static DicomElement fragments(int tag, VR vr, List<BulkData> fragments) {
    if (fragments.isEmpty()) throw new IllegalArgumentException("encapsulated data needs at least the offset table item");
    return new DicomElement(tag, vr, null, null, List.copyOf(fragments), null);
  }

  /** A bulk value referenced by file offset (or held as a slice). */
  public static DicomElement bulk(int tag, VR vr, BulkData bulk) {
    return new DicomElement(tag, vr, null, null, null, Objects.requireNonNull(bulk, "bulk"));
  }

  public int tag() {
    return tag;
  }

  public VR vr() {
    return vr;
  }

  public boolean isSequence() {
    return items != null;
  }

  public boolean isEncapsulated() {
    return fragments != null;
  }

  public boolean isBulk() {
    return bulk != null;
  }

  /** The value bytes (not a copy); null for sequences, fragments and bulk references. */
  public byte[] bytes() {
    return value;
  }

  /** Items of a sequence, or an empty list. */
  public List<DicomDataset> items() {
    return items == null ? List.of() : items;
  }

  /** Fragments of encapsulated data (first = basic offset table), or an empty list. */
  public List<BulkData> fragments() {
    return fragments == null ? List.of() : fragments;
  }

  /** The bulk reference, or null. */
  public BulkData bulkData() {
    return bulk;
  }

  /** Value length in bytes; -1 for sequences and encapsulated data (undefined length). */
  public long length() {
    if (value != null) return value.length;
    if (bulk != null) return bulk.length();
    return -1;
  }

  /** {@code (gggg,eeee) VR}, never the value. */
  @Override
  public String toString() {
    return Tag.toString(tag) + " " + vr;
  }
}
