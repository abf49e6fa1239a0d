package org.medai.imaging.io.dicom;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.medai.core.ReadLimits;
import org.medai.imaging.internal.dicom.Bytes;

/**
 * Writes DICOM Part 10 files: a 128-byte preamble, "DICM", a file meta header (group lengths
 * computed, SOP class/instance copied from the dataset) and the dataset in explicit VR little
 * endian, deflated explicit VR little endian or implicit VR little endian. Encapsulated pixel data is
 * written as it is (then the file keeps its compressed transfer syntax; see {@link #write}).
 * Sequences and items are written with undefined length. Values longer than 64 KiB in a VR with a
 * 16-bit length field are written as UN (PS3.5 6.2.2). Stateless and thread-safe.
 */
public final class DicomWriter {
  /** medai's implementation class UID (a UUID-derived 2.25 UID). */
  public static final String IMPLEMENTATION_CLASS_UID = "2.25.171926183540862961383906591463215837229";
  public static final String IMPLEMENTATION_VERSION_NAME = "MEDAI_0_1";

  private DicomWriter() {
  }

  /**
   * Writes {@code file} to {@code out} (created or replaced).
   *
   * @param syntax explicit or implicit VR little endian, deflated explicit VR little endian, or —
   *     when the pixel data is encapsulated — the file's own compressed transfer syntax
   */
  public static void write(DicomFile file, Path out, TransferSyntax syntax) {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
      write(file, os, syntax);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write DICOM file " + out.getFileName(), e);
    }
  }

  /** The encoded file as bytes. */
  public static byte[] toBytes(DicomFile file, TransferSyntax syntax) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(1 << 16);
    try {
      write(file, bos, syntax);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toByteArray();
  }

  /** Writes to a stream, which the caller closes. */
  public static void write(DicomFile file, OutputStream out, TransferSyntax syntax) throws IOException {
    DicomElement px = file.dataset().get(Tag.PixelData);
    boolean encapsulated = px != null && px.isEncapsulated();
    if (encapsulated && !syntax.encapsulated()) {
      throw new DicomFormatException("MEDAI-DICOM-050", -1,
          "pixel data is encapsulated (%s); expected the writer to keep that transfer syntax, or decode the frames first"
              .formatted(file.transferSyntax().uid()));
    }
    if (!encapsulated && syntax.encapsulated()) {
      throw new DicomFormatException("MEDAI-DICOM-051", -1,
          "transfer syntax %s needs encapsulated pixel data; medai writes native data as explicit or implicit VR little endian"
              .formatted(syntax.uid()));
    }
    if (syntax.bigEndian()) {
      throw new DicomFormatException("MEDAI-DICOM-052", -1,
          "medai does not write the retired explicit VR big endian syntax; expected a little-endian transfer syntax");
    }
    out.write(new byte[128]);
    out.write("DICM".getBytes(StandardCharsets.US_ASCII));
    writeDataset(meta(file, syntax), out, true);
    if (syntax.deflated()) {
      Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
      DeflaterOutputStream dos = new DeflaterOutputStream(nonClosing(out), d, 1 << 16);
      writeDataset(file.dataset(), dos, true);
      dos.finish();
      d.end();
    } else {
      writeDataset(file.dataset(), out, syntax.explicitVr());
    }
    out.flush();
  }

  /** The file meta header the writer emits for {@code file} in {@code syntax}. */
  public static DicomDataset meta(DicomFile file, TransferSyntax syntax) {
    DicomDataset.Builder b = file.meta().toBuilder();
    b.remove(Tag.FileMetaInformationGroupLength);
    b.putBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
    String cls = file.dataset().getString(Tag.SOPClassUID, file.meta().getString(Tag.MediaStorageSOPClassUID, null));
    String inst = file.dataset().getString(Tag.SOPInstanceUID, file.meta().getString(Tag.MediaStorageSOPInstanceUID, null));
    if (cls != null) b.putStrings(Tag.MediaStorageSOPClassUID, VR.UI, cls);
    if (inst != null) b.putStrings(Tag.MediaStorageSOPInstanceUID, VR.UI, inst);
    b.putStrings(Tag.TransferSyntaxUID, VR.UI, syntax.uid());
    b.putStrings(Tag.ImplementationClassUID, VR.UI, IMPLEMENTATION_CLASS_UID);
    b.putStrings(Tag.ImplementationVersionName, VR.SH, IMPLEMENTATION_VERSION_NAME);
    DicomDataset body = b.build();
    ByteArrayOutputStream bos = new ByteArrayOutputStream(256);
    try {
      writeDataset(body, bos, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] len = new byte[4];
    Bytes.put32(len, 0, bos.size());
    return body.toBuilder().putBytes(Tag.FileMetaInformationGroupLength, VR.UL, len).build();
  }

  private static void writeDataset(DicomDataset ds, OutputStream out, boolean explicit) throws IOException {
    for (DicomElement e : ds.elements()) writeElement(e, out, explicit);
  }

  private static void writeElement(DicomElement e, OutputStream out, boolean explicit) throws IOException {
    int tag = e.tag();
    if (e.isSequence()) {
      header(out, tag, VR.SQ, 0xFFFFFFFFL, explicit);
      for (DicomDataset item : e.items()) {
        header(out, Tag.Item, null, 0xFFFFFFFFL, false);
        writeDataset(item, out, explicit);
        header(out, Tag.ItemDelimitationItem, null, 0, false);
      }
      header(out, Tag.SequenceDelimitationItem, null, 0, false);
      return;
    }
    if (e.isEncapsulated()) {
      header(out, tag, e.vr(), 0xFFFFFFFFL, explicit);
      for (BulkData f : e.fragments()) {
        byte[] b = f.bytes(ReadLimits.defaults());
        boolean odd = (b.length & 1) == 1;
        header(out, Tag.Item, null, b.length + (odd ? 1 : 0), false);
        out.write(b);
        if (odd) out.write(0);
      }
      header(out, Tag.SequenceDelimitationItem, null, 0, false);
      return;
    }
    byte[] v = e.bytes() != null ? e.bytes() : e.bulkData().bytes(ReadLimits.defaults());
    boolean odd = (v.length & 1) == 1;
    long len = v.length + (odd ? 1 : 0);
    VR vr = e.vr();
    if (explicit && !vr.longHeader() && len > 0xFFFF) vr = VR.UN;
    header(out, tag, vr, len, explicit);
    out.write(v);
    if (odd) out.write(vr.paddingByte());
  }

  private static void header(OutputStream out, int tag, VR vr, long len, boolean explicit) throws IOException {
    byte[] h = new byte[12];
    Bytes.put16(h, 0, tag >>> 16);
    Bytes.put16(h, 2, tag);
    if (vr == null || !explicit) {
      Bytes.put32(h, 4, (int) len);
      out.write(h, 0, 8);
      return;
    }
    h[4] = (byte) vr.name().charAt(0);
    h[5] = (byte) vr.name().charAt(1);
    if (vr.longHeader()) {
      Bytes.put32(h, 8, (int) len);
      out.write(h, 0, 12);
    } else {
      Bytes.put16(h, 6, (int) len);
      out.write(h, 0, 8);
    }
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}
