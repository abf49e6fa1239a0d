package org.medai.imaging.io.nifti;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.medai.core.GeometryException;
import org.medai.core.ReadLimits;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.memory.MemoryScope;
import org.medai.core.memory.NativeBuffer;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;
import org.medai.imaging.internal.nifti.NiftiHeaderCodec;

/**
 * Reads NIfTI-1 and NIfTI-2 images ({@code .nii}, {@code .nii.gz}, {@code .hdr}/{@code .img} pairs,
 * either byte order) into a {@link Volume} in LPS. The affine is chosen as nibabel's
 * {@code get_best_affine} does (sform when {@code sform_code > 0}, else qform when
 * {@code qform_code > 0}, else the centred {@code pixdim} fallback), then converted RAS→LPS here and
 * nowhere else. Dimensions 4..7 become channels; rgb24/rgba32 become 3/4 uint8 channels.
 *
 * <p>Every header field that drives allocation or skipping (dims, datatype, {@code vox_offset}) is
 * checked against the {@link ReadLimits} and the file size before anything is allocated. Gzip input
 * is streamed in 1 MiB chunks straight into the output buffer, so memory stays at the output plus a
 * chunk. Stateless and thread-safe; the volume belongs to the caller's {@link MemoryScope}.
 */
public final class NiftiReader {
  private static final int CHUNK = 24 * 43_690; // a multiple of every voxel size, about 1 MiB

  private NiftiReader() {}

