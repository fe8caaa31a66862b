package dev.denokv.spi;

import dev.denokv.error.KvUnsupportedOperationException;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Opens the {@link DatabaseLocation}s one backend serves. Backends register an implementation as a
 * {@link ServiceLoader} service ({@code META-INF/services/dev.denokv.spi.DatabaseProvider}), so the
 * API finds whichever backends are on the class path without depending on any of them.
 */
public interface DatabaseProvider {

  /** Opens {@code location}, or returns null when this backend does not serve that kind of location. */
  @Nullable Database open(DatabaseLocation location);

  /**
   * Opens {@code location} with the first registered provider that serves it.
   *
   * @throws KvUnsupportedOperationException when no backend on the class path serves it, naming the
   *     module to add
   */
  static Database openWithAny(DatabaseLocation location) {
    for (DatabaseProvider provider : ServiceLoader.load(DatabaseProvider.class, DatabaseProvider.class.getClassLoader())) {
      Database database = provider.open(location);
      if (database != null) {
        return database;
      }
    }
    String module = location instanceof DatabaseLocation.Remote ? "kv-remote" : "kv-sqlite";
    throw new KvUnsupportedOperationException(
        "No backend on the class path opens a " + location + ": add the dev.denokv:" + module + " dependency");
  }
}
