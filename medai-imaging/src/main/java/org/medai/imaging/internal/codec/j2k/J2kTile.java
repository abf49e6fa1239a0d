package org.medai.imaging.internal.codec.j2k;

import java.util.List;
import org.medai.imaging.internal.codec.CodecErrors;

/**
 * One tile's geometry (tile-components, resolutions, sub-bands, precincts, code-blocks; ISO/IEC
 * 15444-1 Annex B) and its tier-2 decoding: packets in any of the five progression orders, with
 * POC changes, SOP/EPH markers and packet headers in-band or from PPM/PPT. Code-block state is
 * kept in flat int arrays per sub-band; tag trees are made on a precinct's first packet; the data
 * of each code-block is a chain of chunks (offset, length, first pass, passes) into the tile's
 * packet data. Confined to one decode call; not thread-safe.
 */
final class J2kTile {
  static final String CODEC = J2kCodestream.CODEC;

  static final class Comp {
    int x0;
    int y0;
    int x1;
    int y1;
    int levels;
    J2kParams.CompStyle style;
    J2kParams.Quant quant;
    int roi;
    Res[] res;
  }

  static final class Res {
    int x0;
    int y0;
    int x1;
    int y1;
    int ppx;
    int ppy;
    int pw;
    int ph;
    long px0;
    long py0;
    Band[] bands;
    int[] layersDone;
  }

  static final class Band {
    int orient;
    int index;
    int x0;
    int y0;
    int x1;
    int y1;
    int cbw;
    int cbh;
    long cbx0;
    long cby0;
    int ncbx;
    int ncby;
    int offX;
    int offY;
    int mb;
    int[] passes;
    int[] lblock;
    int[] zbp;
    int[] head;
    int[] tail;
    TagTree[] incl;
    TagTree[] zbpTree;
  }

  final J2kCodestream.Tile src;
  final J2kParams.TileParams p;
  final int tx0;
  final int ty0;
  final int tx1;
  final int ty1;
  final Comp[] comps;
  final byte[] body;
  private final byte[] headers;
  private final PacketBits bits = new PacketBits();
  private int bodyPos;
  /** Chunks: offset, length, first pass, passes, next chunk (-1 ends). */
  int[] chunks = new int[5 * 64];
  int nChunks;
  private int[] pending = new int[5 * 64];
  private int nPending;
  /** Progression steps taken and allowed: bounds the loops a hostile POC or precinct layout can cause. */
  private long steps;
  private final long maxSteps;

  J2kTile(J2kCodestream cs, J2kCodestream.Tile t) {
    src = t;
    p = t.params;
    J2kParams.Siz s = cs.siz;
    int tix = t.index % s.tilesX;
    int tiy = t.index / s.tilesX;
    tx0 = (int) Math.max(s.xto + tix * s.xt, s.xo);
    ty0 = (int) Math.max(s.yto + tiy * s.yt, s.yo);
    tx1 = (int) Math.min(s.xto + (tix + 1) * s.xt, s.xsiz);
    ty1 = (int) Math.min(s.yto + (tiy + 1) * s.yt, s.ysiz);
    body = t.body.toByteArray();
    headers = J2kCodestream.packedHeaders(t);
    if (headers != null) {
      bits.reset(headers, 0, headers.length, t, false);
    }
    maxSteps = 4_000_000L + 64L * (body.length + (headers == null ? 0 : headers.length));
    comps = new Comp[s.csiz];
    for (int c = 0; c < s.csiz; c++) {
      comps[c] = buildComp(c, s.precision[c]);
    }
  }

