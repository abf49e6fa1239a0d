package org.medai.imaging.internal.codec.j2k;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.medai.imaging.internal.codec.CodecErrors;

/**
 * Parses a JPEG 2000 codestream (ISO/IEC 15444-1 Annex A), optionally inside a JP2 file's box
 * structure: SIZ, COD, COC, QCD, QCC, RGN, POC, PPM and PPT are used; TLM, PLM, PLT, CRG and COM are
 * skipped. Every marker length is checked against the bytes that remain. The tile-parts of each
 * tile are gathered into one packet-data array (and one packet-header array when PPM/PPT are
 * present). Byte offsets in errors refer to the frame as given (JP2 boxes included). One instance
 * per decode call; not thread-safe.
 */
final class J2kCodestream {
  static final String CODEC = "JPEG 2000";
  /** Components the decoder accepts; DICOM has at most 4 samples per pixel. */
  static final int MAX_COMPONENTS = 4;

  /** One tile's gathered data. */
  static final class Tile {
    final int index;
    J2kParams.TileParams params;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    /** Pairs (offset in body, offset in frame) at each tile-part start, for error messages. */
    final List<long[]> bodyMap = new ArrayList<>();
    final TreeMap<Integer, byte[]> ppt = new TreeMap<>();
    ByteArrayOutputStream ppmHeaders;
    int partsSeen;

    Tile(int index) {
      this.index = index;
    }

    long frameOffset(int bodyPos) {
      long best = -1;
      for (long[] m : bodyMap) {
        if (m[0] <= bodyPos) {
          best = m[1] + (bodyPos - m[0]);
        }
      }
      return best;
    }
  }

  final byte[] d;
  final int base;
  final int end;
  final J2kParams.Siz siz = new J2kParams.Siz();
  J2kParams.TileParams main;
  final Tile[] tiles;
  private final TreeMap<Integer, byte[]> ppm = new TreeMap<>();
  private boolean ppmUsed;

  private J2kCodestream(byte[] d, int base, int end, int maxComponents) {
    this.d = d;
    this.base = base;
    this.end = end;
    int pos = base;
    if (pos + 4 > end || u16(pos) != 0xFF4F || u16(pos + 2) != 0xFF51) {
      throw CodecErrors.malformed(CODEC, pos, "expected SOC (0xFF4F) followed by SIZ (0xFF51)");
    }
    pos = readSiz(pos + 2, maxComponents);
    main = J2kParams.TileParams.empty(siz.csiz);
    boolean sawCod = false;
    boolean sawQcd = false;
    while (true) {
      if (pos + 2 > end) {
        throw CodecErrors.truncated(CODEC, pos, "a main-header marker or SOT");
      }
      int m = u16(pos);
      if (m == 0xFF90) {
        break;
      }
      int len = segmentLength(pos);
      int p = pos + 4;
      int segEnd = pos + 2 + len;
      switch (m) {
        case 0xFF52 -> {
          readCod(main, p, segEnd, pos);
          sawCod = true;
        }
        case 0xFF53 -> readCoc(main, p, segEnd, pos);
        case 0xFF5C -> {
          readQcd(main, p, segEnd, pos);
          sawQcd = true;
        }
        case 0xFF5D -> readQcc(main, p, segEnd, pos);
        case 0xFF5E -> readRgn(main, p, segEnd, pos);
        case 0xFF5F -> readPoc(main, p, segEnd, pos);
        case 0xFF60 -> {
          if (len < 3) {
            throw CodecErrors.malformed(CODEC, pos, "PPM segment of length " + len);
          }
          int z = d[p] & 0xFF;
          if (ppm.put(z, slice(p + 1, segEnd)) != null) {
            throw CodecErrors.malformed(CODEC, pos, "PPM index " + z + " repeats");
          }
          ppmUsed = true;
        }
        case 0xFF55, 0xFF57, 0xFF63, 0xFF64 -> {
          // TLM, PLM, CRG, COM: not needed to decode
        }
        default -> {
          if (m < 0xFF30 || m > 0xFF3F) {
            throw CodecErrors.unsupported(CODEC, pos, "main-header marker 0x" + Integer.toHexString(m).toUpperCase());
          }
        }
      }
      pos = segEnd;
    }
    if (!sawCod || !sawQcd) {
      throw CodecErrors.malformed(CODEC, pos, "main header lacks " + (sawCod ? "QCD" : "COD"));
    }
    for (int c = 0; c < siz.csiz; c++) {
      if (main.comp[c] == null || main.quant[c] == null) {
        throw CodecErrors.malformed(CODEC, pos, "no coding style or quantization for component " + c);
      }
    }
    tiles = new Tile[siz.numTiles()];
    readTileParts(pos);
    if (ppmUsed) {
      splitPpm();
    }
  }

