package org.medai.imaging.internal.codec.j2k;

/**
 * The MQ arithmetic decoder (ISO/IEC 15444-1 Annex C) and the raw (bypass) bit reader of the
 * selective arithmetic-coding bypass mode (D.6). Each context is one int (state index and MPS).
 * The segment is read from a buffer that holds the segment's bytes followed by two 0xFF bytes, so
 * reading past its end yields 1-bits as the standard prescribes and never leaves the buffer. Reused
 * for every code-block of a decode call; not thread-safe.
 */
final class MqDecoder {
  static final int CONTEXTS = 19;
  private static final int[] QE = {
      0x5601, 0x3401, 0x1801, 0x0AC1, 0x0521, 0x0221, 0x5601, 0x5401, 0x4801, 0x3801, 0x3001, 0x2401, 0x1C01, 0x1601,
      0x5601, 0x5401, 0x5101, 0x4801, 0x3801, 0x3401, 0x3001, 0x2801, 0x2401, 0x2201, 0x1C01, 0x1801, 0x1601, 0x1401,
      0x1201, 0x1101, 0x0AC1, 0x09C1, 0x08A1, 0x0521, 0x0441, 0x02A1, 0x0221, 0x0141, 0x0111, 0x0085, 0x0049, 0x0025,
      0x0015, 0x0009, 0x0005, 0x0001, 0x5601};
  private static final int[] NMPS = {
      1, 2, 3, 4, 5, 38, 7, 8, 9, 10, 11, 12, 13, 29, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
      32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 45, 46};
  private static final int[] NLPS = {
      1, 6, 9, 12, 29, 33, 6, 14, 14, 14, 17, 18, 20, 21, 14, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 23, 24, 25, 26, 27,
      28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 46};
  /**
   * Per state-and-MPS index {@code s2 = state << 1 | mps}: Qe in bits 0-15, the next s2 after an
   * MPS in bits 16-22 and after an LPS (MPS already switched where Table C.2 says so) in bits 23-29.
   */
  private static final int[] TAB = new int[94];

  static {
    for (int s = 0; s < 47; s++) {
      boolean sw = s == 0 || s == 6 || s == 14;
      for (int m = 0; m < 2; m++) {
        int nm = NMPS[s] << 1 | m;
        int nl = NLPS[s] << 1 | (sw ? 1 - m : m);
        TAB[s << 1 | m] = QE[s] | nm << 16 | nl << 23;
      }
    }
  }

  /** Per context: state index << 1 | MPS. */
  final int[] cx = new int[CONTEXTS];
  private byte[] buf;
  private int bp;
  private int a;
  private int c;
  private int ct;

  /** Initial states (Table D.7): all 0 except uniform (46), run-length (3) and zero-coding context 0 (4). */
  void resetContexts() {
    java.util.Arrays.fill(cx, 0);
    cx[0] = 4 << 1;
    cx[17] = 3 << 1;
    cx[18] = 46 << 1;
  }

  /** INITDEC on {@code data[start..]}, which must be followed by two 0xFF bytes. */
  void init(byte[] data, int start) {
    buf = data;
    bp = start;
    c = (buf[bp] & 0xFF) << 16;
    byteIn();
    c <<= 7;
    ct -= 7;
    a = 0x8000;
  }

  private void byteIn() {
    if ((buf[bp] & 0xFF) == 0xFF) {
      if ((buf[bp + 1] & 0xFF) > 0x8F) {
        c += 0xFF00;
        ct = 8;
      } else {
        bp++;
        c += (buf[bp] & 0xFF) << 9;
        ct = 7;
      }
    } else {
      bp++;
      c += (buf[bp] & 0xFF) << 8;
      ct = 8;
    }
  }

  int decode(int ctx) {
    int[] cxs = cx;
    int s2 = cxs[ctx];
    int e = TAB[s2];
    int qe = e & 0xFFFF;
    int d = s2 & 1;
    int aa = a - qe;
    int cc = c;
    if ((cc >>> 16) < qe) {
      // LPS sub-interval (with conditional exchange)
      if (aa < qe) {
        cxs[ctx] = (e >>> 16) & 0x7F;
      } else {
        d ^= 1;
        cxs[ctx] = e >>> 23;
      }
      aa = qe;
    } else {
      cc -= qe << 16;
      if ((aa & 0x8000) != 0) {
        a = aa;
        c = cc;
        return d;
      }
      if (aa < qe) {
        d ^= 1;
        cxs[ctx] = e >>> 23;
      } else {
        cxs[ctx] = (e >>> 16) & 0x7F;
      }
    }
    // RENORMD: shift A (and C) left until A >= 0x8000, reading a byte whenever CT runs out
    int t = ct;
    do {
      if (t == 0) {
        c = cc;
        byteIn();
        cc = c;
        t = ct;
      }
      aa <<= 1;
      cc <<= 1;
      t--;
    } while (aa < 0x8000);
    a = aa;
    c = cc;
    ct = t;
    return d;
  }

  /**
   * How many symbols of context {@code ctx} in a row would decode as 0 by the MPS path without
   * renormalisation (0 when the context's MPS is 1). Along that path the context state does not
   * change and each symbol only subtracts Qe from A and from the high half of C, so A must stay at
   * or above 0x8000 and C's high half at or above Qe for every one of them.
   */
  int zeroRunBound(int ctx) {
    int s2 = cx[ctx];
    if ((s2 & 1) != 0) {
      return 0;
    }
    int qe = TAB[s2] & 0xFFFF;
    return Math.min((a - 0x8000) / qe, (c >>> 16) / qe);
  }

  /** Decodes {@code n <= zeroRunBound(ctx)} zero symbols of context {@code ctx} at once. */
  void skipZeros(int ctx, int n) {
    int qe = TAB[cx[ctx]] & 0xFFFF;
    a -= n * qe;
    c -= (n * qe) << 16;
  }

  // ---- raw (bypass) segments ----
  private int rawC;

  void initRaw(byte[] data, int start) {
    buf = data;
    bp = start;
    rawC = 0;
    ct = 0;
  }

  int raw() {
    if (ct == 0) {
      if (rawC == 0xFF) {
        if ((buf[bp] & 0xFF) > 0x8F) {
          rawC = 0xFF;
          ct = 8;
        } else {
          rawC = buf[bp++] & 0xFF;
          ct = 7;
        }
      } else {
        rawC = buf[bp++] & 0xFF;
        ct = 8;
      }
    }
    ct--;
    return (rawC >> ct) & 1;
  }
}
