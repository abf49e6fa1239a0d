package org.medai.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The medai library version, read once from a resource filtered at build time. */
public final class MedaiVersion {
  private static final String VERSION = load();

  private MedaiVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = MedaiVersion.class.getResourceAsStream("/org/medai/core/version.properties")) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
