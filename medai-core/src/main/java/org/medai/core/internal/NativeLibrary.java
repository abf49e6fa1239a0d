package org.medai.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads a JNI library that a medai module builds into its own classes ({@code src/main/native},
 * compiled by {@code scripts/build-native.sh} on Linux x86-64 where a C compiler is present). Every
 * such library is optional: the module's Java code runs where it is missing, so loading never
 * throws and says why it did not load instead. A library packed in a jar is copied to an owner-only
 * temporary file first (the JVM loads only files), deleted at exit; nothing is downloaded.
 */
public final class NativeLibrary {
  /** What {@link #load} returns when the library is loaded. */
  public static final String LOADED = "loaded";

  private NativeLibrary() {}

  /**
   * Loads {@code resource} (relative to {@code owner}, built for Linux x86-64) unless the system
   * property {@code offProperty} is {@code false}. Returns {@link #LOADED}, or why not.
   */
  public static String load(Class<?> owner, String resource, String offProperty) {
    if ("false".equalsIgnoreCase(System.getProperty(offProperty, "true"))) return "off (" + offProperty + "=false)";
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return "none built for " + os + "/" + arch;
    }
    URL url = owner.getResource(resource);
    if (url == null) return "not built (no C compiler where this jar was built)";
    try {
      Path file;
      if (url.getProtocol().equals("file")) {
        file = Path.of(URI.create(url.toString()));
      } else {
        file = Files.createTempFile("medai-", ".so");
        file.toFile().deleteOnExit();
        try (InputStream in = url.openStream()) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      System.load(file.toAbsolutePath().toString());
      return LOADED;
    } catch (IOException | LinkageError | RuntimeException e) {
      return "not loaded: " + e;
    }
  }
}