  /** Parses {@code frame}, unwrapping a JP2 box structure when present. */
  static J2kCodestream parse(byte[] frame, int maxComponents) {
    int start = 0;
    int stop = frame.length;
    if (frame.length >= 12 && frame[0] == 0 && frame[1] == 0 && frame[2] == 0 && frame[3] == 12
        && frame[4] == 'j' && frame[5] == 'P' && frame[6] == ' ' && frame[7] == ' ') {
      int[] r = findJp2c(frame);
      start = r[0];
      stop = r[1];
    }
    return new J2kCodestream(frame, start, stop, maxComponents);
  }

  private static int[] findJp2c(byte[] f) {
    long pos = 0;
    while (pos + 8 <= f.length) {
      long len = ((f[(int) pos] & 0xFFL) << 24) | ((f[(int) pos + 1] & 0xFF) << 16) | ((f[(int) pos + 2] & 0xFF) << 8)
          | (f[(int) pos + 3] & 0xFF);
      int type = ((f[(int) pos + 4] & 0xFF) << 24) | ((f[(int) pos + 5] & 0xFF) << 16) | ((f[(int) pos + 6] & 0xFF) << 8)
          | (f[(int) pos + 7] & 0xFF);
      long header = 8;
      if (len == 1) {
        if (pos + 16 > f.length) {
          break;
        }
        len = 0;
        for (int i = 0; i < 8; i++) {
          len = (len << 8) | (f[(int) pos + 8 + i] & 0xFF);
        }
        header = 16;
      } else if (len == 0) {
        len = f.length - pos;
      }
      if (len < header || pos + len > f.length) {
        throw CodecErrors.truncated(CODEC, pos, "a JP2 box of " + len + " bytes (" + (f.length - pos) + " remain)");
      }
      if (type == 0x6A703263) {
        return new int[] {(int) (pos + header), (int) (pos + len)};
      }
      pos += len;
    }
    throw CodecErrors.malformed(CODEC, pos, "JP2 file without a contiguous codestream box (jp2c)");
  }

