package org.medai.imaging.io.dicom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.medai.imaging.internal.dicom.Bytes;
import org.medai.imaging.internal.dicom.SpecificCharset;

/**
 * An immutable set of data elements sorted by tag, with typed accessors. Text is decoded with the
 * dataset's SpecificCharacterSet (0008,0005), inherited from the enclosing dataset for sequence
 * items. Thread-safe. Lookups are binary searches; string and number accessors decode on each call.
 */
public final class DicomDataset {
  private static final DicomDataset EMPTY = new DicomDataset(new int[0], new DicomElement[0], SpecificCharset.DEFAULT);

  private final int[] tags;
  private final DicomElement[] elements;
  private final SpecificCharset charset;

  private DicomDataset(int[] tags, DicomElement[] elements, SpecificCharset charset) {
    this.tags = tags;
    this.elements = elements;
    this.charset = charset;
  }

  public static DicomDataset empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder(SpecificCharset.DEFAULT);
  }

  /** A builder for a sequence item that inherits this dataset's character set. */
  public Builder itemBuilder() {
    return new Builder(charset);
  }

  /** A builder holding this dataset's elements. */
  public Builder toBuilder() {
    Builder b = new Builder(charset);
    for (DicomElement e : elements) b.put(e);
    return b;
  }

  public int size() {
    return elements.length;
  }

  public boolean isEmpty() {
    return elements.length == 0;
  }

  public boolean contains(int tag) {
    return indexOf(tags, tags.length, tag) >= 0;
  }

  /** The element, or null when absent. */
  public DicomElement get(int tag) {
    int i = indexOf(tags, tags.length, tag);
    return i >= 0 ? elements[i] : null;
  }

  /** Binary search over tags sorted as unsigned ints. */
  private static int indexOf(int[] tags, int n, int tag) {
    int lo = 0;
    int hi = n - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Integer.compareUnsigned(tags[mid], tag);
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  public Optional<DicomElement> find(int tag) {
    return Optional.ofNullable(get(tag));
  }

  /** Elements in tag order (an unmodifiable view). */
  public List<DicomElement> elements() {
    return List.of(elements);
  }

  /** Character-set terms in effect for this dataset (empty string = default repertoire). */
  public String[] specificCharacterSet() {
    return charset.terms();
  }

  /** All text values of a string element, decoded and trimmed; empty when absent or not text. */
  public String[] getStrings(int tag) {
    DicomElement e = get(tag);
    if (e == null || e.bytes() == null || !e.vr().isText()) {
      return e != null && e.vr() == VR.AT && e.bytes() != null ? atStrings(e.bytes()) : new String[0];
    }
    byte[] b = e.bytes();
    if (b.length == 0) return new String[0];
    String s = decodes(e.vr()) ? charset.decode(b, 0, b.length) : new String(b, StandardCharsets.ISO_8859_1);
    if (!e.vr().isMultiValuedText()) return new String[] {trim(s, e.vr())};
    String[] parts = s.split("\\\\", -1);
    for (int i = 0; i < parts.length; i++) parts[i] = trim(parts[i], e.vr());
    return parts;
  }

  /** The first text value, or {@code def} when absent or empty. */
  public String getString(int tag, String def) {
    String[] v = getStrings(tag);
    return v.length == 0 ? def : v[0];
  }

  /** The whole value as text (values joined by backslash), or {@code def}. */
  public String getText(int tag, String def) {
    String[] v = getStrings(tag);
    return v.length == 0 ? def : String.join("\\", v);
  }

  /** Numeric values of a binary (US, SS, UL, SL, FL, FD, SV, UV, OB…) or numeric-text (IS, DS) element. */
  public double[] getDoubles(int tag) {
    DicomElement e = get(tag);
    if (e == null || e.bytes() == null) return new double[0];
    byte[] b = e.bytes();
    VR vr = e.vr();
    if (vr == VR.IS || vr == VR.DS) {
      String[] s = getStrings(tag);
      List<Double> out = new ArrayList<>(s.length);
      for (String v : s) {
        if (v.isEmpty()) continue;
        try {
          out.add(Double.parseDouble(v));
        } catch (NumberFormatException ex) {
          throw new DicomFormatException("MEDAI-DICOM-010", -1,
              "element %s (%s) holds a value that is not a number; expected a decimal string".formatted(Tag.toString(tag), vr));
        }
      }
      return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
    int unit = switch (vr) {
      case US, SS, OW -> 2;
      case UL, SL, FL, OF, OL -> 4;
      case FD, OD, SV, UV, OV -> 8;
      case OB, UN -> 1;
      default -> 0;
    };
    if (unit == 0) return new double[0];
    double[] out = new double[b.length / unit];
    for (int i = 0; i < out.length; i++) {
      int o = i * unit;
      out[i] = switch (vr) {
        case US, OW -> Bytes.u16(b, o);
        case SS -> (short) Bytes.u16(b, o);
        case UL, OL -> Bytes.i32(b, o) & 0xFFFFFFFFL;
        case SL -> Bytes.i32(b, o);
        case FL, OF -> Float.intBitsToFloat(Bytes.i32(b, o));
        case FD, OD -> Double.longBitsToDouble(Bytes.i64(b, o));
        case SV -> Bytes.i64(b, o);
        case UV, OV -> unsigned(Bytes.i64(b, o));
        default -> b[o] & 0xFF;
      };
    }
    return out;
  }

  public double getDouble(int tag, double def) {
    double[] v = getDoubles(tag);
    return v.length == 0 ? def : v[0];
  }

  /** Integer values (numeric text is rounded toward zero); values beyond int range saturate. */
  public int[] getInts(int tag) {
    double[] d = getDoubles(tag);
    int[] out = new int[d.length];
    for (int i = 0; i < d.length; i++) out[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, d[i]));
    return out;
  }

  public int getInt(int tag, int def) {
    int[] v = getInts(tag);
    return v.length == 0 ? def : v[0];
  }

  /** Items of a sequence, or an empty list. */
  public List<DicomDataset> getSequence(int tag) {
    DicomElement e = get(tag);
    return e == null ? List.of() : e.items();
  }

  /** The private creator string reserving the block of a private tag, or null. */
  public String privateCreatorOf(int tag) {
    if (!Tag.isPrivate(tag) || Tag.isPrivateCreator(tag)) return null;
    return getString(Tag.privateCreatorOf(tag), null);
  }

  /**
   * The tag of a private data element: {@code (group, xx<<8 | elementLow)} where {@code (group,00xx)}
   * holds {@code creator}; empty when no block is reserved for that creator.
   */
  public java.util.OptionalInt privateTag(String creator, int group, int elementLow) {
    for (int e = 0x10; e <= 0xFF; e++) {
      int t = Tag.of(group, e);
      if (creator.equals(getString(t, null))) return java.util.OptionalInt.of(Tag.of(group, e << 8 | (elementLow & 0xFF)));
    }
    return java.util.OptionalInt.empty();
  }

  /** Attribute tags in order, never values (datasets may hold patient data). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("DicomDataset[");
    for (int i = 0; i < tags.length; i++) {
      if (i > 0) sb.append(' ');
      sb.append(Tag.toString(tags[i]));
    }
    return sb.append(']').toString();
  }

  /** Equal when the same tags have the same VRs and equal values, recursively. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DicomDataset d) || !Arrays.equals(tags, d.tags)) return false;
    for (int i = 0; i < elements.length; i++) {
      if (!sameElement(elements[i], d.elements[i])) return false;
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tags);
  }

  private static boolean sameElement(DicomElement a, DicomElement b) {
    if (a.tag() != b.tag() || a.vr() != b.vr() || a.isSequence() != b.isSequence()
        || a.isEncapsulated() != b.isEncapsulated()) {
      return false;
    }
    if (a.isSequence()) return a.items().equals(b.items());
    if (a.isEncapsulated()) {
      if (a.fragments().size() != b.fragments().size()) return false;
      for (int i = 0; i < a.fragments().size(); i++) {
        if (!Arrays.equals(a.fragments().get(i).bytes(org.medai.core.ReadLimits.defaults()),
            b.fragments().get(i).bytes(org.medai.core.ReadLimits.defaults()))) {
          return false;
        }
      }
      return true;
    }
    byte[] x = a.bytes() != null ? a.bytes() : a.bulkData().bytes(org.medai.core.ReadLimits.defaults());
    byte[] y = b.bytes() != null ? b.bytes() : b.bulkData().bytes(org.medai.core.ReadLimits.defaults());
    return Arrays.equals(x, y);
  }

  SpecificCharset charset() {
    return charset;
  }

  private static boolean decodes(VR vr) {
    return vr == VR.PN || vr == VR.LO || vr == VR.SH || vr == VR.ST || vr == VR.LT || vr == VR.UC || vr == VR.UT;
  }

  private static String trim(String s, VR vr) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) end--;
    int start = 0;
    if (vr != VR.LT && vr != VR.ST && vr != VR.UT) {
      while (start < end && s.charAt(start) == ' ') start++;
    }
    return s.substring(start, end);
  }

  private static String[] atStrings(byte[] b) {
    String[] out = new String[b.length / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = Tag.toHex(Tag.of(Bytes.u16(b, 4 * i), Bytes.u16(b, 4 * i + 2)));
    }
    return out;
  }

  private static double unsigned(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }

  /**
   * Builds a dataset; a later put of a tag replaces the earlier one. Not thread-safe. Text setters
   * encode with the character set of the SpecificCharacterSet element when one is put (put it
   * first), else the inherited one. Elements put in ascending tag order cost O(1) each.
   */
  public static final class Builder {
    private final SpecificCharset inherited;
    private int[] tags = new int[32];
    private DicomElement[] elements = new DicomElement[32];
    private int n;

    Builder(SpecificCharset inherited) {
      this.inherited = inherited;
    }

    /** A builder for a sequence item nested in the dataset being built (inherits its character set). */
    public Builder itemBuilder() {
      return new Builder(currentCharset());
    }

    public Builder put(DicomElement e) {
      int tag = e.tag();
      if (n == 0 || Integer.compareUnsigned(tags[n - 1], tag) < 0) {
        if (n == tags.length) {
          tags = Arrays.copyOf(tags, n * 2);
          elements = Arrays.copyOf(elements, n * 2);
        }
        tags[n] = tag;
        elements[n++] = e;
        return this;
      }
      int i = indexOf(tags, n, tag);
      if (i >= 0) {
        elements[i] = e;
        return this;
      }
      int lo = 0;
      while (lo < n && Integer.compareUnsigned(tags[lo], tag) < 0) lo++;
      if (n == tags.length) {
        tags = Arrays.copyOf(tags, n * 2);
        elements = Arrays.copyOf(elements, n * 2);
      }
      System.arraycopy(tags, lo, tags, lo + 1, n - lo);
      System.arraycopy(elements, lo, elements, lo + 1, n - lo);
      tags[lo] = tag;
      elements[lo] = e;
      n++;
      return this;
    }

    public Builder remove(int tag) {
      int i = indexOf(tags, n, tag);
      if (i >= 0) {
        System.arraycopy(tags, i + 1, tags, i, n - i - 1);
        System.arraycopy(elements, i + 1, elements, i, n - i - 1);
        elements[--n] = null;
      }
      return this;
    }

    public boolean contains(int tag) {
      return indexOf(tags, n, tag) >= 0;
    }

    /** The element put for {@code tag}, or null. */
    public DicomElement get(int tag) {
      int i = indexOf(tags, n, tag);
      return i >= 0 ? elements[i] : null;
    }

    public int size() {
      return n;
    }

    /** Text values joined by backslash, padded to even length with the VR's padding byte. */
    public Builder putStrings(int tag, VR vr, String... values) {
      if (!vr.isText()) throw new IllegalArgumentException(vr + " is not a text VR");
      String joined = String.join("\\", values);
      byte[] enc = tag == Tag.SpecificCharacterSet ? joined.getBytes(StandardCharsets.US_ASCII)
          : (decodes(vr) ? currentCharset() : SpecificCharset.DEFAULT).encode(joined);
      return put(DicomElement.of(tag, vr, pad(enc, vr.paddingByte())));
    }

    /** Binary integers (US, SS, UL, SL, SV, UV, AT as group<<16|element, OW, OL) or IS text. */
    public Builder putInts(int tag, VR vr, long... values) {
      if (vr == VR.IS) {
        String[] s = new String[values.length];
        for (int i = 0; i < s.length; i++) s[i] = Long.toString(values[i]);
        return putStrings(tag, vr, s);
      }
      int unit = switch (vr) {
        case US, SS, OW -> 2;
        case UL, SL, OL, AT -> 4;
        case SV, UV, OV -> 8;
        case OB -> 1;
        default -> throw new IllegalArgumentException(vr + " does not hold integers");
      };
      byte[] b = new byte[values.length * unit];
      for (int i = 0; i < values.length; i++) {
        long v = values[i];
        switch (unit) {
          case 1 -> b[i] = (byte) v;
          case 2 -> Bytes.put16(b, 2 * i, (int) v);
          case 4 -> {
            if (vr == VR.AT) {
              Bytes.put16(b, 4 * i, (int) (v >>> 16));
              Bytes.put16(b, 4 * i + 2, (int) v);
            } else {
              Bytes.put32(b, 4 * i, (int) v);
            }
          }
          default -> Bytes.put64(b, 8 * i, v);
        }
      }
      return put(DicomElement.of(tag, vr, pad(b, (byte) 0)));
    }

    /** Binary floats (FL, FD, OF, OD) or DS text. */
    public Builder putDoubles(int tag, VR vr, double... values) {
      if (vr == VR.DS) {
        String[] s = new String[values.length];
        for (int i = 0; i < s.length; i++) s[i] = formatDs(values[i]);
        return putStrings(tag, vr, s);
      }
      int unit = vr == VR.FL || vr == VR.OF ? 4 : vr == VR.FD || vr == VR.OD ? 8 : 0;
      if (unit == 0) throw new IllegalArgumentException(vr + " does not hold floating-point values");
      byte[] b = new byte[values.length * unit];
      for (int i = 0; i < values.length; i++) {
        if (unit == 4) Bytes.put32(b, 4 * i, Float.floatToRawIntBits((float) values[i]));
        else Bytes.put64(b, 8 * i, Double.doubleToRawLongBits(values[i]));
      }
      return put(DicomElement.of(tag, vr, b));
    }

    /** Raw bytes (padded to even length with the VR's padding byte). */
    public Builder putBytes(int tag, VR vr, byte[] value) {
      return put(DicomElement.of(tag, vr, pad(value, vr.paddingByte())));
    }

    public Builder putSequence(int tag, List<DicomDataset> items) {
      return put(DicomElement.sequence(tag, items));
    }

    public DicomDataset build() {
      return new DicomDataset(Arrays.copyOf(tags, n), Arrays.copyOf(elements, n), currentCharset());
    }

    private SpecificCharset currentCharset() {
      return charsetOf(get(Tag.SpecificCharacterSet), inherited);
    }

    private static byte[] pad(byte[] b, byte padding) {
      if ((b.length & 1) == 0) return b;
      byte[] out = Arrays.copyOf(b, b.length + 1);
      out[b.length] = padding;
      return out;
    }

    private static String formatDs(double v) {
      if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
      String s = Double.toString(v);
      if (s.length() <= 16) return s;
      for (int p = 14; p > 0; p--) {
        String t = String.format(java.util.Locale.ROOT, "%." + p + "g", v).trim();
        if (t.length() <= 16) return t;
      }
      return String.format(java.util.Locale.ROOT, "%.6e", v);
    }
  }

  static SpecificCharset charsetOf(DicomElement cs, SpecificCharset inherited) {
    if (cs == null || cs.bytes() == null) return inherited;
    String s = new String(cs.bytes(), StandardCharsets.ISO_8859_1);
    String[] terms = s.split("\\\\", -1);
    for (int i = 0; i < terms.length; i++) terms[i] = terms[i].trim();
    return SpecificCharset.of(terms);
  }
}
