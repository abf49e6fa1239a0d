package org.medai.imaging.internal.codec;

import org.medai.imaging.io.dicom.codec.FrameDecoder;
import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * JPEG-LS lossless and near-lossless (ITU-T T.87 / ISO 14495-1): context modelling with the
 * median edge detector, run mode, NEAR ≥ 0, default or LSE-preset thresholds (MAXVAL, T1-T3,
 * RESET), interleave modes none/line/sample, 2-16 bit precision. Not implemented: mapping tables
 * (LSE 2/3), restart intervals, point transform and the HP colour transforms; those streams throw
 * {@code MEDAI-CODEC-003}. Output values are kept in BitsStored bits and sign-extended when
 * PixelRepresentation is 1. Stateless and thread-safe; memory is the output frame plus two lines
 * per component.
 */
public final class JpegLsDecoder implements FrameDecoder {
  static final String CODEC = "JPEG-LS";

  @Override
  public byte[] decode(byte[] compressed, FrameInfo info) {
    int frameBytes = CodecErrors.checkedFrameBytes(CODEC, info);
    byte[] d = compressed;
    if (d.length < 2 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
      throw CodecErrors.malformed(CODEC, 0, "expected the SOI marker 0xFFD8 at the start of the frame");
    }
    int pos = 2;
    int precision = -1;
    int[] componentIds = null;
    int[] preset = new int[5]; // MAXVAL, T1, T2, T3, RESET; 0 = default
    byte[] out = null;
    boolean[] done = new boolean[info.samplesPerPixel()];
    while (true) {
      while (pos < d.length && (d[pos] & 0xFF) != 0xFF) {
        pos++; // tolerate padding between segments
      }
      while (pos + 1 < d.length && (d[pos + 1] & 0xFF) == 0xFF) {
        pos++;
      }
      if (pos + 1 >= d.length) {
        if (out != null) {
          break; // EOI missing after at least one scan
        }
        throw CodecErrors.truncated(CODEC, pos, "a marker (SOF55, LSE or SOS)");
      }
      int m = d[pos + 1] & 0xFF;
      int markerPos = pos;
      pos += 2;
      if (m == 0xD9) {
        break;
      }
      if (m >= 0xD0 && m <= 0xD8) {
        continue;
      }
      if (pos + 2 > d.length) {
        throw CodecErrors.truncated(CODEC, pos, "a 2-byte marker segment length");
      }
      int len = u16(d, pos);
      if (len < 2 || pos + len > d.length) {
        throw CodecErrors.truncated(CODEC, pos, "a marker segment of " + len + " bytes (" + (d.length - pos) + " remain)");
      }
      switch (m) {
        case 0xF7 -> {
          if (len < 8 || componentIds != null) {
            throw CodecErrors.malformed(CODEC, markerPos, "SOF55 of length " + len + " (expected one, at least 8 bytes)");
          }
          precision = d[pos + 2] & 0xFF;
          int height = u16(d, pos + 3);
          int width = u16(d, pos + 5);
          int nf = len >= 8 ? d[pos + 7] & 0xFF : 0;
          if (len != 8 + 3 * nf || nf < 1) {
            throw CodecErrors.malformed(CODEC, markerPos, "SOF55 with " + nf + " components and length " + len);
          }
          if (precision < 2 || precision > 16) {
            throw CodecErrors.malformed(CODEC, pos + 2, "sample precision " + precision + " (expected 2..16)");
          }
          if (width != info.columns() || height != info.rows()) {
            throw CodecErrors.mismatch(CODEC, pos + 3, "JPEG-LS frame is " + width + "x" + height + ", expected "
                + info.columns() + "x" + info.rows());
          }
          if (nf != info.samplesPerPixel()) {
            throw CodecErrors.mismatch(CODEC, pos + 7, "JPEG-LS frame has " + nf + " components, expected "
                + info.samplesPerPixel() + " (SamplesPerPixel)");
          }
          if (precision > info.bitsAllocated()) {
            throw CodecErrors.mismatch(CODEC, pos + 2, "sample precision " + precision + " exceeds BitsAllocated "
                + info.bitsAllocated());
          }
          componentIds = new int[nf];
          for (int i = 0; i < nf; i++) {
            componentIds[i] = d[pos + 8 + 3 * i] & 0xFF;
            int hv = d[pos + 9 + 3 * i] & 0xFF;
            if (hv != 0x11) {
              throw CodecErrors.unsupported(CODEC, pos + 9 + 3 * i, "component sampling 0x" + Integer.toHexString(hv)
                  + " (expected 1x1)");
            }
          }
        }
        case 0xF8 -> {
          int id = len >= 3 ? d[pos + 2] & 0xFF : -1;
          if (id != 1) {
            throw CodecErrors.unsupported(CODEC, markerPos, "LSE segment id " + id + " (only preset parameters, id 1)");
          }
          if (len != 13) {
            throw CodecErrors.malformed(CODEC, markerPos, "LSE preset parameters of length " + len + " (expected 13)");
          }
          for (int i = 0; i < 5; i++) {
            preset[i] = u16(d, pos + 3 + 2 * i);
          }
        }
        case 0xDD -> {
          if (len == 4 && u16(d, pos + 2) == 0) {
            break;
          }
          throw CodecErrors.unsupported(CODEC, markerPos, "restart intervals (DRI)");
        }
        case 0xDA -> {
          if (componentIds == null) {
            throw CodecErrors.malformed(CODEC, markerPos, "SOS before SOF55");
          }
          int ns = len >= 3 ? d[pos + 2] & 0xFF : 0;
          if (ns < 1 || ns > componentIds.length || len != 6 + 2 * ns) {
            throw CodecErrors.malformed(CODEC, markerPos, "SOS with " + ns + " components and length " + len);
          }
          int[] comps = new int[ns];
          for (int i = 0; i < ns; i++) {
            int cid = d[pos + 3 + 2 * i] & 0xFF;
            int idx = -1;
            for (int c = 0; c < componentIds.length; c++) {
              if (componentIds[c] == cid && !done[c]) {
                idx = c;
              }
            }
            for (int j = 0; j < i; j++) {
              if (comps[j] == idx) {
                idx = -1;
              }
            }
            if (idx < 0) {
              throw CodecErrors.malformed(CODEC, pos + 3 + 2 * i, "SOS names component id " + cid
                  + " that is not in the frame, repeats or was already decoded");
            }
            if (d[pos + 4 + 2 * i] != 0) {
              throw CodecErrors.unsupported(CODEC, pos + 4 + 2 * i, "mapping tables");
            }
            comps[i] = idx;
          }
          int p = pos + 3 + 2 * ns;
          int near = d[p] & 0xFF;
          int ilv = d[p + 1] & 0xFF;
          int pt = d[p + 2] & 0x0F;
          if (pt != 0) {
            throw CodecErrors.unsupported(CODEC, p + 2, "point transform " + pt);
          }
          if (ilv > 2 || (ilv == 0) != (ns == 1)) {
            throw CodecErrors.malformed(CODEC, p + 1, "interleave mode " + ilv + " with " + ns + " components");
          }
          if (out == null) {
            out = new byte[frameBytes];
          }
          JpegLsScan scan = new JpegLsScan(d, pos + len, info, precision, preset, near, ilv, comps, out);
          pos = scan.decode();
          for (int c : comps) {
            done[c] = true;
          }
          continue;
        }
        default -> {
          if (m < 0xE0 && m != 0xFE && m != 0xDC) {
            throw CodecErrors.unsupported(CODEC, markerPos, "marker 0xFF" + Integer.toHexString(m).toUpperCase());
          }
        }
      }
      pos += len;
    }
    for (int c = 0; c < done.length; c++) {
      if (!done[c]) {
        throw CodecErrors.truncated(CODEC, d.length, "a scan for component " + (c + 1));
      }
    }
    return out;
  }

  static int u16(byte[] d, int p) {
    return (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF);
  }
}