  private Comp buildComp(int c, int precision) {
    Comp k = new Comp();
    k.x0 = tx0;
    k.y0 = ty0;
    k.x1 = tx1;
    k.y1 = ty1;
    k.style = p.comp[c];
    k.quant = p.quant[c];
    k.levels = k.style.levels;
    k.roi = p.roiShift[c];
    int nl = k.levels;
    if (k.quant.style == 0 || k.quant.style == 2) {
      if (k.quant.exponent.length < 3 * nl + 1) {
        throw CodecErrors.malformed(CODEC, -1, "quantization of component " + c + " gives " + k.quant.exponent.length
            + " step sizes for " + (3 * nl + 1) + " sub-bands");
      }
    }
    k.res = new Res[nl + 1];
    int bandIndex = 0;
    for (int r = 0; r <= nl; r++) {
      Res res = new Res();
      int n = nl - r;
      res.x0 = ceilShift(tx0, n);
      res.y0 = ceilShift(ty0, n);
      res.x1 = ceilShift(tx1, n);
      res.y1 = ceilShift(ty1, n);
      res.ppx = k.style.ppx[r];
      res.ppy = k.style.ppy[r];
      if (res.x1 > res.x0 && res.y1 > res.y0) {
        res.px0 = res.x0 >> res.ppx;
        res.py0 = res.y0 >> res.ppy;
        long pw = ((res.x1 + (1L << res.ppx) - 1) >> res.ppx) - res.px0;
        long ph = ((res.y1 + (1L << res.ppy) - 1) >> res.ppy) - res.py0;
        if (pw * ph > (long) (res.x1 - res.x0) * (res.y1 - res.y0)) {
          throw CodecErrors.malformed(CODEC, -1, "precinct grid larger than its resolution");
        }
        res.pw = (int) pw;
        res.ph = (int) ph;
      }
      res.layersDone = new int[res.pw * res.ph];
      int nb = r == 0 ? 1 : 3;
      res.bands = new Band[nb];
      for (int b = 0; b < nb; b++) {
        int orient = r == 0 ? 0 : b + 1;
        Band band = new Band();
        band.orient = orient;
        band.index = bandIndex++;
        int level = r == 0 ? nl : nl - r + 1;
        int xob = orient & 1;
        int yob = orient >> 1;
        if (r == 0) {
          band.x0 = res.x0;
          band.y0 = res.y0;
          band.x1 = res.x1;
          band.y1 = res.y1;
        } else {
          long half = 1L << (level - 1);
          band.x0 = ceilDiv(tx0 - half * xob, level);
          band.y0 = ceilDiv(ty0 - half * yob, level);
          band.x1 = ceilDiv(tx1 - half * xob, level);
          band.y1 = ceilDiv(ty1 - half * yob, level);
        }
        if (r == 0) {
          band.cbw = Math.min(k.style.cbw, res.ppx);
          band.cbh = Math.min(k.style.cbh, res.ppy);
        } else {
          band.cbw = Math.min(k.style.cbw, res.ppx - 1);
          band.cbh = Math.min(k.style.cbh, res.ppy - 1);
        }
        int exp = k.quant.exponent(band.index, nl, level);
        band.mb = k.quant.guardBits + exp - 1;
        if (exp < 0 || exp > 31) {
          throw CodecErrors.malformed(CODEC, -1, "quantization exponent " + exp + " for sub-band " + band.index);
        }
        if (r > 0) {
          Res low = k.res[r - 1];
          band.offX = (orient & 1) != 0 ? low.x1 - low.x0 : 0;
          band.offY = (orient & 2) != 0 ? low.y1 - low.y0 : 0;
        }
        if (band.x1 > band.x0 && band.y1 > band.y0) {
          band.cbx0 = band.x0 >> band.cbw;
          band.cby0 = band.y0 >> band.cbh;
          band.ncbx = (int) (((band.x1 + (1L << band.cbw) - 1) >> band.cbw) - band.cbx0);
          band.ncby = (int) (((band.y1 + (1L << band.cbh) - 1) >> band.cbh) - band.cby0);
        }
        int ncb = band.ncbx * band.ncby;
        band.passes = new int[ncb];
        band.lblock = new int[ncb];
        band.zbp = new int[ncb];
        band.head = new int[ncb];
        band.tail = new int[ncb];
        java.util.Arrays.fill(band.lblock, 3);
        java.util.Arrays.fill(band.head, -1);
        band.incl = new TagTree[res.pw * res.ph];
        band.zbpTree = new TagTree[res.pw * res.ph];
        res.bands[b] = band;
      }
      k.res[r] = res;
    }
    return k;
  }

