package org.medai.imaging.internal.codec;

import java.util.Base64;
import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * Tiny compressed frames for tests that must run without DCMTK (CI): synthetic 24x24 gradients with
 * sparse noise (no patient data), written as DICOM by a pydicom script, compressed with DCMTK 3.6.7's
 * encoders; {@code crc32} is the CRC32 of DCMTK's own decode of the same frame (dcmdjpls, or
 * dcmdjpeg with colour-by-pixel), an independent oracle for our decoders.
 */
final class CodecFixtures {
  private CodecFixtures() {}

  /** One fixture: compressed frame, pixel description and the CRC32 of DCMTK's decode. */
  record Fixture(String name, byte[] frame, FrameInfo info, long crc32) {}

  /** JPEG-LS near-lossless (NEAR=2), 24x24, 12 bits in 16, dcmcjpls +en +md 2. */
  static final Fixture JPEG_LS_NEAR2_GREY12 = new Fixture("jpeg_ls_near2_grey12", Base64.getDecoder().decode(""
      + "/9j/9wALDAAYABgBAREA/9oACAEBAAIAAIbGxt25duXLlu5bt27Vu1atWbVmzQAAAAATAAAAAAhEJCQnAASjfx0dHR0ZMmTD"
      + "hZ5UyU+gGEAAAAABMclSpSB7HkiVIjSAUEL8AKDkiN8AwghGjRokaaaSaSSZBOHU0kkkkkiCEkkkkUkUkUkUUUUkUUUUUpIe"
      + "lKUgAAAAAHMD6yAAAEUCgDkxRRQRRRRRBSAc8hFFEgJIAAAAkAAAAAAaqAAAAAAZuGxu6iiiiiiii/RQQ9FFFEgdi6iigAAX"
      + "LfBBFBBBABIAOIe9BBBAAAABJAjEwQe5y6ggggggvGCEHvQQQAAAAAAOUAAAAAAN6Dd0AABAQGCCAA06cMCRCGECsSvcggAB"
      + "9AAAAAAcfuII4l1xBAZyCeIIUykH/ocAAAAAAZYNNGMd8QQQQwQxmXdoIIIoBqAqAA0g4u/iCCCEAAAoKTBDBBDBBBBHa7eg"
      + "gZKhgghjk7doIIIADDnwwwwQQwQiydCEYRiAAAAAGnrghjL+7QQQQwwQxgyZGMIwjCMAFRn4RhCMYwhGEIqnQgAAAAAA3ybu"
      + "GCKczpDBCCKxwwwwwgEIQIGWQyj0dIIYIYIIzICEIQh8IHokVQhCEYAAAAAcauGGCUEgSbjGMIx+AAAAC1kYxjCV7HSEIxlD"
      + "A5CEIwh0atUIQhGMYxiAA5Bq/CEYxhEAAAHQAAAfndkIxhCEIQlcsb9RjCEI/AAABkAAAG1VRhCMIiIiIiIiIiewRRERERER"
      + "MTEREyAAAAAApkWnYUD/2Q=="), new FrameInfo(24, 24, 1, 16, 12, false, 0, "MONOCHROME2"), 2990248053L);

  /** JPEG-LS lossless, 24x24 RGB, sample-interleaved (ILV=2), dcmcjpls +el +is. */
  static final Fixture JPEG_LS_RGB_SAMPLE_INTERLEAVED = new Fixture("jpeg_ls_rgb_sample_interleaved", Base64.getDecoder().decode(""
      + "/9j/9wARCAAYABgDAREAAhEAAxEA/9oADAMBAAIAAwAAAgCBIUHhSbQ9ZO37XhOE6Tr9fp+fn5+fn56PR6LRaQAAAmnGuRZ3"
      + "Epqbt27dOnXXXXXXWWWWUjQJ3d3d3d3d3d3d3d2kRXd3f/9//3//f/ekf/9//3//f/9/0u//f/9//3//f/6z/3//f/9//3//"
      + "VX//f/9//3//f/Uf/3//f/9//3/97/9//3//f/9//vf/f/9//3//f/57/3//f/9//3//HP9//3//f/9//25//3//f/9//3/u"
      + "f/9//3//f/9/7n//f/9//3//f+5//3//f/9//3/tf/9//3//f/9/7X//f/9//3//f+1//3//f/9//3/u/3//f/9//3//bv9/"
      + "/3//f/9//27/f/9//3//f/9u/3//f/9//3//YP/Z"), new FrameInfo(24, 24, 3, 8, 8, false, 0, "RGB"), 829499470L);

