package org.medai.imaging.internal.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.medai.imaging.io.nifti.NiftiDataType;
import org.medai.imaging.io.nifti.NiftiFormat;
import org.medai.imaging.io.nifti.NiftiFormatException;
import org.medai.imaging.io.nifti.NiftiHeader;

/**
 * Byte layout of the NIfTI-1 (348 bytes) and NIfTI-2 (540 bytes) headers, with the field offsets of
 * {@code nifti1.h} and {@code nifti2.h}. Stateless.
 */
public final class NiftiHeaderCodec {
  private NiftiHeaderCodec() {}

  /**
   * The format and byte order from the first four bytes ({@code sizeof_hdr}), or {@code null} when
   * they are neither 348 nor 540 in either order.
   */
  public static Layout sniff(byte[] first4) {
    int le = ByteBuffer.wrap(first4).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    int be = ByteBuffer.wrap(first4).order(ByteOrder.BIG_ENDIAN).getInt(0);
    if (le == 348) return new Layout(NiftiFormat.NIFTI1, ByteOrder.LITTLE_ENDIAN);
    if (le == 540) return new Layout(NiftiFormat.NIFTI2, ByteOrder.LITTLE_ENDIAN);
    if (be == 348) return new Layout(NiftiFormat.NIFTI1, ByteOrder.BIG_ENDIAN);
    if (be == 540) return new Layout(NiftiFormat.NIFTI2, ByteOrder.BIG_ENDIAN);
    return null;
  }

  /** A header's format and byte order. */
  public record Layout(NiftiFormat format, ByteOrder order) {}

