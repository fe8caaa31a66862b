package dev.denokv.remote;

import com.deno.kv.datapath.SnapshotRead;
import com.deno.kv.datapath.Watch;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.denokv.Versionstamp;
import dev.denokv.proto.internal.ProtoMapper;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small KV Connect server (protocol v3) over an in-memory map, for end-to-end tests of the
 * client: bearer-token checks, snapshot reads, atomic writes with checks, LE64 sums, and streamed
 * watches with keep-alives. Not a reference implementation: no expiry, queues are only accepted.
 */
final class InMemoryKvConnectServer implements AutoCloseable {

  private final String accessToken;
  private final String dataToken = "data-" + java.util.UUID.randomUUID();
  private final HttpServer http;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final NavigableMap<byte[], RawEntry> store = new TreeMap<>(Arrays::compareUnsigned);
  private final Duration metadataLifetime;
  private final AtomicInteger exchanges = new AtomicInteger();
  private long version;
  private volatile boolean closed;

  InMemoryKvConnectServer(String accessToken) throws IOException {
    this(accessToken, Duration.ofHours(1));
  }

  /** A server whose metadata is valid for {@code metadataLifetime} from each exchange. */
  InMemoryKvConnectServer(String accessToken, Duration metadataLifetime) throws IOException {
    this.accessToken = accessToken;
    this.metadataLifetime = metadataLifetime;
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/connect", this::connect);
    http.createContext("/kv/snapshot_read", ex -> data(ex, this::snapshotRead));
    http.createContext("/kv/atomic_write", ex -> data(ex, this::atomicWrite));
    http.createContext("/kv/watch", ex -> data(ex, null));
    http.setExecutor(executor);
    http.start();
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/connect";
  }

  int port() {
    return http.getAddress().getPort();
  }

  /** Metadata exchanges answered so far. */
  int exchanges() {
    return exchanges.get();
  }

  private interface Handler {
    byte[] handle(byte[] request) throws IOException;
  }

  private void connect(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    if (!("Bearer " + accessToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      send(ex, 401, "text/plain", "Invalid access token.".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String json = "{\"version\":3,\"databaseId\":\"00000000-0000-0000-0000-000000000000\","
        + "\"endpoints\":[{\"url\":\"/kv\",\"consistency\":\"strong\"}],\"token\":\"" + dataToken
        + "\",\"expiresAt\":\"" + Instant.now().plus(metadataLifetime) + "\"}";
    exchanges.incrementAndGet();
    send(ex, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private void data(HttpExchange ex, Handler handler) throws IOException {
    byte[] request = ex.getRequestBody().readAllBytes();
    if (!("Bearer " + dataToken).equals(ex.getRequestHeaders().getFirst("Authorization"))
        || !"3".equals(ex.getRequestHeaders().getFirst("x-denokv-version"))) {
      send(ex, 401, "text/plain", "Invalid data-path token or version.".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (handler == null) {
      watch(ex, ProtoMapper.fromProto(Watch.parseFrom(request)));
      return;
    }
    send(ex, 200, "application/x-protobuf", handler.handle(request));
  }

  private synchronized byte[] snapshotRead(byte[] request) throws IOException {
    List<List<RawEntry>> out = new ArrayList<>();
    for (ReadRange r : ProtoMapper.fromProto(SnapshotRead.parseFrom(request))) {
      NavigableMap<byte[], RawEntry> range = store.subMap(r.start(), true, r.end(), false);
      List<RawEntry> entries = new ArrayList<>((r.reverse() ? range.descendingMap() : range).values());
      out.add(entries.subList(0, Math.min(r.limit(), entries.size())));
    }
    return ProtoMapper.toProto(out, true).toByteArray();
  }

  private synchronized byte[] atomicWrite(byte[] request) throws IOException {
    AtomicWrite write = ProtoMapper.fromProto(com.deno.kv.datapath.AtomicWrite.parseFrom(request));
    List<Integer> failed = new ArrayList<>();
    for (int i = 0; i < write.checks().size(); i++) {
      Check c = write.checks().get(i);
      RawEntry current = store.get(c.key());
      if (!Objects.equals(current == null ? null : current.versionstamp(), c.versionstamp())) {
        failed.add(i);
      }
    }
    if (!failed.isEmpty()) {
      return ProtoMapper.toProto(new CommitResult.CheckFailed(failed)).toByteArray();
    }
    Versionstamp vs = Versionstamp.ofVersion(++version);
    for (Mutation m : write.mutations()) {
      switch (m.kind()) {
        case SET -> store.put(m.key(), new RawEntry(m.key(), m.value(), vs));
        case DELETE -> store.remove(m.key());
        case SUM -> {
          RawEntry current = store.get(m.key());
          long sum = le64(m.value()) + (current == null ? 0 : le64(current.value()));
          byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(sum).array();
          store.put(m.key(), new RawEntry(m.key(), new EncodedValue(ValueEncoding.LE64, data), vs));
        }
        default -> throw new IOException("Unsupported mutation " + m.kind());
      }
    }
    notifyAll();
    return ProtoMapper.toProto(new CommitResult.Committed(vs)).toByteArray();
  }

  private static long le64(EncodedValue v) {
    return ByteBuffer.wrap(v.data()).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private void watch(HttpExchange ex, List<byte[]> keys) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    List<Versionstamp> last = null;
    try {
      while (!closed) {
        List<RawEntry> now = new ArrayList<>();
        synchronized (this) {
          for (byte[] k : keys) {
            now.add(store.get(k));
          }
        }
        List<Versionstamp> stamps = now.stream().map(e -> e == null ? null : e.versionstamp()).toList();
        if (!stamps.equals(last)) {
          List<WatchKeyOutput> outputs = new ArrayList<>();
          for (int i = 0; i < now.size(); i++) {
            boolean changed = last == null || !Objects.equals(last.get(i), stamps.get(i));
            outputs.add(new WatchKeyOutput(changed, changed ? now.get(i) : null));
          }
          byte[] frame = ProtoMapper.toProtoWatchOutput(outputs).toByteArray();
          out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(frame.length).array());
          out.write(frame);
          last = stamps;
        } else {
          out.write(new byte[4]);
        }
        out.flush();
        synchronized (this) {
          wait(200);
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away, or the server is stopping
    } finally {
      ex.close();
    }
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      notifyAll();
    }
    http.stop(0);
    executor.shutdownNow();
  }
}
