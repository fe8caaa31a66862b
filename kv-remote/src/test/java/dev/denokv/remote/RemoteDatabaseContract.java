package dev.denokv.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.Consistency;
import dev.denokv.Versionstamp;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.MutationKind;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End-to-end behaviour a {@link RemoteDatabase} must show against a real KV Connect server. A
 * server module extends this class and returns a builder pointing at a running server; every test
 * works under its own key prefix, so the database may be shared.
 */
public abstract class RemoteDatabaseContract {

  /** A builder for a database served by the server under test (URL and access token set). */
  protected abstract RemoteDatabase.Builder remote();

  private RemoteDatabase db;
  private String prefix;

  @BeforeEach
  public void open() {
    db = remote().build();
    prefix = UUID.randomUUID().toString();
  }

  @AfterEach
  public void closeDatabase() {
    db.close();
  }

  /** The encoded key [prefix, name]: two string parts. */
  private byte[] key(String name) {
    byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[p.length + n.length + 4];
    k[0] = 0x02;
    System.arraycopy(p, 0, k, 1, p.length);
    k[p.length + 1] = 0x00;
    k[p.length + 2] = 0x02;
    System.arraycopy(n, 0, k, p.length + 3, n.length);
    return k;
  }

  private static EncodedValue bytes(int... b) {
    byte[] data = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      data[i] = (byte) b[i];
    }
    return new EncodedValue(ValueEncoding.BYTES, data);
  }

  private static EncodedValue u64(long v) {
    byte[] d = new byte[8];
    for (int i = 0; i < 8; i++) {
      d[i] = (byte) (v >>> (8 * i));
    }
    return new EncodedValue(ValueEncoding.LE64, d);
  }

  private CommitResult write(List<Check> checks, Mutation... mutations) {
    return db.atomicWrite(new AtomicWrite(checks, List.of(mutations), List.of()));
  }

  private List<RawEntry> get(byte[] key, Consistency consistency) {
    byte[] end = java.util.Arrays.copyOf(key, key.length + 1);
    return db.snapshotRead(List.of(new ReadRange(key, end, 1, false)), consistency).get(0);
  }

  @Test
  public void aCommittedWriteIsReadBackWithItsVersionstamp() {
    byte[] k = key("a");
    CommitResult result = write(List.of(), Mutation.set(k, bytes(1, 2, 3), 0));

    assertThat(result).isInstanceOf(CommitResult.Committed.class);
    Versionstamp vs = ((CommitResult.Committed) result).versionstamp();
    assertThat(get(k, Consistency.STRONG)).singleElement().satisfies(e -> {
      assertThat(e.value()).isEqualTo(bytes(1, 2, 3));
      assertThat(e.versionstamp()).isEqualTo(vs);
    });
  }

  @Test
  public void asynchronousWritesInFlightTogetherAllCommit() throws Exception {
    List<CompletableFuture<CommitResult>> pending = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      pending.add(db.atomicWriteAsync(new AtomicWrite(List.of(), List.of(Mutation.set(key("async" + i), bytes(i), 0)), List.of())));
    }
    Set<Versionstamp> stamps = new HashSet<>();
    for (int i = 0; i < pending.size(); i++) {
      CommitResult result = pending.get(i).get(30, TimeUnit.SECONDS);
      Versionstamp vs = ((CommitResult.Committed) result).versionstamp();
      stamps.add(vs);
      assertThat(get(key("async" + i), Consistency.STRONG)).singleElement()
          .satisfies(e -> assertThat(e.versionstamp()).isEqualTo(vs));
    }
    assertThat(stamps).hasSize(24);
  }

  @Test
  public void checksGuardWrites() {
    byte[] k = key("c");
    Versionstamp first = ((CommitResult.Committed) write(List.of(new Check(k, null)), Mutation.set(k, bytes(1), 0))).versionstamp();

    assertThat(write(List.of(new Check(k, null)), Mutation.set(k, bytes(2), 0))).isInstanceOf(CommitResult.CheckFailed.class);
    CommitResult second = write(List.of(new Check(k, first)), Mutation.set(k, bytes(3), 0));
    assertThat(second).isInstanceOf(CommitResult.Committed.class);
    assertThat(((CommitResult.Committed) second).versionstamp()).isGreaterThan(first);
    assertThat(get(k, Consistency.STRONG).get(0).value()).isEqualTo(bytes(3));
  }

  @Test
  public void sumsAndDeletes() {
    byte[] k = key("n");
    write(List.of(), Mutation.set(k, u64(40), 0));
    write(List.of(), Mutation.arithmetic(k, MutationKind.SUM, u64(2)));
    assertThat(get(k, Consistency.STRONG).get(0).value()).isEqualTo(u64(42));

    write(List.of(), Mutation.delete(k));
    assertThat(get(k, Consistency.EVENTUAL)).isEmpty();
  }

  @Test
  public void enqueuesAreAccepted() {
    byte[] payload = {(byte) 0xFF, 0x0F, 0x49, 0x54};
    CommitResult result = db.atomicWrite(new AtomicWrite(List.of(), List.of(),
        List.of(new Enqueue(payload, System.currentTimeMillis() + 60_000, List.of(key("undelivered")), null))));
    assertThat(result).isInstanceOf(CommitResult.Committed.class);
  }

  @Test
  public void aWatchEmitsTheCurrentStateThenChanges() throws Exception {
    byte[] k = key("w");
    BlockingQueue<List<WatchKeyOutput>> emissions = new LinkedBlockingQueue<>();
    try (WatchSubscription sub = db.watch(List.of(k), new WatchListener() {
      @Override
      public void onChange(List<WatchKeyOutput> keys) {
        emissions.add(keys);
      }

      @Override
      public void onError(Throwable error) {}
    })) {
      List<WatchKeyOutput> first = emissions.poll(10, TimeUnit.SECONDS);
      assertThat(first).singleElement().satisfies(o -> assertThat(o.entry()).isNull());

      write(List.of(), Mutation.set(k, bytes(9), 0));
      List<WatchKeyOutput> next = emissions.poll(10, TimeUnit.SECONDS);
      assertThat(next).singleElement().satisfies(o -> {
        assertThat(o.changed()).isTrue();
        assertThat(o.entry()).isNotNull();
        assertThat(o.entry().value()).isEqualTo(bytes(9));
      });
    }
  }
}
