package org.medai.imaging.internal.codec.j2k;

import org.medai.imaging.internal.codec.CodecErrors;
import org.medai.imaging.io.dicom.codec.FrameDecoder;
import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * JPEG 2000 Part 1 (ISO/IEC 15444-1) decoder for DICOM frames: a raw codestream or one wrapped in
 * JP2 boxes; 1 to 4 components without sub-sampling, precision 1-16 bits, signed or unsigned;
 * reversible 5/3 and irreversible 9/7 wavelets with any number of levels, any tiling, tile-parts,
 * precincts, code-block styles, progression orders and POC, quality layers (all decoded),
 * SOP/EPH, PPM/PPT, ROI max-shift, RCT/ICT. The irreversible path follows OpenJPEG 2.5's float32
 * arithmetic, so lossy frames decode exactly as {@code opj_decompress} (and hence GDCM and
 * pydicom's OpenJPEG-based handlers) decode them.
 *
 * <p>Output: stored values, little-endian, samples interleaved (colour transformed back to RGB
 * when the codestream's MCT flag is set, as YBR_RCT/YBR_ICT frames are), clamped to the component
 * precision, then kept in min(precision, BitsStored) bits and sign-extended when
 * PixelRepresentation is 1, like the other codecs. Streams the decoder does not implement (HTJ2K, Part 2, sub-sampled
 * components, precision above 16) throw {@code MEDAI-CODEC-003}; malformed or truncated ones
 * {@code MEDAI-CODEC-002}/{@code -001}, disagreement with the Image Pixel module {@code -004}, all
 * {@link org.medai.imaging.io.dicom.DicomFormatException}s with the byte offset where known.
 *
 * <p>Stateless and thread-safe; each call allocates the output frame, one coefficient plane per
 * component of the largest tile (4 bytes per sample) and small per-call tier-1 buffers.
 */
public final class J2kDecoder implements FrameDecoder {
  static final String CODEC = J2kCodestream.CODEC;

  @Override
  public byte[] decode(byte[] compressed, FrameInfo info) {
    int frameBytes = CodecErrors.checkedFrameBytes(CODEC, info);
    J2kCodestream cs = J2kCodestream.parse(compressed, J2kCodestream.MAX_COMPONENTS);
    J2kParams.Siz s = cs.siz;
    long width = s.xsiz - s.xo;
    long height = s.ysiz - s.yo;
    if (width != info.columns() || height != info.rows()) {
      throw CodecErrors.mismatch(CODEC, cs.base + 6, "JPEG 2000 image is " + width + "x" + height + ", expected "
          + info.columns() + "x" + info.rows());
    }
    if (s.csiz != info.samplesPerPixel()) {
      throw CodecErrors.mismatch(CODEC, cs.base + 40, "JPEG 2000 image has " + s.csiz + " components, expected "
          + info.samplesPerPixel() + " (SamplesPerPixel)");
    }
    for (int c = 0; c < s.csiz; c++) {
      if (s.precision[c] > info.bitsAllocated()) {
        throw CodecErrors.mismatch(CODEC, cs.base + 42 + 3 * c, "component precision " + s.precision[c]
            + " exceeds BitsAllocated " + info.bitsAllocated());
      }
    }
    byte[] out = new byte[frameBytes];
    Work work = new Work();
    for (int i = 0; i < cs.tiles.length; i++) {
      if (cs.tiles[i] == null) {
        throw CodecErrors.truncated(CODEC, compressed.length, "tile " + i + " of " + cs.tiles.length);
      }
      J2kTile t = new J2kTile(cs, cs.tiles[i]);
      t.decodePackets();
      decodeTile(t, s, info, out, work);
    }
    return out;
  }

  /** Per-call reusable buffers. */
  private static final class Work {
    final J2kTier1 t1 = new J2kTier1();
    final J2kDwt dwt = new J2kDwt();
    final int[] cbOut = new int[4096];
    int[] cbChunks = new int[64];
    int[][] ibuf = new int[J2kCodestream.MAX_COMPONENTS][];
    /** Irreversible planes as one array per row (the vertical lifting permutes and lifts whole rows). */
    float[][][] fbuf = new float[J2kCodestream.MAX_COMPONENTS][][];
    int[] row = new int[0];

    short[] shortRow = new short[0];
    java.nio.ShortBuffer les;
    byte[] lesOf;

    short[] shortRow(int n) {
      if (shortRow.length < n) {
        shortRow = new short[n];
      }
      return shortRow;
    }

    /** Little-endian 16-bit view of the output frame (bulk puts copy, no per-sample calls). */
    java.nio.ShortBuffer les(byte[] out) {
      if (lesOf != out) {
        les = java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        lesOf = out;
      }
      return les;
    }

    int[] row(int n) {
      if (row.length < n) {
        row = new int[n];
      }
      return row;
    }
  }

  private static void decodeTile(J2kTile t, J2kParams.Siz s, FrameInfo info, byte[] out, Work w) {
    int nc = t.comps.length;
    int tw = t.tx1 - t.tx0;
    int th = t.ty1 - t.ty0;
    int area = tw * th;
    for (int c = 0; c < nc; c++) {
      J2kTile.Comp k = t.comps[c];
      boolean rev = k.style.reversible;
      if (rev) {
        if (w.ibuf[c] == null || w.ibuf[c].length < area) {
          w.ibuf[c] = new int[area];
        } else {
          java.util.Arrays.fill(w.ibuf[c], 0, area, 0);
        }
      } else {
        if (w.fbuf[c] == null || w.fbuf[c].length < th || w.fbuf[c][0].length < tw) {
          w.fbuf[c] = new float[th][tw];
        } else {
          for (int y = 0; y < th; y++) {
            java.util.Arrays.fill(w.fbuf[c][y], 0, tw, 0f);
          }
        }
      }
      for (int r = 0; r <= k.levels; r++) {
        for (J2kTile.Band band : k.res[r].bands) {
          decodeBand(t, k, band, s.precision[c], tw, rev ? w.ibuf[c] : null, rev ? null : w.fbuf[c], w);
        }
      }
      int[][] res = new int[k.levels + 1][];
      for (int r = 0; r <= k.levels; r++) {
        J2kTile.Res rr = k.res[r];
        res[r] = new int[] {rr.x0, rr.y0, rr.x1, rr.y1};
      }
      if (rev) {
        w.dwt.inverse53(w.ibuf[c], tw, res);
      } else {
        w.dwt.inverse97(w.fbuf[c], tw, res);
      }
    }
    boolean rev0 = t.comps[0].style.reversible;
    if (t.p.mct == 1 && nc >= 3) {
      if (t.comps[1].style.reversible != rev0 || t.comps[2].style.reversible != rev0) {
        throw CodecErrors.unsupported(CODEC, -1, "a colour transform over components with different wavelets");
      }
      if (rev0) {
        rct(w.ibuf[0], w.ibuf[1], w.ibuf[2], area);
      } else {
        for (int y = 0; y < th; y++) {
          ict(w.fbuf[0][y], w.fbuf[1][y], w.fbuf[2][y], tw);
        }
      }
    }
    int bps = info.bytesPerSample();
    int spp = nc;
    int cols = info.columns();
    int ox = (int) (t.tx0 - s.xo);
    int oy = (int) (t.ty0 - s.yo);
    for (int c = 0; c < nc; c++) {
      int prec = s.precision[c];
      boolean signed = s.signed[c];
      int dc = signed ? 0 : 1 << (prec - 1);
      int min = signed ? -(1 << (prec - 1)) : 0;
      int max = signed ? (1 << (prec - 1)) - 1 : (1 << prec) - 1;
      // stored-value rule of the other codecs: keep min(precision, BitsStored) bits, sign from PixelRepresentation
      int keep = 32 - Math.min(prec, info.bitsStored());
      boolean dicomSigned = info.signed();
      boolean rev = t.comps[c].style.reversible;
      int[] ib = w.ibuf[c];
      float[][] fb = w.fbuf[c];
      int[] row = w.row(tw);
      // Irreversible samples: lrintf (round half to even: Math.rint of the float, exact), clamped
      // before the level shift, so the int conversion's saturation at +-2^31 cannot wrap.
      // The bit-keeping step changes nothing when both ends of the clamped range survive it.
      boolean keepsAll = dicomSigned
          ? (min << keep) >> keep == min && (max << keep) >> keep == max
          : (min << keep) >>> keep == min && (max << keep) >>> keep == max;
      if (!rev && keepsAll && bps == 2 && spp == 1) {
        // the common lossy case (one 16-bit component), fused: round, clamp, store one row
        short[] sr = w.shortRow(tw);
        int lo = min - dc;
        int hi = max - dc;
        java.nio.ShortBuffer les = w.les(out);
        for (int y = 0; y < th; y++) {
          float[] fr = fb[y];
          for (int x = 0; x < tw; x++) {
            int v = (int) Math.rint(fr[x]);
            sr[x] = (short) (Math.min(Math.max(v, lo), hi) + dc);
          }
          les.put((oy + y) * cols + ox, sr, 0, tw);
        }
        continue;
      }
      for (int y = 0; y < th; y++) {
        int si = y * tw;
        if (rev) {
          for (int x = 0; x < tw; x++) {
            int v = ib[si + x] + dc;
            row[x] = v < min ? min : Math.min(v, max);
          }
        } else {
          float[] fr = fb[y];
          for (int x = 0; x < tw; x++) {
            row[x] = Math.min(Math.max((int) Math.rint(fr[x]), min - dc), max - dc) + dc;
          }
        }
        if (keepsAll) {
          // nothing to do
        } else if (dicomSigned) {
          for (int x = 0; x < tw; x++) {
            row[x] = (row[x] << keep) >> keep;
          }
        } else {
          for (int x = 0; x < tw; x++) {
            row[x] = (row[x] << keep) >>> keep;
          }
        }
        int di = ((oy + y) * cols + ox) * spp + c;
        if (bps == 1) {
          for (int x = 0; x < tw; x++, di += spp) {
            out[di] = (byte) row[x];
          }
        } else if (bps == 2 && spp == 1) {
          short[] sr = w.shortRow(tw);
          for (int x = 0; x < tw; x++) {
            sr[x] = (short) row[x];
          }
          w.les(out).put(di, sr, 0, tw);
        } else if (bps == 2) {
          for (int x = 0; x < tw; x++, di += spp) {
            int v = row[x];
            out[2 * di] = (byte) v;
            out[2 * di + 1] = (byte) (v >> 8);
          }
        } else {
          for (int x = 0; x < tw; x++, di += spp) {
            int v = row[x];
            int o = 4 * di;
            out[o] = (byte) v;
            out[o + 1] = (byte) (v >> 8);
            out[o + 2] = (byte) (v >> 16);
            out[o + 3] = (byte) (v >> 24);
          }
        }
      }
    }
  }

  private static void decodeBand(J2kTile t, J2kTile.Comp k, J2kTile.Band band, int precision, int stride, int[] ib,
                                 float[][] fb, Work w) {
    int ncb = band.ncbx * band.ncby;
    float step = 0f;
    if (fb != null) {
      int bandIdx = band.index;
      int level = band.orient == 0 ? k.levels : k.levels - (bandIdx + 2) / 3 + 1;
      int exp = k.quant.exponent(bandIdx, k.levels, level);
      int mant = k.quant.mantissa(bandIdx);
      step = 0.5f * (float) ((1.0 + mant / 2048.0) * Math.pow(2.0, precision - exp));
    }
    int roi = k.roi;
    for (int cb = 0; cb < ncb; cb++) {
      int head = band.head[cb];
      if (head < 0) {
        continue;
      }
      int gx = cb % band.ncbx;
      int gy = cb / band.ncbx;
      int x0 = (int) Math.max(band.x0, (band.cbx0 + gx) << band.cbw);
      int y0 = (int) Math.max(band.y0, (band.cby0 + gy) << band.cbh);
      int x1 = (int) Math.min(band.x1, (band.cbx0 + gx + 1) << band.cbw);
      int y1 = (int) Math.min(band.y1, (band.cby0 + gy + 1) << band.cbh);
      int cw = x1 - x0;
      int ch = y1 - y0;
      int planes = band.mb - band.zbp[cb] + roi;
      if (planes > 30) {
        throw CodecErrors.unsupported(CODEC, -1, planes + " magnitude bit-planes in a code-block of tile " + t.src.index
            + " (at most 30)");
      }
      if (planes <= 0) {
        continue;
      }
      int n = 0;
      for (int id = head; id >= 0; id = t.chunks[5 * id + 4]) {
        if (4 * n + 4 > w.cbChunks.length) {
          w.cbChunks = java.util.Arrays.copyOf(w.cbChunks, w.cbChunks.length * 2);
        }
        System.arraycopy(t.chunks, 5 * id, w.cbChunks, 4 * n, 4);
        n++;
      }
      w.t1.decode(t.body, w.cbChunks, n, cw, ch, band.orient, k.style.cbStyle, planes);
      int base = (band.offY + y0 - band.y0) * stride + band.offX + x0 - band.x0;
      if (roi == 0) {
        if (ib != null) {
          w.t1.writeReversible(ib, base, stride);
        } else {
          w.t1.writeIrreversible(fb, band.offY + y0 - band.y0, band.offX + x0 - band.x0, step);
        }
        continue;
      }
      int[] v = w.cbOut;
      w.t1.writeHalfUnits(v, 0, cw);
      int thresh = 1 << (roi + 1);
      for (int i = 0; i < cw * ch; i++) {
        int a = Math.abs(v[i]);
        if (a >= thresh) {
          a >>= roi;
          v[i] = v[i] < 0 ? -a : a;
        }
      }
      for (int y = 0; y < ch; y++) {
        int o = base + y * stride;
        int vi = y * cw;
        if (ib != null) {
          for (int x = 0; x < cw; x++) {
            ib[o + x] = v[vi + x] / 2;
          }
        } else {
          for (int x = 0; x < cw; x++) {
            fb[band.offY + y0 - band.y0 + y][band.offX + x0 - band.x0 + x] = (float) v[vi + x] * step;
          }
        }
      }
    }
  }

  private static void rct(int[] y0, int[] y1, int[] y2, int n) {
    for (int i = 0; i < n; i++) {
      int y = y0[i];
      int u = y1[i];
      int v = y2[i];
      int g = y - ((u + v) >> 2);
      y0[i] = v + g;
      y1[i] = g;
      y2[i] = u + g;
    }
  }

  private static void ict(float[] c0, float[] c1, float[] c2, int n) {
    for (int i = 0; i < n; i++) {
      float y = c0[i];
      float u = c1[i];
      float v = c2[i];
      c0[i] = y + v * 1.402f;
      c1[i] = y - u * 0.34413f - v * 0.71414f;
      c2[i] = y + u * 1.772f;
    }
  }
}
