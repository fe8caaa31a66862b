package dev.denokv.remote;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The default {@code User-Agent}: the library's name and version. */
final class UserAgent {

  static final String DEFAULT = "deno-kv-java/" + version();

  private UserAgent() {}

  private static String version() {
    try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        if (!v.isBlank() && !v.startsWith("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through to the unknown version
    }
    return "unknown";
  }
}