  /** JPEG baseline, 24x24 colour, YCbCr 4:2:2 with JFIF, dcmcjpeg +eb. */
  static final Fixture JPEG_BASELINE_YBR422 = new Fixture("jpeg_baseline_ybr422", Base64.getDecoder().decode(""
      + "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQ"
      + "ERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU"
      + "FBQUFBQUFBQUFBQUFBT/wAARCAAYABgDASEAAhEBAxEB/8QAFwABAQEBAAAAAAAAAAAAAAAABwAECP/EABgQAAIDAAAAAAAA"
      + "AAAAAAAAAAAGIzKh/8QAGAEAAwEBAAAAAAAAAAAAAAAABQYICQT/xAAeEQABAwUBAQAAAAAAAAAAAAAAAwUhAQIGIiQyBP/a"
      + "AAwDAQACEQMRAD8A4HX0SseCYvolY8On51BxxV18yJi+iVjwg9YpqVQ2OvPSTAvolY8ExfRKx4J/zqGeuKuvmRMX0SseEHrF"
      + "NSqWx156SYV9ErHgmL6JWPBQQUM9MVdfMiYvolY8IPWKalUtjrz0k//Z"), new FrameInfo(24, 24, 3, 8, 8, false, 0, "YBR_FULL_422"), 2124949676L);

  /** JPEG extended, 24x24, 12-bit precision, dcmcjpeg +ee. */
  static final Fixture JPEG_EXTENDED_GREY12 = new Fixture("jpeg_extended_grey12", Base64.getDecoder().decode(""
      + "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQ"
      + "ERMUFRUVDA8XGBYUGBIUFRT/wQALDAAYABgBAREA/8QAFgABAQEAAAAAAAAAAAAAAAAADA0L/8QAJBAAAQQDAAIBBQEAAAAA"
      + "AAAABQMEBgcBAggJCxQKDBESExX/2gAIAQEAAD8AF/8Ap5OALm8kHetXdcbTzx40D0VxvQ9f2LW9a3FRNawGubmRqIDFw7GM"
      + "JxPEV1gEolbqNRxc6TRmaCa1hvhB/V+5lc1lrYbJmDnrtPpiIL4w7M55MVrf3P8A5R+eJkIKgAt/UZDbcj1bqydFnqi+FN15"
      + "pF4cVcGwiRYAY3RTaKs9MFQ3ycuU3C7TK1T1hPjeYFplzHGzMaeLFZE6GNGicUZajsNERbTRfDx5hplHOrf8s2yC622NsOF3"
      + "yOjj+mXe+d5ld6be/wDepj12+N/xNo2R4auQe7bGseMvbh1tgPIei7CquQBVBlb88W/bzt/AYyrWiT/LbSUvRwqJBiyxx9I5"
      + "EEPaRGEg46sX9al4zbQjFj30J6FoutKf6jk9rNx1hV+TprSBySFEtCZN2eEhIywHNAURbNijZq2dMGzNg6Z4SaDx6aDDcq23"
      + "XB+rf8KhKcz/AJrPKlCwIXEyLEqgGAa/DTLq/wCc/YKNymcfnV00/V8g50Rxontq6YoLbKKfj9MSwv1L/OtmRmD8S1HYehW/"
      + "OU6as9zbQLl6xpTIcVsqdMpR5tJ18DhhFkswWOsIlGhxJ8LcMiDlqDGafL02YM90GJvqd/GUGgdOwpIS7M5mMu/hHDsWXjaG"
      + "Q7gFjdm9RcYJYef3w61IM2+/x9WuumMN9Ntl1NVFEM6ef3CF7ELoT0jv2xl9c/8AV4+PvhONd/8AkV414Jh/KNfwwF2tZHJF"
      + "i0876steH8yRe1gVk1VuzsMCtFZVZIWYJJxCQws4QzA3CQWZRQu2Ymx//9k="), new FrameInfo(24, 24, 1, 16, 12, false, 0, "MONOCHROME2"), 652851169L);

  /** JPEG-LS near-lossless (NEAR=1), 24x24 RGB, line-interleaved (ILV=1), LSE preset T1=4 T2=11 T3=25
   * RESET=40, dcmcjpls +en +md 1 +il +t1 4 +t2 11 +t3 25 +rs 40. */
  static final Fixture JPEG_LS_RGB_LINE_PRESET = new Fixture("jpeg_ls_rgb_line_preset", Base64.getDecoder().decode(""
      + "/9j/9wARCAAYABgDAREAAhEAAxEA//gADQEA/wAEAAsAGQAo/9oADAMBAAIAAwABAQCMZmq/++3vvv9/vbfSSSSkpKSqv/7+"
      + "BqSSpS1rqhRJK/nP1f9//ir/LPzlF/9/0FN//34vL/9vL/9/8v9//wvV/13/f/9pf/9/wv9//3//f9//f/b/f/9//3/f/3/y"
      + "/3//f/9/3/9/9f9f/3//f9//f/L/f/9//3//f/97f/9//3//Rf9//yf/f/9//3q//3/r/3/7/3/6/3//eX//f/9//X//f/0/"
      + "/3//f/1y/3//V/9//3//Xv9//3X/f/9//2/f/3/y/3//f/9//3//fv9//3//f9//f/L/f/9//3//f/9+/3//f/9/3/9/9f9/"
      + "/3//f/9//3X/f/9//3//f/91/3//f/9/gP/ZAA=="), new FrameInfo(24, 24, 3, 8, 8, false, 0, "RGB"), 1869611621L);

  static final Fixture[] ALL = {JPEG_LS_NEAR2_GREY12, JPEG_LS_RGB_SAMPLE_INTERLEAVED, JPEG_LS_RGB_LINE_PRESET,
      JPEG_BASELINE_YBR422, JPEG_EXTENDED_GREY12};
}
