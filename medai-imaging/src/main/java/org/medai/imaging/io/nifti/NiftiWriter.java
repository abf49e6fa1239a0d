package org.medai.imaging.io.nifti;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medai.core.InvalidArgumentException;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;
import org.medai.imaging.internal.nifti.BlockGzipOutputStream;
import org.medai.imaging.internal.nifti.NiftiHeaderCodec;
import org.medai.imaging.internal.nifti.Quaternions;

/**
 * Writes a {@link Volume} as NIfTI-1 or NIfTI-2, little-endian: {@code .nii}, {@code .nii.gz}, or a
 * {@code .hdr}/{@code .img} pair (name ending {@code .hdr} or {@code .img}, optionally {@code .gz}).
 * The LPS geometry becomes a RAS affine here (first two rows negated) and is written twice: as the
 * sform ({@code srow_*}, exactly the float32 rounding of the affine in NIfTI-1) and as the qform
 * (quaternion, {@code qfac} for left-handed grids, {@code pixdim} spacing, {@code qoffset} origin).
 * Channels become {@code dim[4]}. Voxel data streams out in 1 MiB chunks; {@code .gz} files are one
 * gzip member compressed in independent 1 MiB blocks (level 1 unless {@link Options#withGzipLevel}
 * says otherwise), on a pool's threads where one is given. Stateless, thread-safe.
 */
public final class NiftiWriter {
  private static final int CHUNK = 24 * 43_690;

  /** NIfTI {@code xform} codes. */
  public static final int XFORM_UNKNOWN = 0;
  public static final int XFORM_SCANNER = 1;
  public static final int XFORM_ALIGNED = 2;

  private NiftiWriter() {}

  /**
   * What to write.
   *
   * @param format header layout
   * @param datatype on-disk type, or {@code null} for the volume's own type; integer types check that
   *     every value is a whole number in range, colour types take 3 or 4 uint8 channels per block
   * @param qformCode {@code qform_code} (default 1, scanner)
   * @param sformCode {@code sform_code} (default 2, aligned)
   * @param sclSlope {@code scl_slope} written as is; the voxels are written unchanged (they are the stored values)
   * @param sclInter {@code scl_inter}
   * @param gzipLevel deflate level of {@code .gz} files, 0 (stored) to 9; default 1, nibabel's
   *     default (on a CT much faster than zlib's default 6 for a slightly larger file)
   */
  public record Options(NiftiFormat format, NiftiDataType datatype, int qformCode, int sformCode,
                        double sclSlope, double sclInter, int gzipLevel) {
    public Options {
      if (gzipLevel < 0 || gzipLevel > 9) {
        throw new InvalidArgumentException("MEDAI-NIFTI-035", "gzip level must be 0 to 9, got " + gzipLevel);
      }
    }

    public static Options defaults() {
      return new Options(NiftiFormat.NIFTI1, null, XFORM_SCANNER, XFORM_ALIGNED, 1, 0, 1);
    }

    public Options withFormat(NiftiFormat f) {
      return new Options(f, datatype, qformCode, sformCode, sclSlope, sclInter, gzipLevel);
    }

    public Options withDatatype(NiftiDataType t) {
      return new Options(format, t, qformCode, sformCode, sclSlope, sclInter, gzipLevel);
    }

    public Options withCodes(int qform, int sform) {
      return new Options(format, datatype, qform, sform, sclSlope, sclInter, gzipLevel);
    }

    /** Records a rescale (physical = stored · slope + inter) without changing the voxels. */
    public Options withScaling(double slope, double inter) {
      return new Options(format, datatype, qformCode, sformCode, slope, inter, gzipLevel);
    }

    /** The deflate level of {@code .gz} output, 0 to 9. */
    public Options withGzipLevel(int level) {
      return new Options(format, datatype, qformCode, sformCode, sclSlope, sclInter, level);
    }
  }

  public static void write(Volume volume, Path path) {
    write(volume, path, Options.defaults());
  }

  public static void write(Volume volume, Path path, Options options) {
    write(volume, path, options, null);
  }

