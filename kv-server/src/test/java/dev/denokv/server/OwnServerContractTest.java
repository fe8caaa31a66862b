package dev.denokv.server;

import dev.denokv.remote.RemoteDatabase;
import dev.denokv.remote.RemoteDatabaseContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The end-to-end contract of the remote backend, run against this project's own KV Connect server
 * ({@link KvConnectHandler} over a SQLite file, in a Spring Boot web application on a random port).
 */
@SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OwnServerContractTest extends RemoteDatabaseContract {

  @LocalServerPort int port;

  @Override
  protected RemoteDatabase.Builder remote() {
    return RemoteDatabase.builder()
        .url("http://localhost:" + port + "/kv")
        .accessToken(KvConnectTestApplication.ACCESS_TOKEN);
  }
}
