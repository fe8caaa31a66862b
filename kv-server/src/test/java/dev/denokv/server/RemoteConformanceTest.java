package dev.denokv.server;

import dev.denokv.Consistency;
import dev.denokv.error.KvException;
import dev.denokv.error.KvRemoteException;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.spi.conformance.DatabaseConformance;
import dev.denokv.sqlite.SqliteDatabase;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The backend conformance suite against the remote backend: a {@link RemoteDatabase} speaking KV
 * Connect to the project's server, which serves a fresh in-memory SQLite database to each test.
 */
@SpringBootTest(classes = RemoteConformanceTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RemoteConformanceTest extends DatabaseConformance {

  @LocalServerPort int port;
  @Autowired Served served;

  @Override
  protected Database openDatabase() {
    served.replace(SqliteDatabase.inMemory());
    return RemoteDatabase.builder()
        .url("http://localhost:" + port + "/kv")
        .accessToken(KvConnectTestApplication.ACCESS_TOKEN)
        .build();
  }

  @Override
  protected boolean reportsFailedCheckIndexes() {
    return false;
  }

  @Override
  protected Class<? extends KvException> mutationErrorType() {
    return KvRemoteException.class;
  }

  @Override
  protected boolean asyncWritesKeepCallerOrder() {
    return false;
  }

  /** A KV Connect server whose database each test replaces with an empty one. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Served served() {
      return new Served();
    }

    @Bean
    RouterFunction<ServerResponse> kvConnectRoutes(Served served) {
      return new KvConnectHandler(served, DatabaseIdStore.ephemeral(),
          KvConnectServerOptions.of("/kv", List.of(KvConnectTestApplication.ACCESS_TOKEN))).routerFunction();
    }
  }

  /** Passes every call to the current database. */
  static final class Served implements Database {
    private volatile Database current = SqliteDatabase.inMemory();

    synchronized void replace(Database next) {
      Database previous = current;
      current = next;
      previous.close();
    }

    @Override
    public List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
      return current.snapshotRead(ranges, consistency);
    }

    @Override
    public CommitResult atomicWrite(AtomicWrite write) {
      return current.atomicWrite(write);
    }

    @Override
    public WatchSubscription watch(List<byte[]> keys, WatchListener listener) {
      return current.watch(keys, listener);
    }

    @Override
    public @Nullable QueueMessageHandle dequeueNextMessage() throws InterruptedException {
      return current.dequeueNextMessage();
    }

    @Override
    public void close() {
      current.close();
    }
  }
}
