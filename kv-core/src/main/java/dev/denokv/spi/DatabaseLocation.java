package dev.denokv.spi;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a database is, as {@code Deno.openKv} takes it: a file, memory only, or a KV Connect URL.
 * A {@link DatabaseProvider} opens the locations its backend serves.
 */
public sealed interface DatabaseLocation {

  /** A database file of the embedded backend. */
  record File(Path path) implements DatabaseLocation {
    public File {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
      return "file " + path;
    }
  }

  /** A database held in memory only, gone once closed. */
  record InMemory() implements DatabaseLocation {
    @Override
    public String toString() {
      return "in-memory database";
    }
  }

  /** A remote database reached over KV Connect. The token is never shown by {@link #toString()}. */
  record Remote(URI url, String accessToken) implements DatabaseLocation {
    public Remote {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(accessToken, "accessToken");
    }

    @Override
    public String toString() {
      return "KV Connect database at " + url;
    }
  }
}
