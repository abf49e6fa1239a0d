package org.medai.examples.cli;

import java.util.concurrent.Callable;
import org.medai.core.Json;
import org.medai.core.MedaiVersion;
import org.medai.core.backend.Availability;
import org.medai.core.backend.BackendProvider;
import org.medai.core.backend.Backends;
import org.medai.core.memory.NativeBuffer;
import org.medai.imaging.transform.Resample;
import picocli.CommandLine.Command;

/** {@code medai info}: version, Java, the host allocator, the CPU resample kernels, and every backend with its availability and reason. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Print version, Java runtime and backend availability as JSON.")
final class InfoCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"version\":").append(Json.quote(MedaiVersion.get()));
    sb.append(",\"java\":").append(Json.quote(System.getProperty("java.version")));
    sb.append(",\"javaVendor\":").append(Json.quote(System.getProperty("java.vendor")));
    sb.append(",\"os\":").append(Json.quote(System.getProperty("os.name") + " " + System.getProperty("os.arch")));
    sb.append(",\"cpuThreads\":").append(Runtime.getRuntime().availableProcessors());
    sb.append(",\"maxHeapBytes\":").append(Runtime.getRuntime().maxMemory());
    sb.append(",\"hostAllocator\":").append(Json.quote(NativeBuffer.hostAllocator()));
    sb.append(",\"resampleKernels\":").append(Json.quote(Resample.cpuKernels()));
    sb.append(",\"backends\":[");
    boolean first = true;
    for (BackendProvider p : Backends.providers()) {
      Availability a = p.probe();
      if (!first) sb.append(',');
      first = false;
      sb.append("{\"name\":").append(Json.quote(p.name()))
          .append(",\"rank\":").append(p.rank())
          .append(",\"available\":").append(a.available())
          .append(",\"device\":").append(Json.quote(a.device()))
          .append(",\"reason\":").append(Json.quote(a.reason()))
          .append('}');
    }
    sb.append("]}");
    System.out.println(sb);
    return MedaiCli.EXIT_OK;
  }
}