  /** Reads only the header (the {@code .hdr} of a pair). */
  public static NiftiHeader readHeader(Path path, ReadLimits limits) {
    NiftiFiles.Resolved r = NiftiFiles.forRead(path);
    try (InputStream in = open(r.header())) {
      return readHeader(in, r.pair(), limits);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the image, applying {@code scl_slope/scl_inter} as nibabel does. */
  public static NiftiImage read(Path path, ReadLimits limits, MemoryScope scope) {
    return read(path, limits, scope, true);
  }

  /**
   * Reads the image.
   *
   * @param applyScaling when true and the header scales (slope neither 0 nor non-finite, and not the
   *     identity), values become {@code stored · slope + inter} in float32 (float64 for stored types
   *     wider than 16 bits); when false the stored values are kept and the header says how to scale
   */
  public static NiftiImage read(Path path, ReadLimits limits, MemoryScope scope, boolean applyScaling) {
    NiftiFiles.Resolved r = NiftiFiles.forRead(path);
    try {
      NiftiHeader h;
      long headerRead;
      InputStream data;
      if (r.pair()) {
        try (InputStream in = open(r.header())) {
          h = readHeader(in, true, limits);
        }
        data = open(r.image());
        headerRead = 0;
      } else {
        data = open(r.image());
        h = readHeader(data, false, limits);
        headerRead = h.format().headerBytes();
      }
      try (InputStream in = data) {
        long fileSize = NiftiFiles.isGz(r.image()) ? -1 : Files.size(r.image());
        return readData(in, h, headerRead, fileSize, limits, scope, applyScaling);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(Path p) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    if (b0 == 0x1f && b1 == 0x8b) return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
    return raw;
  }

  private static NiftiHeader readHeader(InputStream in, boolean pair, ReadLimits limits) throws IOException {
    byte[] first = new byte[4];
    readFully(in, first, 0, 4, 0, "sizeof_hdr");
    NiftiHeaderCodec.Layout layout = NiftiHeaderCodec.sniff(first);
    if (layout == null) {
      throw new NiftiFormatException("MEDAI-NIFTI-010",
          "sizeof_hdr (bytes 0-3) is neither 348 (NIfTI-1) nor 540 (NIfTI-2) in either byte order; not a NIfTI file");
    }
    byte[] all = new byte[layout.format().headerBytes()];
    System.arraycopy(first, 0, all, 0, 4);
    readFully(in, all, 4, all.length - 4, 4, "header");
    NiftiHeader h = NiftiHeaderCodec.parse(all, layout.format(), layout.order(), pair);
    long bytes;
    try {
      limits.checkItems("NIfTI dim[4..7] (channels)", h.channels());
      bytes = Math.multiplyExact(Math.multiplyExact(h.extent().voxelCount(), h.channels()),
          (long) h.datatype().memoryType().byteSize());
      h.dataBytes();
    } catch (ArithmeticException e) {
      throw new NiftiFormatException("MEDAI-NIFTI-011", "dim[1..7] multiply beyond 2^63 bytes; the header is corrupt");
    }
    limits.checkTotal("NIfTI voxel data for dim " + java.util.Arrays.toString(h.dim()), bytes);
    return h;
  }

  private static NiftiImage readData(InputStream in, NiftiHeader h, long position, long fileSize,
                                     ReadLimits limits, MemoryScope scope, boolean applyScaling) throws IOException {
    long skip = h.voxOffset() - position;
    if (skip < 0) {
      throw new NiftiFormatException("MEDAI-NIFTI-012",
          "vox_offset %d precedes the end of the header at %d".formatted(h.voxOffset(), position));
    }
    long dataBytes = h.dataBytes();
    if (fileSize >= 0) {
      limits.checkLength("NIfTI vox_offset", h.voxOffset(), fileSize);
      if (dataBytes > fileSize - h.voxOffset()) {
        throw new NiftiFormatException("MEDAI-NIFTI-013",
            "the header describes %d bytes of voxels from vox_offset %d but the image file has %d bytes; the file is truncated"
                .formatted(dataBytes, h.voxOffset(), fileSize));
      }
    } else {
      limits.checkLength("NIfTI extensions before vox_offset", skip, -1);
    }
    skipFully(in, skip, position);
    NiftiDataType type = h.datatype();
    boolean scale = applyScaling && !type.isColour() && h.hasScaling();
    if (scale && !Double.isFinite(h.sclInter())) {
      throw new NiftiFormatException("MEDAI-NIFTI-014",
          "scl_slope is %s but scl_inter is not finite; fix the header".formatted(h.sclSlope()));
    }
    DType out = type.memoryType();
    if (scale) out = type.bytesPerComponent() <= 2 || type == NiftiDataType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
    Extent ext = h.extent();
    Geometry g;
    try {
      g = h.geometry();
    } catch (GeometryException | IllegalArgumentException | ArithmeticException e) {
      throw new NiftiFormatException("MEDAI-NIFTI-016",
          "the header's %s affine does not define a voxel grid (%s); fix sform/qform or pixdim"
              .formatted(h.affineSource(), e.getMessage()), e);
    }
    long nVox = ext.voxelCount();
    long channels = h.channels();
    Tensor t = Tensor.allocate(out, scope, channels, ext.k(), ext.j(), ext.i());
    NativeBuffer buf = t.hostBuffer();
    int comps = type.isColour() ? type.components() : 1;
    int bpc = type.bytesPerComponent();
    long total = nVox * h.blocks() * comps;
    ByteOrder order = h.littleEndian() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    boolean direct = !scale && type.isNative() && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    double slope = h.sclSlope();
    double inter = h.sclInter();
    byte[] chunk = new byte[CHUNK];
    ByteBuffer bb = ByteBuffer.wrap(chunk).order(order);
    long comp = 0;
    long filePos = h.voxOffset();
    while (comp < total) {
      int n = (int) Math.min(CHUNK / bpc, total - comp);
      readFully(in, chunk, 0, n * bpc, filePos, "voxel data");
      if (direct) {
        if (order != ByteOrder.LITTLE_ENDIAN) swap(chunk, n, bpc);
        buf.write(comp * bpc, chunk, 0, n * bpc);
      } else {
        for (int e = 0; e < n; e++) {
          double v = component(bb, e * bpc, type);
          if (scale) v = v * slope + inter;
          long c = comp + e;
          long dst = c;
          if (comps > 1) {
            long voxel = c / comps;
            long block = voxel / nVox;
            dst = (block * comps + c % comps) * nVox + voxel % nVox;
          }
          t.writeDouble(dst, v);
        }
      }
      comp += n;
      filePos += (long) n * bpc;
    }
    return new NiftiImage(Volume.of(t, g), h, scale);
  }

  private static double component(ByteBuffer b, int at, NiftiDataType type) {
    return switch (type) {
      case UINT8, RGB24, RGBA32 -> b.get(at) & 0xFF;
      case INT8 -> b.get(at);
      case INT16 -> b.getShort(at);
      case UINT16 -> b.getShort(at) & 0xFFFF;
      case INT32 -> b.getInt(at);
      case UINT32 -> b.getInt(at) & 0xFFFFFFFFL;
      case INT64 -> (double) b.getLong(at);
      case UINT64 -> {
        long v = b.getLong(at);
        yield v >= 0 ? (double) v : ((v >>> 1) | (v & 1)) * 2.0;
      }
      case FLOAT32 -> b.getFloat(at);
      case FLOAT64 -> b.getDouble(at);
      default -> throw new NiftiFormatException("MEDAI-NIFTI-007", "datatype " + type + " has no medai element type");
    };
  }

  private static void swap(byte[] a, int n, int size) {
    if (size == 1) return;
    for (int e = 0; e < n; e++) {
      int o = e * size;
      for (int i = 0, j = size - 1; i < j; i++, j--) {
        byte tmp = a[o + i];
        a[o + i] = a[o + j];
        a[o + j] = tmp;
      }
    }
  }

  private static void readFully(InputStream in, byte[] b, int off, int len, long filePos, String what) throws IOException {
    int done = 0;
    while (done < len) {
      int r;
      try {
        r = in.read(b, off + done, len - done);
      } catch (EOFException e) {
        r = -1;
      }
      if (r < 0) {
        throw new NiftiFormatException("MEDAI-NIFTI-015",
            "NIfTI %s ends at byte %d; expected %d more bytes: the file is truncated".formatted(what, filePos + done, len - done));
      }
      done += r;
    }
  }

  private static void skipFully(InputStream in, long n, long filePos) throws IOException {
    byte[] tmp = new byte[8192];
    long left = n;
    while (left > 0) {
      int want = (int) Math.min(tmp.length, left);
      readFully(in, tmp, 0, want, filePos + (n - left), "extensions before vox_offset");
      left -= want;
    }
  }
}
