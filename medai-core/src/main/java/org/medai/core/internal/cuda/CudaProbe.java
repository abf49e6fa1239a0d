package org.medai.core.internal.cuda;

import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;
import static org.bytedeco.cuda.global.cudart.CUDA_SUCCESS;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetCount;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetName;
import static org.bytedeco.cuda.global.cudart.cuDeviceTotalMem;
import static org.bytedeco.cuda.global.cudart.cuDriverGetVersion;
import static org.bytedeco.cuda.global.cudart.cuInit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.SizeTPointer;
import org.medai.core.backend.Availability;

/**
 * Finds out once per process whether CUDA works here: loads the JavaCPP CUDA bindings (which need
 * the driver's {@code libcuda.so.1} and CUDA 13's {@code libcudart.so.13}), initialises the driver,
 * lists the GPUs and loads NVRTC. Never throws; the first failure becomes the reason. The answer is
 * cached because the JVM refuses a second attempt (after an {@link UnsatisfiedLinkError} the
 * binding classes give {@link NoClassDefFoundError}). Thread-safe.
 */
final class CudaProbe {

  /** One GPU as the driver reports it. */
  record DeviceInfo(int ordinal, String name, int ccMajor, int ccMinor, int multiprocessors, long totalBytes) {
    String arch() {
      return "sm_" + ccMajor + ccMinor;
    }

    String describe() {
      return "%s (%s), %d GiB".formatted(name, arch(), totalBytes >> 30);
    }
  }

  /** The cached outcome: availability of device 0 plus every device seen. */
  record Result(Availability availability, int driverVersion, List<DeviceInfo> devices) {}

  private static volatile Result result;

  private CudaProbe() {}

  static Result get() {
    Result r = result;
    if (r == null) {
      synchronized (CudaProbe.class) {
        r = result;
        if (r == null) {
          r = run();
          result = r;
        }
      }
    }
    return r;
  }

  /** The reason of an earlier probe, or {@code null} when none ran (never starts one). */
  static String cachedReason() {
    Result r = result;
    return r == null ? null : r.availability().reason();
  }

  private static Result run() {
    try {
      return probeDriver();
    } catch (Throwable t) {
      return new Result(Availability.no(reasonFor(t, "the CUDA driver bindings")), 0, List.of());
    }
  }

  private static Result probeDriver() {
    try {
      Loader.load(org.bytedeco.cuda.global.cudart.class);
    } catch (Throwable t) {
      return new Result(Availability.no(reasonFor(t, "the CUDA runtime")), 0, List.of());
    }
    int rc = cuInit(0);
    if (rc != CUDA_SUCCESS) {
      return new Result(Availability.no("cuInit failed: " + CudaDriver.describe(rc)
          + "; check the NVIDIA driver with nvidia-smi"), 0, List.of());
    }
    int[] version = new int[1];
    cuDriverGetVersion(version);
    int[] count = new int[1];
    rc = cuDeviceGetCount(count);
    if (rc != CUDA_SUCCESS || count[0] == 0) {
      return new Result(Availability.no("the NVIDIA driver sees no CUDA device"
          + (rc != CUDA_SUCCESS ? " (" + CudaDriver.describe(rc) + ")" : "")
          + "; check CUDA_VISIBLE_DEVICES and nvidia-smi"), version[0], List.of());
    }
    List<DeviceInfo> devices = new ArrayList<>();
    for (int i = 0; i < count[0]; i++) devices.add(device(i));
    String nvrtcProblem = NvrtcCompiler.loadProblem();
    DeviceInfo d0 = devices.get(0);
    if (nvrtcProblem != null) {
      return new Result(Availability.no(nvrtcProblem), version[0], devices);
    }
    if (d0.ccMajor() * 10 + d0.ccMinor() < 75) {
      return new Result(Availability.no("%s has compute capability %d.%d; CUDA 13 needs 7.5 or newer"
          .formatted(d0.name(), d0.ccMajor(), d0.ccMinor())), version[0], devices);
    }
    String driver = "driver " + version[0] / 1000 + "." + (version[0] % 1000) / 10;
    return new Result(Availability.yes(d0.describe() + ", " + driver
        + (devices.size() > 1 ? ", " + devices.size() + " GPUs" : "")), version[0], devices);
  }

  private static DeviceInfo device(int ordinal) {
    int[] dev = new int[1];
    CudaDriver.check(cuDeviceGet(dev, ordinal), "cuDeviceGet", "device " + ordinal);
    byte[] name = new byte[256];
    CudaDriver.check(cuDeviceGetName(name, name.length, dev[0]), "cuDeviceGetName", "device " + ordinal);
    int len = 0;
    while (len < name.length && name[len] != 0) len++;
    int[] major = new int[1];
    int[] minor = new int[1];
    int[] sms = new int[1];
    CudaDriver.check(cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev[0]),
        "cuDeviceGetAttribute", "compute capability of device " + ordinal);
    CudaDriver.check(cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev[0]),
        "cuDeviceGetAttribute", "compute capability of device " + ordinal);
    CudaDriver.check(cuDeviceGetAttribute(sms, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev[0]),
        "cuDeviceGetAttribute", "multiprocessor count of device " + ordinal);
    long total;
    try (SizeTPointer bytes = new SizeTPointer(1)) {
      CudaDriver.check(cuDeviceTotalMem(bytes, dev[0]), "cuDeviceTotalMem", "device " + ordinal);
      total = bytes.get();
    }
    return new DeviceInfo(ordinal, new String(name, 0, len, StandardCharsets.UTF_8), major[0], minor[0], sms[0], total);
  }

  /**
   * Turns a loading failure into one sentence. The usual case on a machine without a GPU is the
   * dynamic loader not finding {@code libcuda.so.1}, which only the NVIDIA driver installs.
   */
  static String reasonFor(Throwable t, String what) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null && all.length() < 4000; c = c.getCause()) {
      all.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" | ");
    }
    String s = all.toString();
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.contains("libcuda.so")) {
      return "libcuda.so.1 not found: no NVIDIA driver on this machine";
    }
    if (lower.contains("libcudart.so")) {
      return "libcudart.so.13 not found: install CUDA 13 and put its lib64 folder on LD_LIBRARY_PATH";
    }
    if (lower.contains("libnvrtc")) {
      return "libnvrtc.so.13 not found: install CUDA 13's NVRTC and put its lib64 folder on LD_LIBRARY_PATH";
    }
    String first = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = first.indexOf('\n');
    if (nl >= 0) first = first.substring(0, nl);
    if (first.length() > 200) first = first.substring(0, 200) + "...";
    return "could not load " + what + " (" + t.getClass().getSimpleName() + ": " + first + ")";
  }
}
