package dev.denokv.remote;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The end-to-end contract, run against the in-memory KV Connect server of the tests. */
class InMemoryServerContractTest extends RemoteDatabaseContract {

  private static InMemoryKvConnectServer server;

  @BeforeAll
  static void start() throws IOException {
    server = new InMemoryKvConnectServer("contract-access-token");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  protected RemoteDatabase.Builder remote() {
    return RemoteDatabase.builder().url(server.url()).accessToken("contract-access-token").retry(KvConnectStub.FAST_RETRY);
  }
}