  private int readSiz(int pos, int maxComponents) {
    int len = segmentLength(pos);
    int p = pos + 4;
    if (len < 41) {
      throw CodecErrors.malformed(CODEC, pos, "SIZ of length " + len + " (expected at least 41)");
    }
    int rsiz = u16(p);
    if ((rsiz & 0x4000) != 0) {
      throw CodecErrors.unsupported(CODEC, p, "High-Throughput JPEG 2000 (Part 15) capabilities 0x" + Integer.toHexString(rsiz));
    }
    if ((rsiz & 0x8000) != 0) {
      throw CodecErrors.unsupported(CODEC, p, "Part 2 extensions (Rsiz 0x" + Integer.toHexString(rsiz) + ")");
    }
    siz.xsiz = u32(p + 2);
    siz.ysiz = u32(p + 6);
    siz.xo = u32(p + 10);
    siz.yo = u32(p + 14);
    siz.xt = u32(p + 18);
    siz.yt = u32(p + 22);
    siz.xto = u32(p + 26);
    siz.yto = u32(p + 30);
    siz.csiz = u16(p + 34);
    if (siz.xo >= siz.xsiz || siz.yo >= siz.ysiz || siz.xt == 0 || siz.yt == 0 || siz.xto > siz.xo || siz.yto > siz.yo
        || siz.xto + siz.xt <= siz.xo || siz.yto + siz.yt <= siz.yo) {
      throw CodecErrors.malformed(CODEC, p + 2, "SIZ image/tile geometry is inconsistent");
    }
    if (siz.csiz < 1 || siz.csiz > maxComponents || len != 38 + 3 * siz.csiz) {
      throw CodecErrors.malformed(CODEC, p + 34, "SIZ with " + siz.csiz + " components and length " + len
          + " (at most " + maxComponents + " components)");
    }
    long tx = (siz.xsiz - siz.xto + siz.xt - 1) / siz.xt;
    long ty = (siz.ysiz - siz.yto + siz.yt - 1) / siz.yt;
    if (tx * ty > 65535) {
      throw CodecErrors.malformed(CODEC, p + 18, "SIZ gives " + tx * ty + " tiles (at most 65535)");
    }
    siz.tilesX = (int) tx;
    siz.tilesY = (int) ty;
    siz.precision = new int[siz.csiz];
    siz.signed = new boolean[siz.csiz];
    for (int c = 0; c < siz.csiz; c++) {
      int s = d[p + 36 + 3 * c] & 0xFF;
      siz.precision[c] = (s & 0x7F) + 1;
      siz.signed[c] = (s & 0x80) != 0;
      if (siz.precision[c] > 16) {
        throw CodecErrors.unsupported(CODEC, p + 36 + 3 * c, "component precision " + siz.precision[c] + " (at most 16)");
      }
      int xr = d[p + 37 + 3 * c] & 0xFF;
      int yr = d[p + 38 + 3 * c] & 0xFF;
      if (xr != 1 || yr != 1) {
        throw CodecErrors.unsupported(CODEC, p + 37 + 3 * c, "component sub-sampling " + xr + "x" + yr + " (only 1x1)");
      }
    }
    return pos + 2 + len;
  }

  private void readCod(J2kParams.TileParams t, int p, int e, int at) {
    if (e - p < 10) {
      throw CodecErrors.malformed(CODEC, at, "COD shorter than 10 bytes");
    }
    t.scod = d[p] & 0xFF;
    t.progression = d[p + 1] & 0xFF;
    t.layers = u16(p + 2);
    t.mct = d[p + 4] & 0xFF;
    if (t.progression > 4 || t.layers == 0 || t.mct > 1 || (t.scod & ~7) != 0) {
      throw CodecErrors.malformed(CODEC, p, "COD progression " + t.progression + ", layers " + t.layers + ", MCT " + t.mct
          + ", Scod 0x" + Integer.toHexString(t.scod));
    }
    J2kParams.CompStyle s = readSpcod(p + 5, e, (t.scod & 1) != 0, at);
    for (int c = 0; c < t.comp.length; c++) {
      if (!t.cocSet[c]) {
        t.comp[c] = s.copy();
      }
    }
  }

  private void readCoc(J2kParams.TileParams t, int p, int e, int at) {
    int c = siz.csiz < 257 ? d[p] & 0xFF : u16(p);
    p += siz.csiz < 257 ? 1 : 2;
    if (c >= siz.csiz || p >= e) {
      throw CodecErrors.malformed(CODEC, at, "COC for component " + c + " of " + siz.csiz);
    }
    int scoc = d[p] & 0xFF;
    t.comp[c] = readSpcod(p + 1, e, (scoc & 1) != 0, at);
    t.cocSet[c] = true;
  }

