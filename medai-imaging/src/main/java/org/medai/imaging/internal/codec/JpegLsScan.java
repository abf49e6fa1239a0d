package org.medai.imaging.internal.codec;

import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * Decodes one JPEG-LS scan (ITU-T T.87 Annex A) into the output frame. Context variables follow
 * T.87 A.2 and A.6; run mode A.7; the limited-length Golomb code A.5.3. Not thread-safe; one
 * instance per scan.
 */
final class JpegLsScan {
  private static final String CODEC = JpegLsDecoder.CODEC;
  private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10,
      11, 12, 13, 14, 15};

  private final JpegLsBitReader in;
  private final FrameInfo info;
  private final int[] comps;
  private final byte[] out;
  private final int ilv;
  private final int near;
  private final int maxval;
  private final int range;
  private final int qbpp;
  private final int limit;
  private final int t1;
  private final int t2;
  private final int t3;
  private final int reset;
  private final int storedBits;
  private final int[] a = new int[367];
  private final int[] b = new int[367];
  private final int[] c = new int[367];
  private final int[] n = new int[367];
  private final int[] nn = new int[2];
  /** Gradient quantization (T.87 A.3.3) for d in -MAXVAL..MAXVAL, at index d + MAXVAL. */
  private final byte[] qTable;
  private int runIndex;

  JpegLsScan(byte[] data, int start, FrameInfo info, int precision, int[] preset, int near, int ilv, int[] comps,
             byte[] out) {
    this.in = new JpegLsBitReader(data, start);
    this.info = info;
    this.comps = comps;
    this.out = out;
    this.ilv = ilv;
    this.near = near;
    this.storedBits = Math.min(precision, info.bitsStored());
    int maxv = preset[0] != 0 ? preset[0] : (1 << precision) - 1;
    if (maxv >= 1 << precision || maxv < 1) {
      throw CodecErrors.malformed(CODEC, start, "MAXVAL " + maxv + " outside 1.." + ((1 << precision) - 1));
    }
    this.maxval = maxv;
    if (near > Math.min(255, maxv / 2)) {
      throw CodecErrors.malformed(CODEC, start, "NEAR " + near + " exceeds min(255, MAXVAL/2)");
    }
    this.range = (maxv + 2 * near) / (2 * near + 1) + 1;
    this.qbpp = ceilLog2(range);
    int bpp = Math.max(2, ceilLog2(maxv + 1));
    this.limit = 2 * (bpp + Math.max(8, bpp));
    int[] t = defaultThresholds(maxv, near);
    int p1 = preset[1] != 0 ? preset[1] : t[0];
    int p2 = preset[2] != 0 ? preset[2] : t[1];
    int p3 = preset[3] != 0 ? preset[3] : t[2];
    if (p1 < near + 1 || p1 > maxv || p2 < p1 || p2 > maxv || p3 < p2 || p3 > maxv) {
      throw CodecErrors.malformed(CODEC, start, "thresholds T1=" + p1 + " T2=" + p2 + " T3=" + p3
          + " (expected NEAR+1 <= T1 <= T2 <= T3 <= MAXVAL)");
    }
    this.t1 = p1;
    this.t2 = p2;
    this.t3 = p3;
    this.reset = preset[4] != 0 ? preset[4] : 64;
    if (reset < 3 || reset > Math.max(255, maxv)) {
      throw CodecErrors.malformed(CODEC, start, "RESET " + reset + " (expected 3..max(255, MAXVAL))");
    }
    qTable = new byte[2 * maxv + 1];
    for (int d = -maxv; d <= maxv; d++) {
      qTable[d + maxv] = (byte) quantizeSlow(d);
    }
    int aInit = Math.max(2, (range + 32) / 64);
    java.util.Arrays.fill(a, aInit);
    java.util.Arrays.fill(n, 1);
  }

  static int ceilLog2(int v) {
    return 32 - Integer.numberOfLeadingZeros(v - 1);
  }

  /** T.87 C.2.4.1.1.1 default thresholds. */
  static int[] defaultThresholds(int maxval, int near) {
    int t1;
    int t2;
    int t3;
    if (maxval >= 128) {
      int factor = (Math.min(maxval, 4095) + 128) / 256;
      t1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1, maxval);
      t2 = clamp(factor * (7 - 3) + 3 + 5 * near, t1, maxval);
      t3 = clamp(factor * (21 - 4) + 4 + 7 * near, t2, maxval);
    } else {
      int factor = 256 / (maxval + 1);
      t1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1, maxval);
      t2 = clamp(Math.max(3, 7 / factor + 5 * near), t1, maxval);
      t3 = clamp(Math.max(4, 21 / factor + 7 * near), t2, maxval);
    }
    return new int[] {t1, t2, t3};
  }

  private static int clamp(int i, int j, int maxval) {
    return i > maxval || i < j ? j : i;
  }

  /** Decodes the scan and returns the offset of the marker that follows it. */
  int decode() {
    int w = info.columns();
    int h = info.rows();
    int ns = comps.length;
    // line buffers with one guard sample on each side: index x+1 holds column x
    int[][] prev = new int[ns][w + 2];
    int[][] cur = new int[ns][w + 2];
    int[] runIndexes = new int[ns];
    for (int y = 0; y < h; y++) {
      for (int i = 0; i < ns; i++) {
        prev[i][w + 1] = prev[i][w];
        cur[i][0] = prev[i][1];
      }
      if (ilv == 2) {
        decodeLineSampleInterleaved(prev, cur, w);
      } else {
        for (int i = 0; i < ns; i++) {
          runIndex = runIndexes[i];
          decodeLine(prev[i], cur[i], w);
          runIndexes[i] = runIndex;
        }
      }
      for (int i = 0; i < ns; i++) {
        int[] line = cur[i];
        int comp = comps[i];
        int spp = info.samplesPerPixel();
        int bps = info.bytesPerSample();
        boolean signed = info.signed();
        int base = y * w;
        for (int x = 0; x < w; x++) {
          SampleWriter.put(out, (base + x) * spp + comp, bps, SampleWriter.stored(line[x + 1], storedBits, signed));
        }
      }
      int[][] t = prev;
      prev = cur;
      cur = t;
    }
    return in.markerPosition();
  }

  private int quantize(int d) {
    return qTable[d + maxval];
  }

  private int quantizeSlow(int d) {
    if (d <= -t3) {
      return -4;
    } else if (d <= -t2) {
      return -3;
    } else if (d <= -t1) {
      return -2;
    } else if (d < -near) {
      return -1;
    } else if (d <= near) {
      return 0;
    } else if (d < t1) {
      return 1;
    } else if (d < t2) {
      return 2;
    } else if (d < t3) {
      return 3;
    }
    return 4;
  }

  private void decodeLine(int[] prev, int[] cur, int w) {
    int x = 1;
    while (x <= w) {
      int ra = cur[x - 1];
      int rb = prev[x];
      int rc = prev[x - 1];
      int rd = prev[x + 1];
      int q = (quantize(rd - rb) * 9 + quantize(rb - rc)) * 9 + quantize(rc - ra);
      if (q == 0) {
        x += runMode(prev, cur, x, w);
      } else {
        cur[x] = regular(q, predict(ra, rb, rc));
        x++;
      }
    }
  }

  private void decodeLineSampleInterleaved(int[][] prev, int[][] cur, int w) {
    int ns = comps.length;
    int[] qs = new int[ns];
    int x = 1;
    while (x <= w) {
      boolean run = true;
      for (int i = 0; i < ns; i++) {
        int ra = cur[i][x - 1];
        int rb = prev[i][x];
        int rc = prev[i][x - 1];
        int rd = prev[i][x + 1];
        qs[i] = (quantize(rd - rb) * 9 + quantize(rb - rc)) * 9 + quantize(rc - ra);
        run &= qs[i] == 0;
      }
      if (run) {
        int count = runLength(w - x + 1);
        for (int i = 0; i < ns; i++) {
          int ra = cur[i][x - 1];
          for (int k = 0; k < count; k++) {
            cur[i][x + k] = ra;
          }
        }
        x += count;
        if (x <= w) {
          for (int i = 0; i < ns; i++) {
            int ra = cur[i][x - 1];
            int rb = prev[i][x];
            int err = runInterruptionError(0);
            cur[i][x] = reconstruct(rb, rb < ra ? -err : err);
          }
          runIndex = Math.max(0, runIndex - 1);
          x++;
        }
      } else {
        for (int i = 0; i < ns; i++) {
          cur[i][x] = regular(qs[i], predict(cur[i][x - 1], prev[i][x], prev[i][x - 1]));
        }
        x++;
      }
    }
  }

  private static int predict(int ra, int rb, int rc) {
    if (rc >= Math.max(ra, rb)) {
      return Math.min(ra, rb);
    }
    if (rc <= Math.min(ra, rb)) {
      return Math.max(ra, rb);
    }
    return ra + rb - rc;
  }

  private int regular(int qSigned, int predicted) {
    int sign = qSigned < 0 ? -1 : 1;
    int q = qSigned * sign;
    int px = predicted + sign * c[q];
    px = px < 0 ? 0 : Math.min(px, maxval);
    int k = golombK(n[q], a[q]);
    int m = golomb(k, limit);
    int err = (m & 1) == 0 ? m >> 1 : -((m + 1) >> 1);
    if (k == 0 && near == 0 && 2 * b[q] + n[q] - 1 < 0) {
      err = ~err;
    }
    update(q, err);
    return reconstruct(px, sign * err);
  }

  private int reconstruct(int px, int err) {
    int v = px + err * (2 * near + 1);
    if (v < -near) {
      v += range * (2 * near + 1);
    } else if (v > maxval + near) {
      v -= range * (2 * near + 1);
    }
    return v < 0 ? 0 : Math.min(v, maxval);
  }

  private void update(int q, int err) {
    int av = a[q] + Math.abs(err);
    int bv = b[q] + err * (2 * near + 1);
    int nv = n[q];
    if (nv == reset) {
      av >>= 1;
      bv >>= 1;
      nv >>= 1;
    }
    a[q] = av;
    nv++;
    n[q] = nv;
    if (bv + nv <= 0) {
      bv += nv;
      if (bv <= -nv) {
        bv = -nv + 1;
      }
      if (c[q] > -128) {
        c[q]--;
      }
    } else if (bv > 0) {
      bv -= nv;
      if (bv > 0) {
        bv = 0;
      }
      if (c[q] < 127) {
        c[q]++;
      }
    }
    b[q] = bv;
  }

  private int golombK(int nv, int av) {
    int k = 0;
    for (long t = nv; t < av && k < 24; t <<= 1) {
      k++;
    }
    return k;
  }

  /** T.87 A.5.3 limited-length Golomb code. */
  private int golomb(int k, int lim) {
    int high = in.unary(lim);
    if (high >= lim - qbpp - 1) {
      if (high > lim - qbpp - 1) {
        throw CodecErrors.malformed(CODEC, in.position(), "Golomb prefix of " + high + " zero bits exceeds LIMIT "
            + lim + " - qbpp " + qbpp + " - 1");
      }
      return in.bits(qbpp) + 1;
    }
    if (k == 0) {
      return high;
    }
    // high < LIMIT <= 64 and k <= 24 (golombK caps it), so the value fits an int
    return (high << k) + in.bits(k);
  }

  /** Run mode (T.87 A.7) for a single-component line; returns the samples decoded. */
  private int runMode(int[] prev, int[] cur, int x, int w) {
    int ra = cur[x - 1];
    int count = runLength(w - x + 1);
    for (int k = 0; k < count; k++) {
      cur[x + k] = ra;
    }
    int end = x + count;
    if (end > w) {
      return count;
    }
    int rb = prev[end];
    if (Math.abs(ra - rb) <= near) {
      cur[end] = reconstruct(ra, runInterruptionError(1));
    } else {
      int err = runInterruptionError(0);
      cur[end] = reconstruct(rb, rb < ra ? -err : err);
    }
    runIndex = Math.max(0, runIndex - 1);
    return count + 1;
  }

  private int runLength(int left) {
    int index = 0;
    while (in.bit() == 1) {
      int count = Math.min(1 << J[runIndex], left - index);
      index += count;
      if (count == 1 << J[runIndex]) {
        runIndex = Math.min(31, runIndex + 1);
      }
      if (index == left) {
        return index;
      }
    }
    index += J[runIndex] > 0 ? in.bits(J[runIndex]) : 0;
    if (index >= left) {
      throw CodecErrors.malformed(CODEC, in.position(), "run of " + index + " samples passes the end of the line ("
          + left + " left)");
    }
    return index;
  }

  private int runInterruptionError(int riType) {
    int q = 365 + riType;
    int temp = a[q] + (n[q] >> 1) * riType;
    int k = golombK(n[q], temp);
    int em = golomb(k, limit - J[runIndex] - 1);
    int t = em + riType;
    int map = t & 1;
    int abs = (t + map) / 2;
    int err = ((k != 0 || 2 * nn[riType] >= n[q]) == (map == 1)) ? -abs : abs;
    if (err < 0) {
      nn[riType]++;
    }
    a[q] += (em + 1 - riType) >> 1;
    if (n[q] == reset) {
      a[q] >>= 1;
      n[q] >>= 1;
      nn[riType] >>= 1;
    }
    n[q]++;
    return err;
  }
}
