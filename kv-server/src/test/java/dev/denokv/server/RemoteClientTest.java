package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.KvCommitResult;
import dev.denokv.KvEntry;
import dev.denokv.KvSubscription;
import dev.denokv.KvTemplate;
import dev.denokv.ListSelector;
import dev.denokv.error.KvRemoteException;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.value.KvU64;
import dev.denokv.value.codec.DenoValueCodec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The project's own remote backend, under {@code KvTemplate}, using a database this server hosts. */
@SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RemoteClientTest {

  @LocalServerPort int port;

  @Test
  void theRemoteBackendReadsWritesAndWatchesThroughTheServer() throws Exception {
    RemoteDatabase remote =
        RemoteDatabase.builder()
            .url("http://localhost:" + port + "/kv")
            .accessToken(KvConnectTestApplication.ACCESS_TOKEN)
            .build();
    try (KvTemplate kv = KvTemplate.builder(remote).valueCodec(DenoValueCodec.defaults()).build()) {
      KvKey a = KvKey.of("java", "a");
      var committed = kv.set(a, "alpha");
      KvEntry<String> read = kv.get(a, String.class);
      assertThat(read.value()).isEqualTo("alpha");
      assertThat(read.versionstamp()).isEqualTo(committed);
      for (int i = 0; i < 5; i++) {
        kv.set(KvKey.of("java", "l", i), i);
      }
      assertThat(kv.list(ListSelector.prefix(KvKey.of("java", "l")), Object.class).stream()
              .map(e -> e.key().toString()).toList())
          .hasSize(5);

      KvEntry<Object> missing = kv.get(KvKey.of("java", "acct"));
      KvCommitResult ok = kv.atomic().check(missing).set(KvKey.of("java", "acct"), "first").commit();
      KvCommitResult stale = kv.atomic().check(missing).set(KvKey.of("java", "acct"), "second").commit();
      assertThat(ok.ok()).isTrue();
      assertThat(stale.ok()).isFalse();
      kv.atomic().sum(KvKey.of("java", "n"), KvU64.of(40)).commit();
      kv.atomic().sum(KvKey.of("java", "n"), KvU64.of(2)).commit();
      assertThat(kv.get(KvKey.of("java", "n"), KvU64.class).value()).isEqualTo(KvU64.of(42));

      assertThatThrownBy(() -> kv.atomic().sum(a, KvU64.of(1)).commit())
          .isInstanceOf(KvRemoteException.class)
          .satisfies(e -> assertThat(((KvRemoteException) e).status()).isEqualTo(400));

      List<List<KvEntry<String>>> seen = new CopyOnWriteArrayList<>();
      KvKey watched = KvKey.of("java", "w");
      try (KvSubscription sub = kv.watch(List.of(watched), String.class, seen::add)) {
        waitUntil(() -> !seen.isEmpty());
        kv.set(watched, "changed");
        waitUntil(() -> seen.stream().anyMatch(e -> "changed".equals(e.get(0).value())));
      }
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition reached in time").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