  private J2kParams.CompStyle readSpcod(int p, int e, boolean precincts, int at) {
    if (p + 5 > e) {
      throw CodecErrors.malformed(CODEC, at, "coding style segment too short");
    }
    J2kParams.CompStyle s = new J2kParams.CompStyle();
    s.levels = d[p] & 0xFF;
    s.cbw = (d[p + 1] & 0xFF) + 2;
    s.cbh = (d[p + 2] & 0xFF) + 2;
    s.cbStyle = d[p + 3] & 0xFF;
    int transform = d[p + 4] & 0xFF;
    if (s.levels > 32 || s.cbw > 10 || s.cbh > 10 || s.cbw + s.cbh > 12 || transform > 1) {
      throw CodecErrors.malformed(CODEC, p, "coding style with " + s.levels + " levels, code-block 2^" + s.cbw + "x2^"
          + s.cbh + ", transform " + transform);
    }
    if ((s.cbStyle & 0xC0) != 0) {
      throw CodecErrors.unsupported(CODEC, p + 3, "code-block style 0x" + Integer.toHexString(s.cbStyle)
          + " (high-throughput or Part 2 bits)");
    }
    s.reversible = transform == 1;
    if (precincts) {
      if (p + 5 + s.levels + 1 > e) {
        throw CodecErrors.malformed(CODEC, at, "coding style lacks its " + (s.levels + 1) + " precinct sizes");
      }
      for (int r = 0; r <= s.levels; r++) {
        int v = d[p + 5 + r] & 0xFF;
        s.ppx[r] = v & 0xF;
        s.ppy[r] = v >> 4;
        if (r > 0 && (s.ppx[r] == 0 || s.ppy[r] == 0)) {
          throw CodecErrors.malformed(CODEC, p + 5 + r, "precinct size exponent 0 above resolution 0");
        }
      }
    } else {
      java.util.Arrays.fill(s.ppx, 15);
      java.util.Arrays.fill(s.ppy, 15);
    }
    return s;
  }

  private void readQcd(J2kParams.TileParams t, int p, int e, int at) {
    J2kParams.Quant q = readSpqcd(p, e, at);
    for (int c = 0; c < t.quant.length; c++) {
      if (!t.qccSet[c]) {
        t.quant[c] = q.copy();
      }
    }
  }

  private void readQcc(J2kParams.TileParams t, int p, int e, int at) {
    int c = siz.csiz < 257 ? d[p] & 0xFF : u16(p);
    p += siz.csiz < 257 ? 1 : 2;
    if (c >= siz.csiz) {
      throw CodecErrors.malformed(CODEC, at, "QCC for component " + c + " of " + siz.csiz);
    }
    t.quant[c] = readSpqcd(p, e, at);
    t.qccSet[c] = true;
  }

  private J2kParams.Quant readSpqcd(int p, int e, int at) {
    if (p >= e) {
      throw CodecErrors.malformed(CODEC, at, "quantization segment too short");
    }
    J2kParams.Quant q = new J2kParams.Quant();
    int s = d[p] & 0xFF;
    q.style = s & 0x1F;
    q.guardBits = s >> 5;
    p++;
    int n;
    switch (q.style) {
      case 0 -> n = e - p;
      case 1 -> n = 1;
      case 2 -> n = (e - p) / 2;
      default -> throw CodecErrors.malformed(CODEC, p - 1, "quantization style " + q.style);
    }
    if (n < 1 || n > 3 * 32 + 1 || (q.style != 0 && p + 2 * n > e)) {
      throw CodecErrors.malformed(CODEC, at, "quantization segment with " + n + " step sizes");
    }
    q.exponent = new int[n];
    q.mantissa = new int[n];
    for (int i = 0; i < n; i++) {
      if (q.style == 0) {
        q.exponent[i] = (d[p + i] & 0xFF) >> 3;
      } else {
        int v = u16(p + 2 * i);
        q.exponent[i] = v >> 11;
        q.mantissa[i] = v & 0x7FF;
      }
    }
    return q;
  }

