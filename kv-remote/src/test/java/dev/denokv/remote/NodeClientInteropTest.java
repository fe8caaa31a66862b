package dev.denokv.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.Consistency;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.testing.Peers;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real {@code @deno/kv} npm client and this client share one KV Connect server: what one
 * writes, the other reads with the same key bytes, value bytes and versionstamp, and a Java watch
 * sees the npm client's write. (The Deno CLI speaks HTTP/2 with prior knowledge to {@code http://}
 * KV Connect URLs, which the JDK's test HTTP server cannot serve.)
 */
class NodeClientInteropTest {

  private static final String TOKEN = "interop-access-token";

  /** The encoded key of string parts {@code parts}. */
  private static byte[] key(String... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String p : parts) {
      out.write(0x02);
      out.writeBytes(p.getBytes(StandardCharsets.UTF_8));
      out.write(0x00);
    }
    return out.toByteArray();
  }

  private static List<RawEntry> get(RemoteDatabase db, byte[] key) {
    byte[] end = Arrays.copyOf(key, key.length + 1);
    return db.snapshotRead(List.of(new ReadRange(key, end, 1, false)), Consistency.STRONG).get(0);
  }

  @Test
  void theNpmClientAndThisClientShareADatabaseOverKvConnect() throws Exception {
    try (InMemoryKvConnectServer server = new InMemoryKvConnectServer(TOKEN);
        RemoteDatabase db = RemoteDatabase.builder().url(server.url()).accessToken(TOKEN).build()) {
      CommitResult mine = db.atomicWrite(new AtomicWrite(List.of(),
          List.of(Mutation.set(key("from", "java"), new EncodedValue(ValueEncoding.BYTES, new byte[] {9, 8, 7}), 0)), List.of()));
      String myVersionstamp = ((CommitResult.Committed) mine).versionstamp().toHex();

      BlockingQueue<List<WatchKeyOutput>> emissions = new LinkedBlockingQueue<>();
      try (WatchSubscription sub = db.watch(List.of(key("from", "deno")), new WatchListener() {
        @Override
        public void onChange(List<WatchKeyOutput> keys) {
          emissions.add(keys);
        }

        @Override
        public void onError(Throwable error) {}
      })) {
        assertThat(emissions.poll(10, TimeUnit.SECONDS)).singleElement().satisfies(k -> assertThat(k.entry()).isNull());

        String out = Peers.node("""
            import { openKv } from "@deno/kv";
            const kv = await openKv(process.env.KV_URL);
            const mine = await kv.get(["from", "java"]);
            console.log(JSON.stringify({ value: Array.from(mine.value), versionstamp: mine.versionstamp }));
            const r = await kv.set(["from", "deno"], new Uint8Array([1, 2, 3]));
            console.log(JSON.stringify({ versionstamp: r.versionstamp }));
            kv.close();
            """, Map.of("KV_URL", server.url(), "DENO_KV_ACCESS_TOKEN", TOKEN), 60).orThrow();

        String[] lines = out.strip().split("\n");
        assertThat(lines[0]).isEqualTo("{\"value\":[9,8,7],\"versionstamp\":\"" + myVersionstamp + "\"}");
        String theirVersionstamp = lines[1].replaceAll(".*\"versionstamp\":\"([0-9a-f]{20})\".*", "$1");

        RawEntry theirs = get(db, key("from", "deno")).get(0);
        assertThat(theirs.key()).containsExactly(key("from", "deno"));
        assertThat(theirs.value()).isEqualTo(new EncodedValue(ValueEncoding.BYTES, new byte[] {1, 2, 3}));
        assertThat(theirs.versionstamp().toHex()).isEqualTo(theirVersionstamp);

        List<WatchKeyOutput> change = emissions.poll(10, TimeUnit.SECONDS);
        assertThat(change).singleElement().satisfies(k -> {
          assertThat(k.changed()).isTrue();
          assertThat(HexFormat.of().formatHex(k.entry().versionstamp().toBytes())).isEqualTo(theirVersionstamp);
        });
      }
    }
  }
}