  static int ceilShift(long v, int n) {
    return (int) ((v + (1L << n) - 1) >> n);
  }

  private static int ceilDiv(long v, int n) {
    long d = 1L << n;
    return (int) Math.floorDiv(v + d - 1, d);
  }

  // ---------------------------------------------------------------- tier-2

  /** Decodes every packet of the tile in its progression order(s). */
  void decodePackets() {
    int maxRes = 0;
    for (Comp k : comps) {
      maxRes = Math.max(maxRes, k.levels + 1);
    }
    List<J2kParams.Poc> pocs = p.pocs.isEmpty()
        ? List.of(new J2kParams.Poc(0, 0, p.layers, maxRes, comps.length, p.progression)) : p.pocs;
    for (J2kParams.Poc poc : pocs) {
      int le = Math.min(poc.layerEnd(), p.layers);
      int rs = poc.resStart();
      int re = Math.min(poc.resEnd(), maxRes);
      int cs = poc.compStart();
      int ce = Math.min(poc.compEnd(), comps.length);
      if (le <= 0 || rs >= re || cs >= ce) {
        continue;
      }
      switch (poc.order()) {
        case 0 -> {
          for (int l = 0; l < le; l++) {
            for (int r = rs; r < re; r++) {
              for (int c = cs; c < ce; c++) {
                allPrecincts(l, r, c);
              }
            }
          }
        }
        case 1 -> {
          for (int r = rs; r < re; r++) {
            for (int l = 0; l < le; l++) {
              for (int c = cs; c < ce; c++) {
                allPrecincts(l, r, c);
              }
            }
          }
        }
        default -> positional(poc.order(), le, rs, re, cs, ce);
      }
    }
  }

  private void allPrecincts(int l, int r, int c) {
    Comp k = comps[c];
    if (r > k.levels) {
      return;
    }
    Res res = k.res[r];
    for (int i = 0; i < res.pw * res.ph; i++) {
      packet(l, r, c, i);
    }
  }

  private void positional(int order, int le, int rs, int re, int cs, int ce) {
    long dx = Long.MAX_VALUE;
    long dy = Long.MAX_VALUE;
    for (int c = cs; c < ce; c++) {
      Comp k = comps[c];
      for (int r = rs; r < Math.min(re, k.levels + 1); r++) {
        int n = k.levels - r;
        dx = Math.min(dx, 1L << Math.min(k.res[r].ppx + n, 40));
        dy = Math.min(dy, 1L << Math.min(k.res[r].ppy + n, 40));
      }
    }
    if (dx == Long.MAX_VALUE) {
      return;
    }
    switch (order) {
      case 2 -> {
        for (int r = rs; r < re; r++) {
          for (long y = ty0; y < ty1; y += dy - (y % dy)) {
            for (long x = tx0; x < tx1; x += dx - (x % dx)) {
              for (int c = cs; c < ce; c++) {
                layers(le, r, c, x, y);
              }
            }
          }
        }
      }
      case 3 -> {
        for (long y = ty0; y < ty1; y += dy - (y % dy)) {
          for (long x = tx0; x < tx1; x += dx - (x % dx)) {
            for (int c = cs; c < ce; c++) {
              for (int r = rs; r < re; r++) {
                layers(le, r, c, x, y);
              }
            }
          }
        }
      }
      default -> {
        for (int c = cs; c < ce; c++) {
          for (long y = ty0; y < ty1; y += dy - (y % dy)) {
            for (long x = tx0; x < tx1; x += dx - (x % dx)) {
              for (int r = rs; r < re; r++) {
                layers(le, r, c, x, y);
              }
            }
          }
        }
      }
    }
  }

  private void step() {
    if (++steps > maxSteps) {
      throw CodecErrors.malformed(CODEC, src.frameOffset(bodyPos), "the progression of tile " + src.index
          + " needs more than " + maxSteps + " steps for " + body.length + " bytes of packet data");
    }
  }

