package dev.denokv.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.spi.Capability;
import org.junit.jupiter.api.Test;

/** {@code KvTemplate.connect} finds the remote backend on the class path, like {@code Deno.openKv(url)}. */
class ConnectTest {

  @Test
  void connectOpensTheRemoteBackendAtTheUrl() throws Exception {
    try (InMemoryKvConnectServer server = new InMemoryKvConnectServer("connect-token");
        KvTemplate kv = KvTemplate.connect(server.url(), "connect-token")) {
      assertThat(kv.database()).isInstanceOf(RemoteDatabase.class);
      assertThat(kv.database().capabilities()).doesNotContain(Capability.QUEUE_CONSUMER);
      kv.set(KvKey.of("greeting"), "hello");
      assertThat(kv.get(KvKey.of("greeting")).value()).isEqualTo("hello");
      assertThat(server.exchanges()).isEqualTo(1);
    }
  }
}