  private void readRgn(J2kParams.TileParams t, int p, int e, int at) {
    int c = siz.csiz < 257 ? d[p] & 0xFF : u16(p);
    p += siz.csiz < 257 ? 1 : 2;
    if (c >= siz.csiz || p + 2 > e || d[p] != 0) {
      throw CodecErrors.malformed(CODEC, at, "RGN for component " + c + " (only style 0, max-shift)");
    }
    t.roiShift[c] = d[p + 1] & 0xFF;
  }

  private void readPoc(J2kParams.TileParams t, int p, int e, int at) {
    int cb = siz.csiz < 257 ? 1 : 2;
    int entry = 5 + 2 * cb;
    if ((e - p) % entry != 0 || e == p) {
      throw CodecErrors.malformed(CODEC, at, "POC length is not a multiple of " + entry);
    }
    for (; p < e; p += entry) {
      int rs = d[p] & 0xFF;
      int cs = cb == 1 ? d[p + 1] & 0xFF : u16(p + 1);
      int lye = u16(p + 1 + cb);
      int re = d[p + 3 + cb] & 0xFF;
      int ce = cb == 1 ? d[p + 4 + cb] & 0xFF : u16(p + 4 + cb);
      int order = d[p + 4 + 2 * cb] & 0xFF;
      if (order > 4) {
        throw CodecErrors.malformed(CODEC, p + 4 + 2 * cb, "POC progression order " + order);
      }
      if (ce == 0) {
        ce = 256;
      }
      t.pocs.add(new J2kParams.Poc(rs, cs, lye, re, Math.min(ce, siz.csiz), order));
    }
  }

  private void readTileParts(int pos) {
    while (pos + 2 <= end) {
      int m = u16(pos);
      if (m == 0xFFD9) {
        return;
      }
      if (m != 0xFF90) {
        throw CodecErrors.malformed(CODEC, pos, "expected SOT (0xFF90) or EOC, found 0x" + Integer.toHexString(m));
      }
      int sot = pos;
      int len = segmentLength(pos);
      if (len != 10) {
        throw CodecErrors.malformed(CODEC, pos, "SOT of length " + len + " (expected 10)");
      }
      int isot = u16(pos + 4);
      long psot = u32(pos + 6);
      if (isot >= tiles.length) {
        throw CodecErrors.malformed(CODEC, pos + 4, "tile index " + isot + " (the image has " + tiles.length + " tiles)");
      }
      long partEnd = psot == 0 ? end : sot + psot;
      if (psot != 0 && psot < 14 || partEnd > end) {
        if (partEnd > end && psot != 0) {
          throw CodecErrors.truncated(CODEC, pos + 6, "a tile-part of " + psot + " bytes (" + (end - sot) + " remain)");
        }
        throw CodecErrors.malformed(CODEC, pos + 6, "tile-part length " + psot);
      }
      Tile t = tiles[isot];
      if (t == null) {
        t = tiles[isot] = new Tile(isot);
        t.params = main.copy();
      }
      boolean first = t.partsSeen == 0;
      t.partsSeen++;
      pos += 12;
      while (true) {
        if (pos + 2 > partEnd) {
          throw CodecErrors.truncated(CODEC, pos, "a tile-part header marker or SOD");
        }
        int mm = u16(pos);
        if (mm == 0xFF93) {
          pos += 2;
          break;
        }
        int l = segmentLength(pos);
        int p = pos + 4;
        int segEnd = pos + 2 + l;
        if (segEnd > partEnd) {
          throw CodecErrors.truncated(CODEC, pos, "a marker segment inside the tile-part");
        }
        switch (mm) {
          case 0xFF52 -> {
            if (first) {
              readCod(t.params, p, segEnd, pos);
            }
          }
          case 0xFF53 -> {
            if (first) {
              readCoc(t.params, p, segEnd, pos);
            }
          }
          case 0xFF5C -> {
            if (first) {
              readQcd(t.params, p, segEnd, pos);
            }
          }
          case 0xFF5D -> {
            if (first) {
              readQcc(t.params, p, segEnd, pos);
            }
          }
          case 0xFF5E -> readRgn(t.params, p, segEnd, pos);
          case 0xFF5F -> {
            if (first) {
              t.params.pocs = new ArrayList<>();
            }
            readPoc(t.params, p, segEnd, pos);
          }
          case 0xFF61 -> {
            if (l < 3) {
              throw CodecErrors.malformed(CODEC, pos, "PPT segment of length " + l);
            }
            if (t.ppt.put(d[p] & 0xFF, slice(p + 1, segEnd)) != null) {
              throw CodecErrors.malformed(CODEC, pos, "PPT index " + (d[p] & 0xFF) + " repeats in tile " + isot);
            }
          }
          case 0xFF58, 0xFF64 -> {
            // PLT, COM
          }
          default -> throw CodecErrors.malformed(CODEC, pos, "marker 0x" + Integer.toHexString(mm).toUpperCase()
              + " in a tile-part header");
        }
        pos = segEnd;
      }
      int dataEnd = (int) partEnd;
      if (psot == 0 && dataEnd - 2 >= pos && u16(dataEnd - 2) == 0xFFD9) {
        dataEnd -= 2;
      }
      t.bodyMap.add(new long[] {t.body.size(), pos});
      t.body.write(d, pos, dataEnd - pos);
      if (ppmUsed) {
        if (t.ppmHeaders == null) {
          t.ppmHeaders = new ByteArrayOutputStream();
        }
        ppmOrder.add(isot);
      }
      pos = (int) partEnd;
    }
  }