  private void layers(int le, int r, int c, long x, long y) {
    step();
    Comp k = comps[c];
    if (r > k.levels) {
      return;
    }
    Res res = k.res[r];
    if (res.pw == 0 || res.ph == 0) {
      return;
    }
    int n = k.levels - r;
    long xs = 1L << Math.min(res.ppx + n, 40);
    long ys = 1L << Math.min(res.ppy + n, 40);
    boolean xOk = x % xs == 0 || (x == tx0 && (((long) res.x0 << n) % xs) != 0);
    boolean yOk = y % ys == 0 || (y == ty0 && (((long) res.y0 << n) % ys) != 0);
    if (!xOk || !yOk) {
      return;
    }
    long kx = (ceilShift(x, n) >> res.ppx) - res.px0;
    long ky = (ceilShift(y, n) >> res.ppy) - res.py0;
    if (kx < 0 || ky < 0 || kx >= res.pw || ky >= res.ph) {
      return;
    }
    int prec = (int) (ky * res.pw + kx);
    for (int l = 0; l < le; l++) {
      packet(l, r, c, prec);
    }
  }

  private void packet(int l, int r, int c, int prec) {
    step();
    Res res = comps[c].res[r];
    if (l < res.layersDone[prec]) {
      return;
    }
    if (l > res.layersDone[prec]) {
      throw CodecErrors.malformed(CODEC, src.frameOffset(bodyPos), "progression skips layer " + res.layersDone[prec]
          + " of a precinct in tile " + src.index);
    }
    res.layersDone[prec]++;
    if (p.sop() && bodyPos + 6 <= body.length && (body[bodyPos] & 0xFF) == 0xFF && (body[bodyPos + 1] & 0xFF) == 0x91) {
      bodyPos += 6;
    }
    boolean inBand = headers == null;
    if (inBand) {
      bits.reset(body, bodyPos, body.length, src, true);
    }
    bits.start();
    nPending = 0;
    if (bits.bit() != 0) {
      readHeader(res, c, l, prec);
    }
    bits.align();
    if (p.eph() && bits.pos + 2 <= bits.end && (bits.d[bits.pos] & 0xFF) == 0xFF && (bits.d[bits.pos + 1] & 0xFF) == 0x92) {
      bits.pos += 2;
    }
    if (inBand) {
      bodyPos = bits.pos;
    }
    for (int i = 0; i < nPending; i++) {
      int o = 5 * i;
      Band band = res.bands[pending[o]];
      int cb = pending[o + 1];
      int len = pending[o + 4];
      if (len > body.length - bodyPos) {
        throw CodecErrors.truncated(CODEC, src.frameOffset(bodyPos), "code-block data of " + len + " bytes in tile "
            + src.index + " (" + (body.length - bodyPos) + " remain)");
      }
      addChunk(band, cb, bodyPos, len, pending[o + 2], pending[o + 3]);
      bodyPos += len;
    }
  }