  /**
   * As {@link #write(Volume, Path, Options)}, compressing {@code .gz} output on {@code pool}'s
   * threads ({@code null}: the caller's thread only). The bytes written are the same either way.
   */
  public static void write(Volume volume, Path path, Options options, WorkPool pool) {
    NiftiFiles.Resolved r = NiftiFiles.forWrite(path);
    NiftiHeader h = headerFor(volume, options, r.pair());
    byte[] header = NiftiHeaderCodec.serialize(h, r.pair());
    try {
      if (r.pair()) {
        try (OutputStream out = open(r.header(), options.gzipLevel(), null)) {
          out.write(header);
        }
        try (OutputStream out = open(r.image(), options.gzipLevel(), pool)) {
          writeData(volume, h.datatype(), out);
        }
      } else {
        try (OutputStream out = open(r.image(), options.gzipLevel(), pool)) {
          out.write(header);
          out.write(new byte[4]); // no extensions
          writeData(volume, h.datatype(), out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The header {@link #write} would write for this volume (RAS affines, little-endian). */
  public static NiftiHeader headerFor(Volume volume, Options o, boolean pair) {
    NiftiDataType type = o.datatype() != null ? o.datatype() : NiftiDataType.of(volume.dtype());
    if (type.memoryType() == null) {
      throw new InvalidArgumentException("MEDAI-NIFTI-032", "medai does not write NIfTI datatype " + type);
    }
    long channels = volume.channels();
    long blocks = channels;
    if (type.isColour()) {
      if (channels % type.components() != 0) {
        throw new InvalidArgumentException("MEDAI-NIFTI-033",
            "%s needs a multiple of %d channels; the volume has %d".formatted(type, type.components(), channels));
      }
      blocks = channels / type.components();
    }
    Geometry g = volume.geometry();
    Extent e = g.extent();
    long[] dim = {blocks > 1 ? 4 : 3, e.i(), e.j(), e.k(), blocks, 1, 1, 1};
    double[] lps = g.toAffine();
    double[] ras = lps.clone();
    for (int c = 0; c < 4; c++) {
      ras[c] = -ras[c];
      ras[4 + c] = -ras[4 + c];
    }
    double[] rot = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) rot[r * 3 + c] = ras[r * 4 + c] / g.spacingMm().get(c);
    }
    double[] q = Quaternions.fromMatrix(rot);
    double[] pixdim = {q[3], g.spacingMm().x(), g.spacingMm().y(), g.spacingMm().z(), blocks > 1 ? 1 : 0, 0, 0, 0};
    double[] srow = new double[12];
    System.arraycopy(ras, 0, srow, 0, 12);
    int voxOffset = pair ? 0 : o.format().singleFileVoxOffset();
    return new NiftiHeader(o.format(), true, dim, type, pixdim, voxOffset, o.sclSlope(), o.sclInter(),
        o.qformCode(), o.sformCode(), new double[] {q[0], q[1], q[2]}, new double[] {ras[3], ras[7], ras[11]}, srow,
        2 /* mm */, 0);
  }

  private static OutputStream open(Path p, int gzipLevel, WorkPool pool) throws IOException {
    OutputStream raw = Files.newOutputStream(p);
    if (NiftiFiles.isGz(p)) return new BlockGzipOutputStream(new BufferedOutputStream(raw, 1 << 16), gzipLevel, pool);
    return new BufferedOutputStream(raw, 1 << 16);
  }

  private static void writeData(Volume volume, NiftiDataType type, OutputStream out) throws IOException {
    Tensor t = volume.data();
    try (MemoryScope tmp = MemoryScope.open()) {
      if (!t.isContiguous()) t = t.copy(tmp);
      long nVox = volume.extent().voxelCount();
      int comps = type.isColour() ? type.components() : 1;
      int bpc = type.bytesPerComponent();
      long total = t.elementCount();
      boolean direct = type.isNative() && type.memoryType() == t.dtype() && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
      byte[] chunk = new byte[CHUNK];
      ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
      long comp = 0;
      while (comp < total) {
        int n = (int) Math.min(CHUNK / bpc, total - comp);
        if (direct) {
          t.hostBuffer().read((t.offset() + comp) * bpc, chunk, 0, n * bpc);
        } else {
          for (int e = 0; e < n; e++) {
            long c = comp + e;
            long src = c;
            if (comps > 1) {
              long voxel = c / comps;
              long block = voxel / nVox;
              src = (block * comps + c % comps) * nVox + voxel % nVox;
            }
            put(bb, e * bpc, type, t.readDouble(t.offset() + src), c);
          }
        }
        out.write(chunk, 0, n * bpc);
        comp += n;
      }
    }
  }

  private static void put(ByteBuffer b, int at, NiftiDataType type, double v, long index) {
    switch (type) {
      case FLOAT32 -> b.putFloat(at, (float) v);
      case FLOAT64 -> b.putDouble(at, v);
      case UINT8, RGB24, RGBA32 -> b.put(at, (byte) whole(v, 0, 255, type, index));
      case INT8 -> b.put(at, (byte) whole(v, -128, 127, type, index));
      case INT16 -> b.putShort(at, (short) whole(v, Short.MIN_VALUE, Short.MAX_VALUE, type, index));
      case UINT16 -> b.putShort(at, (short) whole(v, 0, 65535, type, index));
      case INT32 -> b.putInt(at, (int) whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE, type, index));
      case UINT32 -> b.putInt(at, (int) (long) whole(v, 0, 4294967295.0, type, index));
      case INT64 -> b.putLong(at, (long) whole(v, -0x1p63, 0x1p63 - 1024, type, index));
      case UINT64 -> {
        double w = whole(v, 0, 0x1p64 - 2048, type, index);
        b.putLong(at, w < 0x1p63 ? (long) w : (long) (w - 0x1p63) ^ Long.MIN_VALUE);
      }
      default -> throw new InvalidArgumentException("MEDAI-NIFTI-032", "medai does not write NIfTI datatype " + type);
    }
  }

  private static double whole(double v, double min, double max, NiftiDataType type, long index) {
    if (v != Math.rint(v) || v < min || v > max) {
      throw new InvalidArgumentException("MEDAI-NIFTI-034",
          "value %s at element %d is not a whole number in [%.0f, %.0f] for datatype %s; write a float datatype or round first"
              .formatted(v, index, min, max, type));
    }
    return v;
  }
}