  private final List<Integer> ppmOrder = new ArrayList<>();

  /** PPM holds, per tile-part in codestream order, a 4-byte length and that tile-part's headers. */
  private void splitPpm() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] b : ppm.values()) {
      all.writeBytes(b);
    }
    byte[] a = all.toByteArray();
    int p = 0;
    for (int tile : ppmOrder) {
      if (p + 4 > a.length) {
        throw CodecErrors.truncated(CODEC, base, "PPM packet headers for every tile-part");
      }
      long n = ((a[p] & 0xFFL) << 24) | ((a[p + 1] & 0xFF) << 16) | ((a[p + 2] & 0xFF) << 8) | (a[p + 3] & 0xFF);
      p += 4;
      if (n > a.length - p) {
        throw CodecErrors.truncated(CODEC, base, "PPM headers of " + n + " bytes (" + (a.length - p) + " remain)");
      }
      tiles[tile].ppmHeaders.write(a, p, (int) n);
      p += (int) n;
    }
  }

  /** The packet headers of tile {@code t} when PPM or PPT hold them, else null (in-band headers). */
  static byte[] packedHeaders(Tile t) {
    if (t.ppmHeaders != null) {
      return t.ppmHeaders.toByteArray();
    }
    if (t.ppt.isEmpty()) {
      return null;
    }
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] b : t.ppt.values()) {
      o.writeBytes(b);
    }
    return o.toByteArray();
  }

  private byte[] slice(int from, int to) {
    return java.util.Arrays.copyOfRange(d, from, to);
  }

  private int segmentLength(int pos) {
    if (pos + 4 > end) {
      throw CodecErrors.truncated(CODEC, pos, "a marker segment length");
    }
    int len = u16(pos + 2);
    if (len < 2 || pos + 2 + len > end) {
      throw CodecErrors.truncated(CODEC, pos, "a marker segment of " + len + " bytes (" + (end - pos - 2) + " remain)");
    }
    return len;
  }

  int u16(int p) {
    return (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF);
  }

  long u32(int p) {
    return ((d[p] & 0xFFL) << 24) | ((d[p + 1] & 0xFF) << 16) | ((d[p + 2] & 0xFF) << 8) | (d[p + 3] & 0xFF);
  }
}
