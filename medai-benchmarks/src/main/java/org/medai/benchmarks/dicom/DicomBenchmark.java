package org.medai.benchmarks.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.medai.core.ReadLimits;
import org.medai.imaging.io.dicom.DicomDataset;
import org.medai.imaging.io.dicom.DicomFile;
import org.medai.imaging.io.dicom.DicomPixels;
import org.medai.imaging.io.dicom.DicomReader;
import org.medai.imaging.io.dicom.Tag;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * DICOM reading throughput on the {@link DicomBenchFiles} series (500 files, 256x256 int16):
 * <ul>
 *   <li>{@code indexHeaders}: header-only read of all 500 files (stop before pixel data) and the
 *       fields a series index needs; files/s = 500 / time per op. Baseline {@code openAndRead4k}:
 *       opening each file and reading its first 4 KiB, the I/O floor.</li>
 *   <li>{@code decodeNative}: stored values of one in-memory file (12 of 16 bits, signed: masks and
 *       sign-extends), MB/s = 0.131 MB / time per op. Baseline {@code copyPixelBytes}: a plain copy
 *       of the same bytes.</li>
 * </ul>
 * The pydicom peer ({@code medai-benchmarks/peers/dicom/pydicom_peer.py}) times the same files.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class DicomBenchmark {
  private List<Path> files;
  private DicomReader headerReader;
  private DicomFile inMemory;
  private byte[] pixelBytes;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    files = DicomBenchFiles.ensure(DicomBenchFiles.defaultDir());
    headerReader = DicomReader.builder().stopBeforePixelData(true).build();
    inMemory = DicomReader.builder().bulkDataThreshold(Long.MAX_VALUE).build().read(Files.readAllBytes(files.get(0)));
    pixelBytes = inMemory.dataset().get(Tag.PixelData).bulkData().bytes(ReadLimits.defaults());
  }

  @Benchmark
  public int indexHeaders(Blackhole bh) {
    int n = 0;
    for (Path p : files) {
      DicomDataset ds = headerReader.read(p).dataset();
      bh.consume(ds.getString(Tag.StudyInstanceUID, null));
      bh.consume(ds.getString(Tag.SeriesInstanceUID, null));
      bh.consume(ds.getString(Tag.SOPInstanceUID, null));
      bh.consume(ds.getInt(Tag.InstanceNumber, 0));
      bh.consume(ds.getDoubles(Tag.ImagePositionPatient));
      n++;
    }
    return n;
  }

  @Benchmark
  public long openAndRead4k() throws IOException {
    long sum = 0;
    byte[] buf = new byte[4096];
    for (Path p : files) {
      try (InputStream in = Files.newInputStream(p)) {
        sum += in.read(buf);
      }
    }
    return sum;
  }

  @Benchmark
  public byte[] decodeNative() {
    return DicomPixels.allFrames(inMemory, ReadLimits.defaults());
  }

  @Benchmark
  public byte[] copyPixelBytes() {
    return pixelBytes.clone();
  }
}
