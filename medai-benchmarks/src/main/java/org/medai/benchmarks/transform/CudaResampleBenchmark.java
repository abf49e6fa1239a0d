package org.medai.benchmarks.transform;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.medai.benchmarks.core.ByteCounter;
import org.medai.core.backend.Backend;
import org.medai.core.backend.Device;
import org.medai.core.concurrent.WorkPool;
import org.medai.core.geometry.Extent;
import org.medai.core.geometry.Geometry;
import org.medai.core.geometry.Vec3;
import org.medai.core.memory.MemoryScope;
import org.medai.core.tensor.DType;
import org.medai.core.tensor.Tensor;
import org.medai.core.tensor.Volume;
import org.medai.imaging.transform.Resample;
import org.medai.imaging.transform.ResampleOptions;
import org.medai.imaging.transform.ResamplePlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CUDA twin of {@link ResampleBenchmark}: the same 512×512×300 int16 CT (0.7 × 0.7 × 2.5 mm)
 * resampled to 1 mm isotropic float32 (358×358×750) with linear and cubic B-spline interpolation
 * and the rescale fused, the volume resident on the GPU (uploaded once per trial, output allocated
 * once), beside a device-to-device copy of the same bytes measured in the same run
 * ({@code baselineDeviceCopy}). Effective bandwidth counts the int16 input read once (150 MiB) plus
 * the float32 output written once (367 MiB); the copy moves 2 × 256 MiB. Every method waits for the
 * GPU. The cubic figure includes its prefilter (a float32 coefficient volume allocated, converted
 * and filtered along three axes in every call). Fails at set-up, with the probe's reason, where CUDA
 * is unavailable.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CudaResampleBenchmark {
  static final Extent CT = Extent.of(512, 512, 300);
  static final long COPY_BYTES = 256L << 20;

  private MemoryScope scope;
  private WorkPool pool;
  private Backend cuda;
  private Volume ct;
  private Volume linearOut;
  private Volume cubicOut;
  private ResamplePlan linear;
  private ResamplePlan cubic;
  private Tensor copySrc;
  private Tensor copyDst;
  private long minimalBytes;

  @Setup(Level.Trial)
  public void setUp() {
    cuda = Device.cuda().open();
    scope = MemoryScope.open();
    pool = WorkPool.of(1);
    Geometry g = Geometry.axisAligned(CT, Vec3.of(0.7, 0.7, 2.5), Vec3.of(-179, -179, -375));
    try (MemoryScope host = scope.child()) {
      Volume h = Volume.allocate(DType.INT16, g, 1, host);
      short[] row = new short[(int) CT.i()];
      SplittableRandom rnd = new SplittableRandom(1);
      for (long k = 0; k < CT.k(); k++) {
        for (long j = 0; j < CT.j(); j++) {
          for (int i = 0; i < row.length; i++) {
            double r2 = ((i - 256) * (i - 256) + (j - 256) * (j - 256)) / (200.0 * 200.0);
            row[i] = (short) ((r2 < 1 ? 1024 + 40 * Math.cos(k * 0.05) : 0) + rnd.nextInt(20));
          }
          h.data().hostBuffer().write(2 * (k * CT.j() + j) * CT.i(), row);
        }
      }
      ct = Volume.of(cuda.upload(h.data(), scope), g);
    }
    Geometry iso = Resample.gridForSpacing(g, Vec3.of(1, 1, 1));
    linear = ResamplePlan.create(g, DType.INT16, iso, null, ResampleOptions.linear().withRescale(1, -1024));
    cubic = ResamplePlan.create(g, DType.INT16, iso, null, ResampleOptions.bspline().withRescale(1, -1024));
    linearOut = Volume.of(cuda.allocate(DType.FLOAT32, scope, 1, iso.extent().k(), iso.extent().j(), iso.extent().i()), iso);
    cubicOut = Volume.of(cuda.allocate(DType.FLOAT32, scope, 1, iso.extent().k(), iso.extent().j(), iso.extent().i()), iso);
    minimalBytes = CT.voxelCount() * 2 + iso.extent().voxelCount() * 4;
    copySrc = cuda.allocate(DType.UINT8, scope, COPY_BYTES);
    copyDst = cuda.allocate(DType.UINT8, scope, COPY_BYTES);
    cuda.fill(copySrc, 7);
    cuda.synchronize();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    scope.close();
    pool.close();
    cuda.close();
  }

  @Benchmark
  public Tensor baselineDeviceCopy(ByteCounter c) {
    cuda.copy(copySrc, copyDst);
    cuda.synchronize();
    c.add(2 * COPY_BYTES);
    return copyDst;
  }

  @Benchmark
  public Volume linearInt16ToFloat32(ByteCounter c) {
    Resample.executeInto(linear, ct, linearOut, pool, scope);
    cuda.synchronize();
    c.add(minimalBytes);
    return linearOut;
  }

  @Benchmark
  public Volume cubicInt16ToFloat32(ByteCounter c) {
    Resample.executeInto(cubic, ct, cubicOut, pool, scope);
    cuda.synchronize();
    c.add(minimalBytes);
    return cubicOut;
  }
}
