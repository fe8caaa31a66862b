package dev.denokv.remote;

import dev.denokv.spi.Database;
import dev.denokv.spi.DatabaseLocation;
import dev.denokv.spi.DatabaseProvider;
import org.jspecify.annotations.Nullable;

/** Opens KV Connect URLs with the remote backend and its default timeouts and retries. */
public final class RemoteDatabaseProvider implements DatabaseProvider {

  @Override
  public @Nullable Database open(DatabaseLocation location) {
    if (location instanceof DatabaseLocation.Remote remote) {
      return RemoteDatabase.builder().url(remote.url()).accessToken(remote.accessToken()).build();
    }
    return null;
  }
}