  /**
   * Parses a whole header.
   *
   * @param bytes at least {@code format.headerBytes()} bytes
   * @param pair true for a {@code .hdr} (magic {@code ni1}/{@code ni2}), false for a {@code .nii}
   */
  public static NiftiHeader parse(byte[] bytes, NiftiFormat format, ByteOrder order, boolean pair) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
    long[] dim = new long[8];
    double[] pixdim = new double[8];
    double[] quatern = new double[3];
    double[] qoffset = new double[3];
    double[] srow = new double[12];
    int datatype;
    long voxOffset;
    double slope, inter;
    int qcode, scode, units, intent;
    if (format == NiftiFormat.NIFTI1) {
      String magic = new String(bytes, 344, 3, StandardCharsets.ISO_8859_1);
      if (!magic.equals("n+1") && !magic.equals("ni1")) {
        throw new NiftiFormatException("MEDAI-NIFTI-002",
            "NIfTI-1 magic at byte 344 is not n+1 or ni1 (an Analyze 7.5 header?); medai reads NIfTI-1 and NIfTI-2 only");
      }
      for (int i = 0; i < 8; i++) dim[i] = b.getShort(40 + 2 * i);
      intent = b.getShort(68);
      datatype = b.getShort(70);
      for (int i = 0; i < 8; i++) pixdim[i] = b.getFloat(76 + 4 * i);
      double vo = b.getFloat(108);
      if (!(vo >= 0) || vo != Math.rint(vo) || vo > Integer.MAX_VALUE) {
        throw new NiftiFormatException("MEDAI-NIFTI-003",
            "vox_offset (byte 108) is %s; expected a non-negative whole number of bytes".formatted(vo));
      }
      voxOffset = (long) vo;
      slope = b.getFloat(112);
      inter = b.getFloat(116);
      units = bytes[123] & 0xFF;
      qcode = b.getShort(252);
      scode = b.getShort(254);
      for (int i = 0; i < 3; i++) quatern[i] = b.getFloat(256 + 4 * i);
      for (int i = 0; i < 3; i++) qoffset[i] = b.getFloat(268 + 4 * i);
      for (int i = 0; i < 12; i++) srow[i] = b.getFloat(280 + 4 * i);
    } else {
      String magic = new String(bytes, 4, 3, StandardCharsets.ISO_8859_1);
      if (!magic.equals("n+2") && !magic.equals("ni2")) {
        throw new NiftiFormatException("MEDAI-NIFTI-002",
            "NIfTI-2 magic at byte 4 is not n+2 or ni2; the header is corrupt");
      }
      datatype = b.getShort(12);
      for (int i = 0; i < 8; i++) dim[i] = b.getLong(16 + 8 * i);
      for (int i = 0; i < 8; i++) pixdim[i] = b.getDouble(104 + 8 * i);
      voxOffset = b.getLong(168);
      if (voxOffset < 0) {
        throw new NiftiFormatException("MEDAI-NIFTI-003",
            "vox_offset (byte 168) is %d; expected a non-negative number of bytes".formatted(voxOffset));
      }
      slope = b.getDouble(176);
      inter = b.getDouble(184);
      qcode = b.getInt(344);
      scode = b.getInt(348);
      for (int i = 0; i < 3; i++) quatern[i] = b.getDouble(352 + 8 * i);
      for (int i = 0; i < 3; i++) qoffset[i] = b.getDouble(376 + 8 * i);
      for (int i = 0; i < 12; i++) srow[i] = b.getDouble(400 + 8 * i);
      units = b.getInt(500);
      intent = b.getInt(504);
    }
    if (dim[0] < 1 || dim[0] > 7) {
      throw new NiftiFormatException("MEDAI-NIFTI-004",
          "dim[0] (the rank) is %d; expected 1..7 (a byte-swapped or corrupt header)".formatted(dim[0]));
    }
    for (int d = 1; d <= dim[0]; d++) {
      if (dim[d] < 1) {
        throw new NiftiFormatException("MEDAI-NIFTI-005",
            "dim[%d] is %d; every dimension up to dim[0]=%d must be at least 1".formatted(d, dim[d], dim[0]));
      }
    }
    NiftiDataType type = NiftiDataType.ofCode(datatype);
    if (type == null) {
      throw new NiftiFormatException("MEDAI-NIFTI-006", "datatype code %d is not a NIfTI datatype".formatted(datatype));
    }
    if (type.memoryType() == null) {
      throw new NiftiFormatException("MEDAI-NIFTI-007",
          "datatype %s (code %d) has no medai element type; convert the image to a real-valued type of at most 64 bits"
              .formatted(type, datatype));
    }
    for (int i = 0; i < 12; i++) {
      if (scode > 0 && !Double.isFinite(srow[i])) {
        throw new NiftiFormatException("MEDAI-NIFTI-008", "srow value %d is not finite while sform_code=%d".formatted(i, scode));
      }
    }
    if (!pair && voxOffset < format.headerBytes()) {
      throw new NiftiFormatException("MEDAI-NIFTI-009",
          "vox_offset %d lies inside the %d-byte header of a single-file NIfTI; expected at least %d"
              .formatted(voxOffset, format.headerBytes(), format.singleFileVoxOffset()));
    }
    return new NiftiHeader(format, order == ByteOrder.LITTLE_ENDIAN, dim, type, pixdim, voxOffset, slope, inter,
        qcode, scode, quatern, qoffset, srow, units, intent);
  }

  /** Serialises a header (little- or big-endian per {@link NiftiHeader#littleEndian()}); {@code pair} picks the magic. */
  public static byte[] serialize(NiftiHeader h, boolean pair) {
    NiftiFormat f = h.format();
    byte[] out = new byte[f.headerBytes()];
    ByteBuffer b = ByteBuffer.wrap(out).order(h.littleEndian() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    long[] dim = h.dim();
    double[] pixdim = h.pixdim();
    double[] quatern = h.quatern();
    double[] qoffset = h.qoffset();
    double[] srow = h.srow();
    b.putInt(0, f.headerBytes());
    if (f == NiftiFormat.NIFTI1) {
      for (int i = 0; i < 8; i++) {
        if (dim[i] > Short.MAX_VALUE) {
          throw new NiftiFormatException("MEDAI-NIFTI-030",
              "dim[%d]=%d does not fit NIfTI-1's int16; write NIfTI-2 instead".formatted(i, dim[i]));
        }
        b.putShort(40 + 2 * i, (short) dim[i]);
      }
      out[38] = 'r';
      b.putShort(68, (short) h.intentCode());
      b.putShort(70, (short) h.datatype().code());
      b.putShort(72, (short) h.datatype().bitpix());
      for (int i = 0; i < 8; i++) b.putFloat(76 + 4 * i, (float) pixdim[i]);
      b.putFloat(108, h.voxOffset());
      b.putFloat(112, (float) h.sclSlope());
      b.putFloat(116, (float) h.sclInter());
      out[123] = (byte) h.xyztUnits();
      b.putShort(252, (short) h.qformCode());
      b.putShort(254, (short) h.sformCode());
      for (int i = 0; i < 3; i++) b.putFloat(256 + 4 * i, (float) quatern[i]);
      for (int i = 0; i < 3; i++) b.putFloat(268 + 4 * i, (float) qoffset[i]);
      for (int i = 0; i < 12; i++) b.putFloat(280 + 4 * i, (float) srow[i]);
      byte[] magic = (pair ? "ni1" : "n+1").getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(magic, 0, out, 344, 3);
    } else {
      byte[] magic = (pair ? "ni2" : "n+2").getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(magic, 0, out, 4, 3);
      out[8] = '\r';
      out[9] = '\n';
      out[10] = 0x1A;
      out[11] = '\n';
      b.putShort(12, (short) h.datatype().code());
      b.putShort(14, (short) h.datatype().bitpix());
      for (int i = 0; i < 8; i++) b.putLong(16 + 8 * i, dim[i]);
      for (int i = 0; i < 8; i++) b.putDouble(104 + 8 * i, pixdim[i]);
      b.putLong(168, h.voxOffset());
      b.putDouble(176, h.sclSlope());
      b.putDouble(184, h.sclInter());
      b.putInt(344, h.qformCode());
      b.putInt(348, h.sformCode());
      for (int i = 0; i < 3; i++) b.putDouble(352 + 8 * i, quatern[i]);
      for (int i = 0; i < 3; i++) b.putDouble(376 + 8 * i, qoffset[i]);
      for (int i = 0; i < 12; i++) b.putDouble(400 + 8 * i, srow[i]);
      b.putInt(500, h.xyztUnits());
      b.putInt(504, h.intentCode());
    }
    return out;
  }
}
