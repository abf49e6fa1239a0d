package org.medai.imaging.internal.codec.j2k;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * The committed JPEG 2000 fixtures: synthetic images encoded by OpenJPEG's opj_compress with a
 * spread of options, listed with their expected CRC32 in {@code expected.tsv}; both written by
 * {@code tools/j2k-fixtures/make_fixtures.py}. Lossless fixtures expect the original samples, lossy
 * ones OpenJPEG 2.5's own decode.
 */
public final class J2kFixtures {
  private J2kFixtures() {}

  /** One fixture and its expectation. */
  public record Fixture(String name, byte[] stream, FrameInfo info, boolean lossless, long crc32) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String DIR = "/org/medai/imaging/internal/codec/j2k/";

  /** Every fixture listed in expected.tsv, in file order. */
  public static List<Fixture> all() {
    List<Fixture> out = new ArrayList<>();
    for (String line : new String(read("expected.tsv"), StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      int columns = Integer.parseInt(f[1]);
      int rows = Integer.parseInt(f[2]);
      int comps = Integer.parseInt(f[3]);
      int precision = Integer.parseInt(f[4]);
      boolean signed = f[5].equals("1");
      int bitsAllocated = precision <= 8 ? 8 : 16;
      FrameInfo info = new FrameInfo(rows, columns, comps, bitsAllocated, precision, signed, 0,
          comps == 3 ? "RGB" : "MONOCHROME2");
      out.add(new Fixture(f[0], read(f[0]), info, f[6].equals("1"), Long.parseLong(f[7])));
    }
    return out;
  }

  /** The fixture called {@code name} (file name with extension). */
  public static Fixture named(String name) {
    return all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  private static byte[] read(String name) {
    try (InputStream in = J2kFixtures.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + DIR + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
