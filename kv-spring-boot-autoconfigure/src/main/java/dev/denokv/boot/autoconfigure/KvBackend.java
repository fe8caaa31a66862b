package dev.denokv.boot.autoconfigure;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/** Which backend the configuration selects. */
public enum KvBackend {
  /** A database in a SQLite file (or in memory), in Deno's schema. */
  EMBEDDED,
  /** A database reached over KV Connect at {@code kv.url}. */
  REMOTE;

  /** The profile under which the embedded backend is always used. */
  public static final String LOCAL_PROFILE = "local";

  /** The backend {@code environment} selects: remote when {@code kv.url} is set outside the {@code local} profile. */
  public static KvBackend of(Environment environment) {
    boolean hasUrl = StringUtils.hasText(environment.getProperty("kv.url"));
    if (hasUrl && !environment.matchesProfiles(LOCAL_PROFILE)) {
      return REMOTE;
    }
    return EMBEDDED;
  }
}