  private void readHeader(Res res, int c, int layer, int prec) {
    long kx = prec % res.pw + res.px0;
    long ky = prec / res.pw + res.py0;
    for (int b = 0; b < res.bands.length; b++) {
      Band band = res.bands[b];
      if (band.ncbx == 0 || band.ncby == 0) {
        continue;
      }
      int shiftX = band.orient == 0 ? res.ppx : res.ppx - 1;
      int shiftY = band.orient == 0 ? res.ppy : res.ppy - 1;
      long bx0 = Math.max(kx << shiftX, band.x0);
      long by0 = Math.max(ky << shiftY, band.y0);
      long bx1 = Math.min((kx + 1) << shiftX, band.x1);
      long by1 = Math.min((ky + 1) << shiftY, band.y1);
      if (bx1 <= bx0 || by1 <= by0) {
        continue;
      }
      int cx0 = (int) ((bx0 >> band.cbw) - band.cbx0);
      int cy0 = (int) ((by0 >> band.cbh) - band.cby0);
      int cx1 = (int) (((bx1 + (1L << band.cbw) - 1) >> band.cbw) - band.cbx0);
      int cy1 = (int) (((by1 + (1L << band.cbh) - 1) >> band.cbh) - band.cby0);
      int gw = cx1 - cx0;
      int gh = cy1 - cy0;
      if (band.incl[prec] == null) {
        band.incl[prec] = new TagTree(gw, gh);
        band.zbpTree[prec] = new TagTree(gw, gh);
      }
      TagTree incl = band.incl[prec];
      TagTree zt = band.zbpTree[prec];
      for (int y = 0; y < gh; y++) {
        for (int x = 0; x < gw; x++) {
          int leaf = y * gw + x;
          int cb = (cy0 + y) * band.ncbx + cx0 + x;
          boolean included;
          if (!seen(band, cb)) {
            included = incl.decode(bits, leaf, layer + 1);
          } else {
            included = bits.bit() != 0;
          }
          if (!included) {
            continue;
          }
          if (!seen(band, cb)) {
            int t = 1;
            while (!zt.decode(bits, leaf, t)) {
              if (++t > 64) {
                throw CodecErrors.malformed(CODEC, bits.offset(), "zero bit-plane count above 63");
              }
            }
            band.zbp[cb] = zt.value(leaf);
            markSeen(band, cb);
          }
          int np = passCount();
          int inc = 0;
          while (bits.bit() != 0) {
            if (++inc > 32) {
              throw CodecErrors.malformed(CODEC, bits.offset(), "code-block length indicator above 35 bits");
            }
          }
          band.lblock[cb] += inc;
          if (band.lblock[cb] > 35) {
            throw CodecErrors.malformed(CODEC, bits.offset(), "code-block length indicator above 35 bits");
          }
          int style = comps[c].style.cbStyle;
          int k0 = band.passes[cb];
          int k = k0;
          while (k < k0 + np) {
            int segment = J2kTier1.segmentOf(k, style);
            int n = 1;
            while (k + n < k0 + np && J2kTier1.segmentOf(k + n, style) == segment) {
              n++;
            }
            int nbits = band.lblock[cb] + 31 - Integer.numberOfLeadingZeros(n);
            if (nbits > 31) {
              throw CodecErrors.malformed(CODEC, bits.offset(), "code-block segment length of " + nbits + " bits");
            }
            int len = bits.bits(nbits);
            addPending(b, cb, k, n, len);
            k += n;
          }
          band.passes[cb] = k;
        }
      }
    }
  }

  /** Code-blocks already included once have their zero bit-plane count; marked by bit 30 of tail. */
  private static boolean seen(Band band, int cb) {
    return (band.tail[cb] & 0x40000000) != 0;
  }

  private static void markSeen(Band band, int cb) {
    band.tail[cb] |= 0x40000000;
  }

  private int passCount() {
    if (bits.bit() == 0) {
      return 1;
    }
    if (bits.bit() == 0) {
      return 2;
    }
    int v = bits.bits(2);
    if (v != 3) {
      return 3 + v;
    }
    v = bits.bits(5);
    if (v != 31) {
      return 6 + v;
    }
    return 37 + bits.bits(7);
  }

  private void addPending(int band, int cb, int firstPass, int passes, int len) {
    if (5 * nPending + 5 > pending.length) {
      pending = java.util.Arrays.copyOf(pending, pending.length * 2);
    }
    int o = 5 * nPending++;
    pending[o] = band;
    pending[o + 1] = cb;
    pending[o + 2] = firstPass;
    pending[o + 3] = passes;
    pending[o + 4] = len;
  }

  private void addChunk(Band band, int cb, int off, int len, int firstPass, int passes) {
    if (5 * nChunks + 5 > chunks.length) {
      chunks = java.util.Arrays.copyOf(chunks, chunks.length * 2);
    }
    int id = nChunks++;
    int o = 5 * id;
    chunks[o] = off;
    chunks[o + 1] = len;
    chunks[o + 2] = firstPass;
    chunks[o + 3] = passes;
    chunks[o + 4] = -1;
    if (band.head[cb] < 0) {
      band.head[cb] = id;
    } else {
      chunks[5 * (band.tail[cb] & 0x3FFFFFFF) + 4] = id;
    }
    band.tail[cb] = (band.tail[cb] & 0x40000000) | id;
  }
}
