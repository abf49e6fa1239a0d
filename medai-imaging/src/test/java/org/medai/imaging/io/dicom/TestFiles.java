package org.medai.imaging.io.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.medai.imaging.internal.dicom.Bytes;

/** Small DICOM files generated for tests and the fuzz corpus (written by medai's writer or by hand). */
final class TestFiles {
  private TestFiles() {
  }

  static DicomDataset.Builder image(int rows, int cols, int spp, int ba, int bs, int pr, int frames) {
    DicomDataset.Builder b = DicomDataset.builder()
        .putStrings(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7")
        .putStrings(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5.6.7")
        .putInts(Tag.SamplesPerPixel, VR.US, spp)
        .putStrings(Tag.PhotometricInterpretation, VR.CS, spp == 3 ? "RGB" : "MONOCHROME2")
        .putInts(Tag.Rows, VR.US, rows).putInts(Tag.Columns, VR.US, cols)
        .putInts(Tag.BitsAllocated, VR.US, ba).putInts(Tag.BitsStored, VR.US, bs)
        .putInts(Tag.HighBit, VR.US, bs - 1).putInts(Tag.PixelRepresentation, VR.US, pr);
    if (frames > 1) b.putInts(Tag.NumberOfFrames, VR.IS, frames);
    if (spp > 1) b.putInts(Tag.PlanarConfiguration, VR.US, 1);
    return b;
  }

  /** A fake JPEG frame: SOI, some bytes, EOI. */
  static byte[] jpegFrame(int k, int len) {
    byte[] b = new byte[len];
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    for (int i = 2; i < len - 2; i++) b[i] = (byte) (k * 31 + i);
    b[len - 2] = (byte) 0xFF;
    b[len - 1] = (byte) 0xD9;
    return b;
  }

  /** Encapsulated JPEG-baseline file; {@code fragmentsPerFrame} splits each frame; offsets per mode. */
  static DicomFile encapsulated(int frames, int fragmentsPerFrame, boolean bot, boolean eot) {
    List<byte[]> frameBytes = new ArrayList<>();
    for (int k = 0; k < frames; k++) frameBytes.add(jpegFrame(k, 40 + 2 * k));
    List<BulkData> frags = new ArrayList<>();
    long[] offsets = new long[frames];
    long pos = 0;
    List<BulkData> data = new ArrayList<>();
    for (int k = 0; k < frames; k++) {
      offsets[k] = pos;
      byte[] fb = frameBytes.get(k);
      int per = (fb.length / fragmentsPerFrame) & ~1; // even fragments: the writer pads odd ones
      for (int j = 0; j < fragmentsPerFrame; j++) {
        int from = j * per;
        int to = j == fragmentsPerFrame - 1 ? fb.length : from + per;
        byte[] part = java.util.Arrays.copyOfRange(fb, from, to);
        data.add(BulkData.ofBytes(part, -1));
        pos += 8 + part.length;
      }
    }
    byte[] botBytes = new byte[bot ? 4 * frames : 0];
    for (int k = 0; bot && k < frames; k++) Bytes.put32(botBytes, 4 * k, (int) offsets[k]);
    frags.add(BulkData.ofBytes(botBytes, -1));
    frags.addAll(data);
    DicomDataset.Builder b = image(8, 8, 1, 8, 8, 0, frames);
    if (eot) {
      long[] lens = new long[frames];
      for (int k = 0; k < frames; k++) lens[k] = frameBytes.get(k).length;
      b.putInts(Tag.ExtendedOffsetTable, VR.OV, offsets).putInts(Tag.ExtendedOffsetTableLengths, VR.OV, lens);
    }
    b.put(DicomElement.fragments(Tag.PixelData, VR.OB, frags));
    return DicomFile.of(b.build(), TransferSyntax.JPEG_BASELINE);
  }

  /** Explicit VR LE file with a private UN element of undefined length holding an implicit-VR item. */
  static byte[] unUndefinedLength() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    byte[] head = DicomWriter.toBytes(DicomFile.of(DicomDataset.builder().putStrings(0x00190010, VR.LO, "CREATOR").build(),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    o.writeBytes(head);
    o.writeBytes(new byte[] {0x19, 0, 0x10, 0x10, 'U', 'N', 0, 0, -1, -1, -1, -1});
    o.writeBytes(new byte[] {-2, -1, 0, -32, -1, -1, -1, -1});
    o.writeBytes(new byte[] {0x10, 0, 0x10, 0, 4, 0, 0, 0});
    o.writeBytes("ABCD".getBytes(StandardCharsets.US_ASCII));
    o.writeBytes(new byte[] {-2, -1, 0x0D, -32, 0, 0, 0, 0});
    o.writeBytes(new byte[] {-2, -1, -35, -32, 0, 0, 0, 0});
    return o.toByteArray();
  }

  /** Generated files for the fuzz corpus. */
  static List<byte[]> corpus() {
    List<byte[]> out = new ArrayList<>();
    DicomDataset every = DicomWriterTest.everyVr();
    for (TransferSyntax ts : List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)) {
      out.add(DicomWriter.toBytes(DicomFile.of(every, ts), ts));
    }
    byte[] px16 = new byte[8 * 8 * 2 * 3];
    for (int i = 0; i < px16.length; i++) px16[i] = (byte) (i * 7);
    out.add(DicomWriter.toBytes(DicomFile.of(image(8, 8, 1, 16, 12, 1, 3).putBytes(Tag.PixelData, VR.OW, px16).build(),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    out.add(DicomWriter.toBytes(DicomFile.of(image(4, 4, 3, 8, 8, 0, 2).putBytes(Tag.PixelData, VR.OB, new byte[96]).build(),
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
    out.add(DicomWriter.toBytes(DicomFile.of(image(7, 9, 1, 1, 1, 0, 3).putBytes(Tag.PixelData, VR.OB, new byte[24]).build(),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    out.add(DicomWriter.toBytes(DicomFile.of(image(3, 3, 1, 32, 24, 1, 1).putBytes(Tag.PixelData, VR.OB, new byte[36]).build(),
        TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN), TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN));
    out.add(DicomWriter.toBytes(encapsulated(3, 1, true, false), TransferSyntax.JPEG_BASELINE));
    out.add(DicomWriter.toBytes(encapsulated(3, 2, false, false), TransferSyntax.JPEG_BASELINE));
    out.add(DicomWriter.toBytes(encapsulated(2, 1, false, true), TransferSyntax.JPEG_BASELINE));
    out.add(unUndefinedLength());
    return out;
  }
}
