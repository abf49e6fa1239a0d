package org.medai.imaging.internal.dicom;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.medai.core.ReadLimits;
import org.medai.imaging.io.dicom.BulkData;
import org.medai.imaging.io.dicom.DicomDataset;
import org.medai.imaging.io.dicom.DicomDictionary;
import org.medai.imaging.io.dicom.DicomElement;
import org.medai.imaging.io.dicom.DicomFormatException;
import org.medai.imaging.io.dicom.Tag;
import org.medai.imaging.io.dicom.TransferSyntax;
import org.medai.imaging.io.dicom.VR;

/**
 * Parses a DICOM Part 10 stream (or a bare dataset) into datasets. One instance per read; not
 * thread-safe. Every length is checked against {@link ReadLimits} and the bytes that remain before
 * anything is allocated; malformed input raises {@link DicomFormatException} with offset and tag.
 */
public final class DicomParser {
  private static final int UNDEFINED = -1;
  private static final long UNTIL_EOF = -1;
  private static final long UNTIL_DELIMITER = -2;

  /**
   * @param limits allocation limits
   * @param stopBeforePixelData stop at the top-level (7FE0,0010) without reading it
   * @param bulkThreshold bulk values (OB, OW, OF, UN …, pixel data, fragments) at least this long are
   *     referenced by offset instead of read, when the source is a file
   * @param file the file being read, or null
   */
  public record Options(ReadLimits limits, boolean stopBeforePixelData, long bulkThreshold, Path file) {
  }

  /** What the parse produced; {@code pixelDataOffset} is where (7FE0,0010)'s header starts, or -1. */
  public record Result(DicomDataset meta, DicomDataset dataset, TransferSyntax transferSyntax, boolean preamble,
                       long pixelDataOffset) {
  }

  private final Options opt;
  private final ReadLimits limits;
  private DicomInput in;
  private boolean explicit;
  private boolean bigEndian;
  private boolean inflated;
  private long allocated;
  private long pixelDataOffset = -1;
  private boolean stopped;

  public DicomParser(Options opt) {
    this.opt = opt;
    this.limits = opt.limits();
  }

  public Result parse(DicomInput input) {
    this.in = input;
    boolean preamble = false;
    if (in.ensure(132) && in.peekByte(128) == 'D' && in.peekByte(129) == 'I' && in.peekByte(130) == 'C'
        && in.peekByte(131) == 'M') {
      in.skip(132, "preamble");
      preamble = true;
    } else if (in.ensure(4) && in.peekByte(0) == 'D' && in.peekByte(1) == 'I' && in.peekByte(2) == 'C'
        && in.peekByte(3) == 'M') {
      in.skip(4, "magic");
    }
    DicomDataset meta = DicomDataset.empty();
    if (in.ensure(8) && in.peekU16(0, false) == 0x0002) {
      explicit = looksExplicit(false);
      bigEndian = false;
      DicomDataset.Builder mb = DicomDataset.builder();
      while (in.ensure(4) && in.peekU16(0, false) == 0x0002) {
        readElement(mb, 0);
      }
      meta = mb.build();
    }
    TransferSyntax ts;
    String uid = meta.getString(Tag.TransferSyntaxUID, null);
    if (uid != null && !uid.isEmpty()) {
      ts = TransferSyntax.of(uid);
    } else {
      ts = guessSyntax();
    }
    explicit = ts.explicitVr();
    bigEndian = ts.bigEndian();
    if (ts.deflated()) {
      in = inflate(in);
      inflated = true;
    }
    DicomDataset.Builder b = DicomDataset.builder();
    readDataset(b, UNTIL_EOF, 0);
    return new Result(meta, b.build(), ts, preamble, pixelDataOffset);
  }

  private TransferSyntax guessSyntax() {
    if (!in.ensure(8)) return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    int gLe = in.peekU16(0, false);
    int gBe = in.peekU16(0, true);
    if (looksExplicit(false) && gLe <= 0x00FF) return TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    if (looksExplicit(true) && gBe <= 0x00FF) return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
    return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
  }

