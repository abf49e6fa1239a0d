package org.medai.imaging.io.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.medai.core.ReadLimits;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.imaging.internal.dicom.FrameSplitter;
import org.medai.imaging.internal.dicom.NativePixels;
import org.medai.imaging.io.dicom.codec.FrameDecoder;
import org.medai.imaging.io.dicom.codec.FrameDecoders;
import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * Pixel data of a {@link DicomFile} as stored values: native frames are unpacked here (BitsAllocated
 * 1, 8, 16, 32; BitsStored masked; signed values sign-extended; planar data interleaved);
 * encapsulated frames are split from their fragments and handed to the {@link FrameDecoder} that a
 * {@link org.medai.imaging.io.dicom.codec.FrameDecoderProvider} registers for the transfer syntax.
 * No rescale, no VOI, no palette: values as stored. Stateless and thread-safe; cost is one pass
 * over the pixel bytes (plus the codec for compressed syntaxes).
 *
 * <p>Frame bytes are little-endian, {@link FrameInfo#bytesPerSample()} bytes per sample, samples
 * interleaved. BitsAllocated 32 unsigned maps to {@link DType#INT32} in tensors (reinterpret the
 * bits); BitsAllocated 1 gives one byte (0 or 1) per sample.
 */
public final class DicomPixels {
  private DicomPixels() {
  }

  /** The Image Pixel module's description of one frame. */
  public static FrameInfo frameInfo(DicomDataset ds) {
    int rows = required(ds, Tag.Rows);
    int cols = required(ds, Tag.Columns);
    int ba = required(ds, Tag.BitsAllocated);
    int spp = ds.getInt(Tag.SamplesPerPixel, 1);
    int bs = ds.getInt(Tag.BitsStored, ba);
    int pr = ds.getInt(Tag.PixelRepresentation, 0);
    int pc = ds.getInt(Tag.PlanarConfiguration, 0);
    String pi = ds.getString(Tag.PhotometricInterpretation, spp == 1 ? "MONOCHROME2" : "RGB");
    if (ba != 1 && ba != 8 && ba != 16 && ba != 32) {
      throw new DicomFormatException("MEDAI-DICOM-037", -1,
          "BitsAllocated (0028,0100) is %d; expected 1, 8, 16 or 32".formatted(ba));
    }
    if (rows <= 0 || cols <= 0 || spp <= 0 || spp > 4 || bs <= 0 || bs > ba || (pr != 0 && pr != 1)) {
      throw new DicomFormatException("MEDAI-DICOM-038", -1,
          "image pixel attributes are inconsistent (Rows=%d Columns=%d SamplesPerPixel=%d BitsStored=%d BitsAllocated=%d PixelRepresentation=%d); expected positive sizes, 1-4 samples and BitsStored <= BitsAllocated"
              .formatted(rows, cols, spp, bs, ba, pr));
    }
    return new FrameInfo(rows, cols, spp, ba, bs, pr == 1, pc, pi);
  }

  /** NumberOfFrames (0028,0008), 1 when absent. */
  public static int numberOfFrames(DicomDataset ds) {
    int n = ds.getInt(Tag.NumberOfFrames, 1);
    if (n < 1) {
      throw new DicomFormatException("MEDAI-DICOM-031", -1, "NumberOfFrames (0028,0008) is %d; expected at least 1".formatted(n));
    }
    return n;
  }

  /** The tensor dtype of stored values: UINT8/INT8, UINT16/INT16 or INT32, from BitsAllocated and PixelRepresentation. */
  public static DType dtypeOf(FrameInfo fi) {
    return switch (fi.bytesPerSample()) {
      case 1 -> fi.signed() && fi.bitsAllocated() > 1 ? DType.INT8 : DType.UINT8;
      case 2 -> fi.signed() ? DType.INT16 : DType.UINT16;
      default -> DType.INT32;
    };
  }

  /**
   * The compressed bytes of each frame of encapsulated pixel data, split per the extended or basic
   * offset table, one fragment per frame when counts match, or frame-start markers.
   */
  public static List<byte[]> compressedFrames(DicomFile f, ReadLimits limits) {
    DicomElement px = pixelElement(f);
    if (!px.isEncapsulated()) {
      throw new DicomFormatException("MEDAI-DICOM-039", -1,
          "pixel data (7FE0,0010) is native in transfer syntax %s; expected encapsulated pixel data".formatted(f.transferSyntax().uid()));
    }
    int frames = numberOfFrames(f.dataset());
    limits.checkItems("frames", frames);
    int[][] ranges = split(f, px, frames, limits);
    List<byte[]> out = new ArrayList<>(frames);
    for (int[] r : ranges) out.add(FrameSplitter.frameBytes(px.fragments(), r[0], r[1], limits));
    return out;
  }

  /** Fragment index ranges of each frame ({@code {first, endExclusive}}, 0 = offset table). */
  public static int[][] frameFragments(DicomFile f, ReadLimits limits) {
    DicomElement px = pixelElement(f);
    if (!px.isEncapsulated()) {
      throw new DicomFormatException("MEDAI-DICOM-039", -1, "pixel data (7FE0,0010) is native; expected encapsulated pixel data");
    }
    return split(f, px, numberOfFrames(f.dataset()), limits);
  }

  /** One frame's stored values (see the class comment for the layout). */
  public static byte[] frame(DicomFile f, int index, ReadLimits limits) {
    DicomElement px = pixelElement(f);
    FrameInfo fi = frameInfo(f.dataset());
    int frames = numberOfFrames(f.dataset());
    if (index < 0 || index >= frames) throw new IndexOutOfBoundsException("frame " + index + " of " + frames);
    limits.checkLength("decoded frame", fi.frameBytes(), fi.frameBytes());
    if (px.isEncapsulated()) {
      FrameDecoder dec = decoderFor(f.transferSyntax());
      int[] r = split(f, px, frames, limits)[index];
      byte[] out = dec.decode(FrameSplitter.frameBytes(px.fragments(), r[0], r[1], limits), fi);
      if (out.length != fi.frameBytes()) {
        throw new DicomFormatException("MEDAI-DICOM-040", -1,
            "decoder for %s returned %d bytes for frame %d; expected %d".formatted(f.transferSyntax().uid(), out.length, index, fi.frameBytes()));
      }
      return out;
    }
    return nativeFrame(f.dataset(), px, fi, index, frames, limits);
  }

  /**
   * One frame with colour as RGB: like {@link #frame}, and native YBR_FULL / YBR_FULL_422 frames
   * (8-bit) converted to RGB with the full-range ITU-R BT.601 equations of PS3.3 C.7.6.3.1.2.
   * Encapsulated frames are returned as their codec delivers them (codecs convert YBR themselves).
   */
  public static byte[] frameRgb(DicomFile f, int index, ReadLimits limits) {
    byte[] fr = frame(f, index, limits);
    FrameInfo fi = frameInfo(f.dataset());
    String pi = fi.photometricInterpretation();
    if (!pi.startsWith("YBR_FULL") || fi.samplesPerPixel() != 3 || fi.bitsAllocated() != 8 || isEncapsulated(f)) return fr;
    for (int i = 0; i + 2 < fr.length; i += 3) {
      double y = fr[i] & 0xFF;
      double cb = (fr[i + 1] & 0xFF) - 128.0;
      double cr = (fr[i + 2] & 0xFF) - 128.0;
      fr[i] = clamp(y + 1.402 * cr);
      fr[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
      fr[i + 2] = clamp(y + 1.772 * cb);
    }
    return fr;
  }

  private static boolean isEncapsulated(DicomFile f) {
    DicomElement px = f.dataset().get(Tag.PixelData);
    return px != null && px.isEncapsulated();
  }

  private static byte clamp(double v) {
    long r = Math.round(v);
    return (byte) Math.max(0, Math.min(255, r));
  }

  /** Every frame's stored values, concatenated in frame order (at most 2 GiB; use {@link #toTensor} beyond). */
  public static byte[] allFrames(DicomFile f, ReadLimits limits) {
    FrameInfo fi = frameInfo(f.dataset());
    int frames = numberOfFrames(f.dataset());
    long total = fi.frameBytes() * frames;
    limits.checkTotal("decoded pixel data", total);
    limits.checkLength("decoded pixel data", total, total);
    if (total > Integer.MAX_VALUE - 8) {
      throw new DicomFormatException("MEDAI-DICOM-041", -1, "decoded pixel data of %d bytes does not fit one array; use toTensor".formatted(total));
    }
    DicomElement px = pixelElement(f);
    BulkData data = px.isBulk() ? px.bulkData() : null;
    boolean direct = !px.isEncapsulated() && data != null && data.isInMemory() && fi.bitsAllocated() != 1
        && !isYbr422(fi);
    if (direct) {
      requireNativeBytes(data, fi, frames);
      int highBit = highBit(f.dataset(), fi);
      if (fi.samplesPerPixel() == 1 || fi.planarConfiguration() == 0) {
        // frames are contiguous and already in output order: one copy (no zeroing), then mask in place
        int from = (int) data.arrayOffset();
        byte[] values = Arrays.copyOfRange(data.array(), from, from + (int) total);
        NativePixels.maskInPlace(values, fi, highBit);
        return values;
      }
      long frameBytes = fi.frameBytes();
      byte[] out = new byte[(int) total];
      for (int k = 0; k < frames; k++) {
        NativePixels.decodeInto(data.array(), (int) (data.arrayOffset() + k * frameBytes), 0, fi, highBit, out,
            (int) (k * frameBytes));
      }
      return out;
    }
    byte[] out = new byte[(int) total];
    for (int k = 0; k < frames; k++) {
      byte[] fr = frame(f, k, limits);
      System.arraycopy(fr, 0, out, (int) (k * fi.frameBytes()), fr.length);
    }
    return out;
  }

  /**
   * Stored values as a host tensor owned by {@code scope}: shape (frames, rows, columns) for one
   * sample per pixel, (frames, rows, columns, samples) otherwise; dtype from {@link #dtypeOf}.
   */
  public static Tensor toTensor(DicomFile f, ReadLimits limits, MemoryScope scope) {
    FrameInfo fi = frameInfo(f.dataset());
    int frames = numberOfFrames(f.dataset());
    limits.checkItems("frames", frames);
    limits.checkTotal("decoded pixel data", Math.multiplyExact(fi.frameBytes(), (long) frames));
    long[] shape = fi.samplesPerPixel() == 1 ? new long[] {frames, fi.rows(), fi.columns()}
        : new long[] {frames, fi.rows(), fi.columns(), fi.samplesPerPixel()};
    Tensor t = Tensor.allocate(dtypeOf(fi), scope, shape);
    for (int k = 0; k < frames; k++) {
      byte[] fr = frame(f, k, limits);
      t.hostBuffer().write(k * fi.frameBytes(), fr, 0, fr.length);
    }
    return t;
  }

  private static FrameDecoder decoderFor(TransferSyntax ts) {
    return FrameDecoders.forTransferSyntax(ts.uid()).orElseThrow(() -> new DicomFormatException("MEDAI-DICOM-042", -1,
        "no pixel decoder is registered for transfer syntax %s (%s); add a FrameDecoderProvider for it or transcode the file"
            .formatted(ts.uid(), ts.name())));
  }

  private static int[][] split(DicomFile f, DicomElement px, int frames, ReadLimits limits) {
    limits.checkItems("frames", frames);
    long[] eot = null;
    DicomElement e = f.dataset().get(Tag.ExtendedOffsetTable);
    if (e != null) {
      byte[] b = e.bytes() != null ? e.bytes() : e.bulkData() != null ? e.bulkData().bytes(limits) : new byte[0];
      eot = new long[b.length / 8];
      for (int i = 0; i < eot.length; i++) eot[i] = org.medai.imaging.internal.dicom.Bytes.i64(b, 8 * i);
    }
    long at = px.fragments().get(0).offset();
    return FrameSplitter.split(px.fragments(), frames, eot, limits, at < 0 ? -1 : Math.max(0, at - 8));
  }

  private static byte[] nativeFrame(DicomDataset ds, DicomElement px, FrameInfo fi, int index, int frames, ReadLimits limits) {
    BulkData data = px.isBulk() ? px.bulkData() : px.bytes() != null ? BulkData.ofBytes(px.bytes(), -1) : null;
    if (data == null) {
      throw new DicomFormatException("MEDAI-DICOM-043", -1, "pixel data (7FE0,0010) holds no value; expected native pixel bytes");
    }
    boolean ybr422 = isYbr422(fi);
    long frameBits = requireNativeBytes(data, fi, frames);
    long startBit = frameBits * index;
    long startByte = startBit / 8;
    int bytes = (int) ((startBit % 8 + frameBits + 7) / 8);
    byte[] src = data.range(startByte, bytes, limits);
    if (ybr422) return NativePixels.upsample422(src, fi);
    return NativePixels.decode(src, (int) (startBit % 8), fi, highBit(ds, fi));
  }

  private static boolean isYbr422(FrameInfo fi) {
    return fi.photometricInterpretation().equals("YBR_FULL_422") && fi.samplesPerPixel() == 3 && fi.bitsAllocated() == 8;
  }

  /** Checks the native pixel value holds every frame; returns the bits per stored frame. */
  private static long requireNativeBytes(BulkData data, FrameInfo fi, int frames) {
    long frameBits = isYbr422(fi) ? (long) fi.rows() * fi.columns() * 16 : NativePixels.frameBits(fi);
    long needed = (frameBits * frames + 7) / 8;
    if (data.length() < needed) {
      long at = data.offset() >= 0 ? data.offset() + data.length() : -1;
      throw new DicomFormatException("MEDAI-DICOM-044", at,
          "pixel data (7FE0,0010) holds %d bytes; expected %d for %d frame(s) of %dx%dx%d at %d bits: the pixel data is truncated"
              .formatted(data.length(), needed, frames, fi.rows(), fi.columns(), fi.samplesPerPixel(), fi.bitsAllocated()));
    }
    return frameBits;
  }

  private static int highBit(DicomDataset ds, FrameInfo fi) {
    int highBit = ds.getInt(Tag.HighBit, fi.bitsStored() - 1);
    if (highBit < fi.bitsStored() - 1 || highBit >= fi.bitsAllocated()) highBit = fi.bitsStored() - 1;
    return highBit;
  }

  private static DicomElement pixelElement(DicomFile f) {
    DicomElement px = f.dataset().get(Tag.PixelData);
    if (px == null) {
      throw new DicomFormatException("MEDAI-DICOM-045", f.pixelDataOffset(),
          f.pixelDataOffset() >= 0 ? "pixel data was not read (the reader stopped before it); read the file without stopBeforePixelData"
              : "dataset has no pixel data (7FE0,0010); expected an image");
    }
    return px;
  }

  private static int required(DicomDataset ds, int tag) {
    int v = ds.getInt(tag, Integer.MIN_VALUE);
    if (v == Integer.MIN_VALUE) {
      throw new DicomFormatException("MEDAI-DICOM-030", -1,
          "required attribute %s %s is missing; expected the Image Pixel module".formatted(Tag.toString(tag), DicomDictionary.keywordOf(tag)));
    }
    return v;
  }
}
