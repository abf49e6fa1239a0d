package org.medai.imaging.internal.codec.j2k;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * Randomised differential test against OpenJPEG, only where {@code opj_compress} and
 * {@code opj_decompress} are installed (skipped with the reason in CI): seeded random images and
 * encoder options (sizes down to 1 pixel, 2-16 bit, signed or not, grey or RGB, both wavelets,
 * rates and layers, levels, tiles and offsets, precincts, code-block sizes and styles, progression
 * orders, SOP/EPH, MCT, tile-parts, PLT) are encoded by opj_compress; our decode must equal
 * opj_decompress's output byte for byte. Option sets the encoder refuses are counted and skipped.
 */
class OpenJpegOracleTest {
  private static final int CASES = 60;
  private static final String[] ORDERS = {"LRCP", "RLCP", "RPCL", "PCRL", "CPRL"};

  @TempDir
  Path tmp;

  @Test
  void decode_randomOpjEncodedImages_equalsOpjDecompress() throws Exception {
    assumeTrue(onPath("opj_compress") && onPath("opj_decompress"), "OpenJPEG command-line tools not installed");
    List<String> failures = new ArrayList<>();
    int ran = 0;
    for (int k = 0; k < CASES; k++) {
      Random r = new Random(5000 + k);
      int w = r.nextInt(8) == 0 ? 1 + r.nextInt(3) : 1 + r.nextInt(90);
      int h = r.nextInt(8) == 0 ? 1 + r.nextInt(3) : 1 + r.nextInt(70);
      int comps = r.nextInt(3) == 0 ? 3 : 1;
      int prec = 2 + r.nextInt(15);
      boolean signed = r.nextBoolean();
      int bps = prec <= 8 ? 1 : 2;
      List<String> opts = new ArrayList<>();
      boolean irreversible = r.nextBoolean();
      if (irreversible) {
        opts.add("-I");
      }
      if (irreversible || r.nextInt(3) == 0) {
        int layers = 1 + r.nextInt(3);
        StringBuilder rates = new StringBuilder();
        int rate = 40 + r.nextInt(40);
        for (int l = 0; l < layers; l++) {
          rates.append(l == 0 ? "" : ",").append(rate);
          rate = Math.max(1, rate / (2 + r.nextInt(4)));
        }
        opts.add("-r");
        opts.add(rates.toString());
      }
      int maxLevels = 31 - Integer.numberOfLeadingZeros(Math.max(1, Math.min(w, h)));
      opts.add("-n");
      opts.add(String.valueOf(1 + r.nextInt(Math.min(6, maxLevels) + 1)));
      if (r.nextInt(3) == 0) {
        opts.add("-t");
        opts.add((8 + r.nextInt(40)) + "," + (8 + r.nextInt(40)));
      }
      if (r.nextInt(4) == 0) {
        opts.add("-d");
        opts.add(r.nextInt(9) + "," + r.nextInt(9));
      }
      opts.add("-p");
      opts.add(ORDERS[r.nextInt(5)]);
      if (r.nextInt(3) == 0) {
        opts.add("-c");
        opts.add("[" + (1 << (3 + r.nextInt(4))) + "," + (1 << (3 + r.nextInt(4))) + "]");
      }
      if (r.nextInt(2) == 0) {
        int bw = 2 + r.nextInt(5);
        int bh = Math.min(2 + r.nextInt(5), 12 - bw);
        opts.add("-b");
        opts.add((1 << bw) + "," + (1 << bh));
      }
      if (r.nextBoolean()) {
        opts.add("-M");
        opts.add(String.valueOf(1 + r.nextInt(63)));
      }
      if (r.nextInt(4) == 0) {
        opts.add("-SOP");
      }
      if (r.nextInt(4) == 0) {
        opts.add("-EPH");
      }
      if (comps == 3) {
        opts.add("-mct");
        opts.add(r.nextBoolean() ? "1" : "0");
      }
      if (r.nextInt(4) == 0) {
        opts.add("-TP");
        opts.add(new String[] {"R", "L", "C"}[r.nextInt(3)]);
      }
      if (r.nextInt(4) == 0) {
        opts.add("-PLT");
      }
      byte[] raw = new byte[w * h * comps * bps];
      int top = (1 << prec) - 1;
      for (int c = 0; c < comps; c++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            double smooth = 0.5 + 0.3 * Math.sin(x / (4.0 + c)) * Math.cos(y / 6.0) + r.nextGaussian() * 0.05;
            int v = (int) Math.round(Math.max(0, Math.min(1, smooth)) * top) - (signed ? 1 << (prec - 1) : 0);
            int i = (c * h + y) * w + x;
            if (bps == 1) {
              raw[i] = (byte) v;
            } else {
              raw[2 * i] = (byte) v;
              raw[2 * i + 1] = (byte) (v >> 8);
            }
          }
        }
      }
      Path in = tmp.resolve("in" + k + ".rawl");
      Path enc = tmp.resolve("c" + k + ".j2k");
      Path dec = tmp.resolve("d" + k + ".rawl");
      Files.write(in, raw);
      List<String> cmd = new ArrayList<>(List.of("opj_compress", "-i", in.toString(), "-o", enc.toString(), "-F",
          w + "," + h + "," + comps + "," + prec + "," + (signed ? "s" : "u")));
      cmd.addAll(opts);
      if (run(cmd) != 0 || run(List.of("opj_decompress", "-i", enc.toString(), "-o", dec.toString())) != 0) {
        continue; // option set refused by OpenJPEG (e.g. too many levels for a tile)
      }
      ran++;
      byte[] planar = Files.readAllBytes(dec);
      byte[] expected = new byte[raw.length];
      for (int c = 0; c < comps; c++) {
        for (int i = 0; i < w * h; i++) {
          int j = c * w * h + i;
          int v = bps == 1 ? planar[j] & 0xFF : (planar[2 * j] & 0xFF) | (planar[2 * j + 1] & 0xFF) << 8;
          v &= top;
          if (signed) {
            v = (v ^ (1 << (prec - 1))) - (1 << (prec - 1));
          }
          int o = i * comps + c;
          if (bps == 1) {
            expected[o] = (byte) v;
          } else {
            expected[2 * o] = (byte) v;
            expected[2 * o + 1] = (byte) (v >> 8);
          }
        }
      }
      FrameInfo info = new FrameInfo(h, w, comps, bps * 8, prec, signed, 0, comps == 3 ? "RGB" : "MONOCHROME2");
      byte[] got;
      try {
        got = new J2kDecoder().decode(Files.readAllBytes(enc), info);
      } catch (RuntimeException e) {
        failures.add("case " + k + " " + w + "x" + h + "x" + comps + " " + prec + (signed ? "s " : "u ") + opts + ": " + e);
        continue;
      }
      int diff = 0;
      for (int i = 0; i < got.length; i++) {
        diff += got[i] != expected[i] ? 1 : 0;
      }
      if (diff != 0) {
        failures.add("case " + k + " " + w + "x" + h + "x" + comps + " " + prec + (signed ? "s " : "u ") + opts + ": "
            + diff + " bytes differ");
      }
    }
    System.out.println("OpenJpegOracleTest: " + ran + " of " + CASES + " option sets accepted by opj_compress, "
        + failures.size() + " mismatches");
    assertTrue(ran >= CASES / 2, "only " + ran + " of " + CASES + " option sets were accepted by opj_compress");
    assertTrue(failures.isEmpty(), ran + " cases ran; mismatches:\n" + String.join("\n", failures));
  }

  private static int run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
