package org.medai.imaging.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medai.imaging.internal.codec.j2k.J2kDecoder;
import org.medai.imaging.internal.codec.j2k.J2kFixtures;
import org.medai.imaging.io.dicom.DicomFormatException;
import org.medai.imaging.io.dicom.codec.FrameDecoder;
import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * Seeded mutation fuzzing of every codec: valid seed streams (made by the test encoders, the
 * committed DCMTK fixtures and the OpenJPEG-made JPEG 2000 fixtures) are corrupted by bit flips,
 * byte overwrites, marker bytes, truncation, deletion, duplication and insertion. Each mutated frame must decode to exactly
 * {@code info.frameBytes()} bytes or throw {@link DicomFormatException}; any other exception, a
 * hang, or a heap allocation far beyond the frame size fails the test with the seed and iteration.
 */
class CodecMutationFuzzTest {
  private static final long SEED = 20261128L;
  private static final int INPUTS = 20_000;
  /** Iterations before allocation is measured: class loading and JIT compilation allocate too. */
  private static final int WARM_UP = 2_000;

  record Seed(String name, FrameDecoder decoder, byte[] stream, FrameInfo info) {}

  static List<Seed> seeds() {
    List<Seed> s = new ArrayList<>();
    Random rnd = new Random(7);
    FrameInfo grey16 = new FrameInfo(24, 24, 1, 16, 16, true, 0, "MONOCHROME2");
    FrameInfo rgb8 = new FrameInfo(24, 24, 3, 8, 8, false, 0, "RGB");
    s.add(new Seed("rle grey16", new RleDecoder(),
        RleDecoderTest.encode(RleDecoderTest.randomFrame(rnd, 24 * 24 * 2), 576, 1, 2), grey16));
    s.add(new Seed("rle rgb8", new RleDecoder(),
        RleDecoderTest.encode(RleDecoderTest.randomFrame(rnd, 24 * 24 * 3), 576, 3, 1), rgb8));
    int[][] img = JpegLosslessDecoderTest.image(rnd, 1, 24, 24, 16, 0);
    s.add(new Seed("jpeg lossless sv7 restart", new JpegLosslessDecoder(),
        JpegLosslessDecoderTest.Encoder.encode(img, 24, 24, 16, 7, 0, 48, false), grey16));
    int[][] img3 = JpegLosslessDecoderTest.image(rnd, 3, 24, 24, 8, 1);
    s.add(new Seed("jpeg lossless rgb scans", new JpegLosslessDecoder(),
        JpegLosslessDecoderTest.Encoder.encode(img3, 24, 24, 8, 4, 1, 0, true), rgb8));
    int[] dc = new int[9];
    for (int i = 0; i < dc.length; i++) {
      dc[i] = rnd.nextInt(256) - 128;
    }
    s.add(new Seed("jpeg dct flat restart", new JpegDctDecoder(), JpegDctDecoderTest.flatBlocks(dc, 3, 3, 8, 2, false),
        new FrameInfo(24, 24, 1, 8, 8, false, 0, "MONOCHROME2")));
    for (CodecFixtures.Fixture f : CodecFixtures.ALL) {
      FrameDecoder d = f.name().startsWith("jpeg_ls") ? new JpegLsDecoder() : new JpegDctDecoder();
      s.add(new Seed(f.name(), d, f.frame(), f.info()));
    }
    // JPEG 2000: small opj_compress fixtures covering both wavelets, colour, tiles, POC, PPT, JP2 boxes
    for (String name : List.of("g8_lossy97_n1.j2k", "rgb8_lossy97_ict.j2k", "g8_lossless_ppt.j2k",
        "g12s_lossless_cprl_reset_termall.j2k", "g8_lossless_allstyles_layers.j2k", "g16s_lossy53_layers.j2k",
        "g8_lossless_jp2_wrapped.jp2", "g12_lossy97_layers_tiles.j2k", "g16u_lossy97_allstyles_precincts.j2k")) {
      J2kFixtures.Fixture f = J2kFixtures.named(name);
      s.add(new Seed("j2k " + name, new J2kDecoder(), f.stream(), f.info()));
    }
    return s;
  }

  static byte[] mutate(byte[] in, Random r) {
    byte[] b = in.clone();
    int ops = 1 + r.nextInt(4);
    for (int o = 0; o < ops && b.length > 0; o++) {
      int p = r.nextInt(b.length);
      switch (r.nextInt(8)) {
        case 0 -> b[p] ^= (byte) (1 << r.nextInt(8));
        case 1 -> b[p] = (byte) r.nextInt(256);
        case 2 -> b[p] = (byte) 0xFF;
        case 3 -> b[p] = 0;
        case 4 -> b = Arrays.copyOf(b, p);
        case 5 -> {
          int n = Math.min(b.length - p, 1 + r.nextInt(16));
          byte[] c = new byte[b.length - n];
          System.arraycopy(b, 0, c, 0, p);
          System.arraycopy(b, p + n, c, p, b.length - p - n);
          b = c;
        }
        case 6 -> {
          int n = Math.min(b.length - p, 1 + r.nextInt(32));
          byte[] c = new byte[b.length + n];
          System.arraycopy(b, 0, c, 0, p + n);
          System.arraycopy(b, p, c, p + n, b.length - p);
          b = c;
        }
        default -> {
          int n = 1 + r.nextInt(8);
          byte[] c = new byte[b.length + n];
          System.arraycopy(b, 0, c, 0, p);
          for (int i = 0; i < n; i++) {
            c[p + i] = (byte) r.nextInt(256);
          }
          System.arraycopy(b, p, c, p + n, b.length - p);
          b = c;
        }
      }
    }
    return b;
  }

  @Test
  void decode_mutatedStreams_onlyDicomFormatExceptionAndBoundedAllocation() {
    List<Seed> seeds = seeds();
    for (Seed s : seeds) {
      assertEquals(s.info().frameBytes(), s.decoder().decode(s.stream(), s.info()).length, "seed " + s.name());
    }
    com.sun.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
        ? t : null;
    int[] outcomes = new int[2];
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      Random r = new Random(SEED);
      for (int i = 0; i < INPUTS; i++) {
        Seed s = seeds.get(i % seeds.size());
        byte[] input = mutate(s.stream(), r);
        long before = mx != null ? mx.getCurrentThreadAllocatedBytes() : 0;
        try {
          byte[] out = s.decoder().decode(input, s.info());
          assertEquals(s.info().frameBytes(), out.length, "output size, " + s.name() + " iteration " + i);
          outcomes[0]++;
        } catch (DicomFormatException e) {
          outcomes[1]++;
        } catch (Throwable t) {
          fail("seed " + SEED + " iteration " + i + " (" + s.name() + "): " + t, t);
        }
        if (mx != null && i >= WARM_UP) {
          long allocated = mx.getCurrentThreadAllocatedBytes() - before;
          long bound = 16 * s.info().frameBytes() + 8L * input.length + (512 << 10);
          assertTrue(allocated <= bound, "iteration " + i + " (" + s.name() + ") allocated " + allocated + " > " + bound);
        }
      }
    });
    // both outcomes must occur, or the mutator is not exercising the decoders
    assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "decoded " + outcomes[0] + ", rejected " + outcomes[1]);
  }
}