  private boolean looksExplicit(boolean be) {
    return in.ensure(6) && VR.ofCode(in.peekByte(4) << 8 | in.peekByte(5)) != null;
  }

  private DicomInput inflate(DicomInput src) {
    long start = src.position();
    InputStream raw = new InputStream() {
      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return src.readAvailable(b, off, len);
      }
    };
    InflaterInputStream inf = new InflaterInputStream(raw, new Inflater(true), 8192) {
      private long produced;

      @Override
      public int read(byte[] b, int off, int len) throws java.io.IOException {
        int r;
        try {
          r = super.read(b, off, len);
        } catch (java.util.zip.ZipException e) {
          throw new DicomFormatException("MEDAI-DICOM-006", start,
              "deflated dataset is not a valid deflate stream; expected raw deflate data after the file meta header", e);
        } catch (java.io.EOFException e) {
          return -1;
        }
        if (r > 0) {
          produced += r;
          limits.checkTotal("inflated dataset", produced);
        }
        return r;
      }
    };
    return DicomInput.of(inf, -1);
  }

  private void readDataset(DicomDataset.Builder b, long end, int depth) {
    while (!stopped) {
      if (end >= 0 && in.position() >= end) {
        if (in.position() > end) {
          throw new DicomFormatException("MEDAI-DICOM-011", in.position(),
              "an element overruns its enclosing item, which ends at offset " + end + "; expected elements to fit");
        }
        return;
      }
      if (!in.ensure(4)) {
        if (end == UNTIL_EOF && in.atEnd()) return;
        throw new DicomFormatException("MEDAI-DICOM-012", in.position(),
            end == UNTIL_DELIMITER ? "input ends inside an undefined-length item; expected (FFFE,E00D)"
                : "input ends inside an element header; expected a 4-byte tag");
      }
      int tag = peekTag();
      if (tag == Tag.ItemDelimitationItem) {
        long at = in.position();
        requireBytes(8, tag, "item delimitation");
        in.skip(8, "item delimitation");
        if (end == UNTIL_DELIMITER) return;
        throw new DicomFormatException("MEDAI-DICOM-013", at,
            "item delimitation (FFFE,E00D) outside an undefined-length item; expected a data element");
      }
      if (tag == 0 && depth == 0 && in.ensure(8) && in.peekU16(4, false) == 0 && in.peekU16(6, false) == 0) {
        return; // trailing zero padding after the last element, written by some scanners
      }
      if (tag == Tag.PixelData && depth == 0 && opt.stopBeforePixelData()) {
        pixelDataOffset = in.position();
        stopped = true;
        return;
      }
      readElement(b, depth);
    }
  }

  private int peekTag() {
    return in.peekU16(0, bigEndian) << 16 | in.peekU16(2, bigEndian);
  }

  private void requireBytes(int n, int tag, String what) {
    if (!in.ensure(n)) {
      throw new DicomFormatException("MEDAI-DICOM-012", in.position(),
          "input ends inside the %s header of %s; expected %d header bytes".formatted(what, Tag.toString(tag), n));
    }
  }

  private void readElement(DicomDataset.Builder b, int depth) {
    long at = in.position();
    int tag = peekTag();
    VR vr;
    long len;
    if (tag == Tag.Item || tag == Tag.SequenceDelimitationItem || (tag >>> 16) == 0xFFFE) {
      throw new DicomFormatException("MEDAI-DICOM-014", at,
          "unexpected %s in a dataset; expected a data element".formatted(Tag.toString(tag)));
    }
    if (explicit) {
      requireBytes(8, tag, "element");
      int code = in.peekByte(4) << 8 | in.peekByte(5);
      vr = VR.ofCode(code);
      if (vr == null) {
        throw new DicomFormatException("MEDAI-DICOM-015", at,
            "element %s has an invalid VR (bytes 0x%04X); expected two upper-case letters naming a VR"
                .formatted(Tag.toString(tag), code));
      }
      if (vr.longHeader()) {
        requireBytes(12, tag, "element");
        in.skip(8, "header");
        len = in.i32(bigEndian) & 0xFFFFFFFFL;
      } else {
        in.skip(6, "header");
        len = in.u16(bigEndian);
      }
    } else {
      requireBytes(8, tag, "element");
      in.skip(4, "header");
      len = in.i32(bigEndian) & 0xFFFFFFFFL;
      vr = implicitVr(tag, b);
    }
    boolean undefined = len == 0xFFFFFFFFL;
    if (undefined) {
      if (tag == Tag.PixelData || (explicit && (vr == VR.OB || vr == VR.OW))) {
        b.put(readFragments(tag, vr, at));
      } else if (vr == VR.SQ) {
        b.put(DicomElement.sequence(tag, readItems(b, tag, UNTIL_DELIMITER, depth)));
      } else if (vr == VR.UN || !explicit) {
        boolean e0 = explicit;
        boolean be0 = bigEndian;
        explicit = false;
        bigEndian = false;
        try {
          b.put(DicomElement.sequence(tag, readItems(b, tag, UNTIL_DELIMITER, depth)));
        } finally {
          explicit = e0;
          bigEndian = be0;
        }
      } else {
        throw new DicomFormatException("MEDAI-DICOM-016", at,
            "element %s (%s) has undefined length; expected a defined length for this VR".formatted(Tag.toString(tag), vr));
      }
      return;
    }
    String what = "element " + Tag.toString(tag) + " " + vr;
    in.check(limits, what, len);
    if (vr == VR.SQ) {
      b.put(DicomElement.sequence(tag, readItems(b, tag, in.position() + len, depth)));
      return;
    }
    long valuePos = in.position();
    boolean bulk = vr.isBulk() || tag == Tag.PixelData;
    if (bulk && opt.file() != null && !inflated && len >= opt.bulkThreshold()) {
      in.skip(len, what);
      b.put(DicomElement.bulk(tag, vr, BulkData.ofFile(opt.file(), valuePos, len, bigEndian ? swapUnit(vr) : 0)));
      return;
    }
    allocated += len;
    limits.checkTotal(what, allocated);
    byte[] v = in.read(len, what);
    if (bigEndian && swapUnit(vr) > 1) Bytes.swap(v, 0, v.length, swapUnit(vr));
    b.put(tag == Tag.PixelData ? DicomElement.bulk(tag, vr, BulkData.ofBytes(v, valuePos)) : DicomElement.of(tag, vr, v));
  }

  private static int swapUnit(VR vr) {
    return vr.swapUnit();
  }

  private VR implicitVr(int tag, DicomDataset.Builder b) {
    if (tag == Tag.PixelData) {
      DicomElement ba = b.get(Tag.BitsAllocated);
      return ba != null && ba.bytes() != null && ba.bytes().length >= 2 && Bytes.u16(ba.bytes(), 0) <= 8 ? VR.OB : VR.OW;
    }
    DicomDictionary.Entry e = DictionaryData.get().lookup(tag);
    if (e == null || e.vr() == null) return VR.UN;
    String spec = e.vrSpec();
    if (spec.length() > 2) {
      if (spec.startsWith("US|SS")) {
        if (spec.endsWith("OW") && (tag & 0xFFFF) != 0x3002 && (tag & 0xFFFF) != 0x1101) return VR.OW;
        DicomElement pr = b.get(Tag.PixelRepresentation);
        boolean signed = pr != null && pr.bytes() != null && pr.bytes().length >= 2 && Bytes.u16(pr.bytes(), 0) == 1;
        return signed ? VR.SS : VR.US;
      }
      return VR.OW;
    }
    return e.vr();
  }

  private List<DicomDataset> readItems(DicomDataset.Builder parent, int seqTag, long end, int depth) {
    limits.checkDepth("sequence " + Tag.toString(seqTag), depth + 1);
    List<DicomDataset> items = new ArrayList<>();
    while (true) {
      if (end >= 0 && in.position() >= end) {
        if (in.position() > end) {
          throw new DicomFormatException("MEDAI-DICOM-011", in.position(),
              "an item overruns sequence %s; expected items to fit its length".formatted(Tag.toString(seqTag)));
        }
        break;
      }
      long at = in.position();
      if (!in.ensure(8)) {
        throw new DicomFormatException("MEDAI-DICOM-017", at,
            "input ends inside sequence %s; expected an item or a sequence delimitation".formatted(Tag.toString(seqTag)));
      }
      int itemTag = peekTag();
      in.skip(4, "item tag");
      long len = in.i32(bigEndian) & 0xFFFFFFFFL;
      if (itemTag == Tag.SequenceDelimitationItem) {
        if (end == UNTIL_DELIMITER) break;
        throw new DicomFormatException("MEDAI-DICOM-018", at,
            "sequence delimitation in defined-length sequence %s; expected an item".formatted(Tag.toString(seqTag)));
      }
      if (itemTag != Tag.Item) {
        throw new DicomFormatException("MEDAI-DICOM-019", at,
            "found %s inside sequence %s; expected an item tag (FFFE,E000)".formatted(Tag.toString(itemTag), Tag.toString(seqTag)));
      }
      limits.checkItems("items of sequence " + Tag.toString(seqTag), items.size() + 1L);
      DicomDataset.Builder ib = parent.itemBuilder();
      if (len == 0xFFFFFFFFL) {
        readDataset(ib, UNTIL_DELIMITER, depth + 1);
      } else {
        in.check(limits, "item of sequence " + Tag.toString(seqTag), len);
        readDataset(ib, in.position() + len, depth + 1);
      }
      items.add(ib.build());
    }
    return items;
  }

  private DicomElement readFragments(int tag, VR vr, long elementAt) {
    List<BulkData> frags = new ArrayList<>();
    while (true) {
      long at = in.position();
      if (!in.ensure(8)) {
        throw new DicomFormatException("MEDAI-DICOM-020", at,
            "encapsulated pixel data %s (element at offset %d) is truncated; expected an item or a sequence delimitation"
                .formatted(Tag.toString(tag), elementAt));
      }
      int itemTag = peekTag();
      in.skip(4, "item tag");
      long len = in.i32(bigEndian) & 0xFFFFFFFFL;
      if (itemTag == Tag.SequenceDelimitationItem) break;
      if (itemTag != Tag.Item || len == 0xFFFFFFFFL) {
        throw new DicomFormatException("MEDAI-DICOM-021", at,
            "found %s with length 0x%X in encapsulated pixel data; expected a defined-length item (FFFE,E000)"
                .formatted(Tag.toString(itemTag), len));
      }
      limits.checkItems("fragments of " + Tag.toString(tag), frags.size() + 1L);
      String what = "fragment " + frags.size() + " of " + Tag.toString(tag);
      in.check(limits, what, len);
      long valuePos = in.position();
      if (opt.file() != null && !inflated && len >= opt.bulkThreshold()) {
        in.skip(len, what);
        frags.add(BulkData.ofFile(opt.file(), valuePos, len, 0));
      } else {
        allocated += len;
        limits.checkTotal(what, allocated);
        frags.add(BulkData.ofBytes(in.read(len, what), valuePos));
      }
    }
    if (frags.isEmpty()) {
      throw new DicomFormatException("MEDAI-DICOM-022", elementAt,
          "encapsulated pixel data has no items; expected at least the basic offset table item");
    }
    return DicomElement.fragments(tag, vr, frags);
  }
}
