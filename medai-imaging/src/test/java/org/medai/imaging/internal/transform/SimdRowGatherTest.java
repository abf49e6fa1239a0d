package org.medai.imaging.internal.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SimdRowGather} against the scalar definitions it must equal bit for bit: a cast for the
 * widening, {@code fma(w1, b - a, a)} (lerp) or {@code fma(w1, b, w0 * a)} per output for the
 * gather, on rows of every step ratio around the 2× window limit, with outside outputs, edge taps
 * and lengths that are not whole vectors. Skipped where the JVM lacks the module.
 */
class SimdRowGatherTest {
  @BeforeEach
  void needsModule() {
    assumeTrue(SimdSupport.AVAILABLE, "JVM started without --add-modules jdk.incubator.vector");
  }

  @Test
  void widen_int16AndUint16_equalsCast() {
    Random rnd = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      int count = rnd.nextInt(300), from = rnd.nextInt(20);
      short[] src = new short[from + count];
      for (int x = 0; x < src.length; x++) src[x] = (short) rnd.nextInt();
      for (boolean unsigned : new boolean[] {false, true}) {
        float[] dst = new float[count];
        SimdRowGather.widen(src, from, count, unsigned, dst);
        for (int x = 0; x < count; x++) {
          assertEquals(unsigned ? src[from + x] & 0xFFFF : src[from + x], dst[x], "element " + x);
        }
      }
    }
  }

  @Test
  void widenLerp_int16AndUint16_equalsCastThenFma() {
    Random rnd = new Random(4);
    for (int trial = 0; trial < 200; trial++) {
      int count = rnd.nextInt(300), from0 = rnd.nextInt(400), from1 = rnd.nextInt(400);
      short[] src = new short[400 + count];
      for (int x = 0; x < src.length; x++) src[x] = (short) rnd.nextInt();
      float f = trial % 10 == 0 ? 0f : rnd.nextFloat();
      for (boolean unsigned : new boolean[] {false, true}) {
        float[] dst = new float[count + 1];
        dst[count] = 42f;
        SimdRowGather.widenLerp(src, from0, from1, count, unsigned, f, dst);
        for (int x = 0; x < count; x++) {
          float a = unsigned ? src[from0 + x] & 0xFFFF : src[from0 + x];
          float b = unsigned ? src[from1 + x] & 0xFFFF : src[from1 + x];
          assertEquals(Math.fma(f, b - a, a), dst[x], "element " + x);
        }
        assertEquals(42f, dst[count], "nothing written past count");
      }
    }
  }

  @Test
  void gather_randomStepsOutsideAndEdges_equalsScalarDefinition() {
    Random rnd = new Random(11);
    int lanes = SimdRowGather.lanes();
    for (int trial = 0; trial < 3000; trial++) {
      int width = 1 + rnd.nextInt(400), n = 1 + rnd.nextInt(300);
      // steps straddle the window limit (2 lanes' worth of row per vector of outputs) on purpose
      double step = trial % 3 == 0 ? (2 * lanes - 2 + 4 * rnd.nextDouble()) / lanes : 0.1 + 3 * rnd.nextDouble();
      double start = -5 + rnd.nextDouble() * 10;
      boolean lerp = rnd.nextBoolean();
      int[] g0 = new int[n], g1 = new int[n];
      float[] w0 = new float[n], w1 = new float[n];
      boolean[] outside = new boolean[n];
      for (int q = 0; q < n; q++) {
        double x = start + q * step;
        if (x < 0 || x > width - 1 || rnd.nextInt(50) == 0) {
          outside[q] = true;
          g0[q] = rnd.nextInt(1000);
          continue;
        }
        int i = (int) Math.floor(x);
        float f = (float) (x - i);
        g0[q] = i;
        g1[q] = Math.min(i + 1, width - 1);
        if (g1[q] == i) f = 0;
        w1[q] = f;
        w0[q] = 1 - f;
      }
      SimdRowGather g = new SimdRowGather(lerp, n, g0, g1, w0, w1, outside, width);
      float[] row = new float[width + SimdRowGather.slack()];
      for (int x = 0; x < width; x++) row[x] = (float) rnd.nextGaussian() * 1000;
      row[width] = row[width - 1];
      for (int x = width + 1; x < row.length; x++) row[x] = Float.NaN;
      float[] dst = new float[SimdRowGather.padded(n)];
      g.gather(row, dst);
      for (int q = 0; q < n; q++) {
        if (outside[q]) continue;
        float a = row[g0[q]], b = row[g1[q]];
        float want = lerp ? Math.fma(w1[q], b - a, a) : Math.fma(w1[q], b, w0[q] * a);
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(dst[q]),
            "trial " + trial + " output " + q + " of " + n + ", step " + step + ", lerp " + lerp);
      }
    }
  }

  @Test
  void lerpInto_withAndWithoutRescale_equalsScalarDefinitionAndStaysInItsRow() {
    Random rnd = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rnd.nextInt(200), off = 4 * rnd.nextInt(40);
      float[] p0 = new float[SimdRowGather.padded(n)], p1 = new float[p0.length];
      for (int i = 0; i < n; i++) {
        p0[i] = (float) rnd.nextGaussian() * 500;
        p1[i] = (float) rnd.nextGaussian() * 500;
      }
      float f = rnd.nextFloat(), sl = (float) rnd.nextGaussian(), ic = (float) rnd.nextGaussian() * 1000;
      boolean rescale = rnd.nextBoolean();
      java.nio.ByteBuffer out = java.nio.ByteBuffer.allocateDirect(off + 4 * n + 64).order(java.nio.ByteOrder.nativeOrder());
      for (int b = 0; b < out.capacity(); b++) out.put(b, (byte) 0x5A);
      // the row's native address only decides where the aligned stores start: try every 4-byte offset
      long rowAddress = 4L * rnd.nextInt(16);
      SimdRowGather.lerpInto(p0, p1, f, rescale, sl, ic, out, off, n, rowAddress);
      for (int i = 0; i < n; i++) {
        float r = Math.fma(f, p1[i] - p0[i], p0[i]);
        float want = rescale ? Math.fma(r, sl, ic) : r;
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(out.getFloat(off + 4 * i)), "element " + i);
      }
      for (int b = 0; b < off; b++) assertEquals(0x5A, out.get(b), "byte before the row");
      for (int b = off + 4 * n; b < out.capacity(); b++) assertEquals(0x5A, out.get(b), "byte after the row");
    }
  }
}
