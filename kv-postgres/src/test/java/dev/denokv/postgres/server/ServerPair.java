package dev.denokv.postgres.server;

import dev.denokv.KvTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * The server instances "A" and "B" of a test, over one database, and the clients the test opened
 * on them; closing the pair closes them all.
 */
final class ServerPair implements AutoCloseable {

  final ServerProcess a;
  final ServerProcess b;
  private final List<KvTemplate> clients = new ArrayList<>();

  private ServerPair(ServerProcess a, ServerProcess b) {
    this.a = a;
    this.b = b;
  }

  /** Starts both instances (see {@link ServerProcess#startAll}). */
  static ServerPair start(String jdbcUrl, String schema, boolean consumer) throws Exception {
    List<ServerProcess> servers = ServerProcess.startAll(jdbcUrl, schema, consumer, "A", "B");
    return new ServerPair(servers.get(0), servers.get(1));
  }

  /** A new client of {@code server}, closed with the pair. */
  KvTemplate client(ServerProcess server) {
    KvTemplate kv = server.client();
    synchronized (clients) {
      clients.add(kv);
    }
    return kv;
  }

  @Override
  public void close() throws InterruptedException {
    synchronized (clients) {
      clients.forEach(KvTemplate::close);
    }
    a.close();
    b.close();
  }
}
