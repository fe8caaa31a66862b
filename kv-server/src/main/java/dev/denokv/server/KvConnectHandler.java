package dev.denokv.server;

import com.deno.kv.datapath.SnapshotRead;
import com.deno.kv.datapath.Watch;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.denokv.Consistency;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvMutationException;
import dev.denokv.error.KvOutcomeUnknownException;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.proto.internal.KvConnectExtensions;
import dev.denokv.proto.internal.ProtoMapper;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves a {@link Database} over KV Connect as Spring MVC functional endpoints: the metadata
 * exchange at {@link KvConnectServerOptions#path()} and {@code snapshot_read},
 * {@code atomic_write} and {@code watch} under {@link KvConnectServerOptions#dataPath()}.
 * Register the handler and {@link #routerFunction()} as beans in a Spring MVC application. As a
 * {@link SmartLifecycle} bean it ends open watch streams when the application stops, before the
 * web server's graceful shutdown would wait for them; closing it (Spring does so for a bean) also
 * stops its threads. Watch streams write with Servlet non-blocking I/O on a pool of writer
 * threads; one shared scheduler thread only marks their keep-alives due. A client that stops
 * reading holds up no other stream, no shared thread and no shutdown.
 *
 * <p>Every request is authenticated (access tokens for the exchange, short-lived signed tokens it
 * hands out for the data path, valid on every instance with the same access tokens and database
 * id), checked against the protocol headers and {@link KvConnectLimits}, and refused with a
 * plain-text 4xx message before it touches the database when anything is wrong.
 */
public final class KvConnectHandler implements SmartLifecycle, AutoCloseable {

  /** The media type of data-path requests and answers. */
  public static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");

  private static final Logger log = LoggerFactory.getLogger(KvConnectHandler.class);
  private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
  private static final int MAX_METADATA_BODY_BYTES = 64 * 1024;

  private final Database database;
  private final KvConnectServerOptions settings;
  private final Clock clock;
  private final UUID databaseId;
  private final AccessTokenVerifier accessTokens;
  private final DataPathTokens dataPathTokens;
  private final MetadataExchange exchange;
  private final RequestLimits requestLimits;
  private final ScheduledExecutorService keepAliveScheduler;
  private final ExecutorService watchWriters;
  private final Set<WatchStream> openWatches = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> watchesByClient = new ConcurrentHashMap<>();
  private final FailedAuthentications failedAuthentications;
  /** Extensions announced by the metadata exchange (see {@link KvConnectExtensions}). */
  private final Set<String> extensions = ConcurrentHashMap.newKeySet();
  private volatile boolean running;

  /**
   * A handler serving {@code database} with the system clock and a token secret that lives as long
   * as this process: data-path tokens do not survive a restart. Prefer the constructor taking a
   * {@link TokenSecretStore}.
   */
  public KvConnectHandler(Database database, DatabaseIdStore databaseIds, KvConnectServerOptions settings) {
    this(database, databaseIds, TokenSecretStore.ephemeral(), settings, Clock.systemUTC());
  }

  /** A handler serving {@code database} with the system clock; {@code secrets} signs the data-path tokens. */
  public KvConnectHandler(
      Database database, DatabaseIdStore databaseIds, TokenSecretStore secrets, KvConnectServerOptions settings) {
    this(database, databaseIds, secrets, settings, Clock.systemUTC());
  }

  /**
   * A handler serving {@code database}; {@code secrets} signs the data-path tokens, {@code clock}
   * dates them and times the per-client protections.
   */
  public KvConnectHandler(
      Database database, DatabaseIdStore databaseIds, TokenSecretStore secrets, KvConnectServerOptions settings,
      Clock clock) {
    this.database = database;
    this.settings = settings;
    this.clock = clock;
    this.databaseId = DatabaseIds.requireNotNil(databaseIds.databaseId());
    this.accessTokens = new AccessTokenVerifier(settings.accessTokens());
    byte[] secret = secrets.secret();
    if (secret.length < TokenSecretStore.MIN_SECRET_BYTES) {
      throw new KvInvalidArgumentException(
          "The token secret must be at least " + TokenSecretStore.MIN_SECRET_BYTES + " bytes long");
    }
    this.dataPathTokens =
        new DataPathTokens(secret, settings.accessTokens(), databaseId, clock, settings.tokenTtl());
    this.failedAuthentications = new FailedAuthentications(settings.maxFailedAuthenticationsPerMinute(), clock);
    this.exchange = new MetadataExchange(JsonMapper.builder().build());
    // What the database accepts bounds what the server lets through, so that it answers 400, not 5xx.
    this.requestLimits = new RequestLimits(settings.limits().narrowedTo(database.limits()));
    this.keepAliveScheduler =
        Executors.newSingleThreadScheduledExecutor(new DaemonThreads("kv-connect-keep-alive"));
    this.watchWriters = Executors.newCachedThreadPool(new DaemonThreads("kv-connect-watch"));
  }

  /** The routes of the metadata exchange and the data path. */
  public RouterFunction<ServerResponse> routerFunction() {
    String data = settings.dataPath();
    return RouterFunctions.route()
        .POST(settings.path(), guarded(this::metadataExchange))
        .POST(data + "/snapshot_read", guarded(this::snapshotRead))
        .POST(data + "/atomic_write", guarded(this::atomicWrite))
        .POST(data + "/watch", guarded(this::watch))
        .route(notPost(settings.path()), KvConnectHandler::methodNotAllowed)
        .route(notPost(data + "/*"), KvConnectHandler::methodNotAllowed)
        .build();
  }

  /**
   * The filter that keeps requests with a wildcard or unparsable {@code Content-Type} from failing
   * before they reach the routes; register it with the servlet container next to the routes.
   */
  public KvConnectRequestFilter requestFilter() {
    return new KvConnectRequestFilter(settings);
  }

  /** The id clients see for the served database. */
  public UUID databaseId() {
    return databaseId;
  }

  /** The settings this handler serves with. */
  public KvConnectServerOptions settings() {
    return settings;
  }

  /** How many watch streams are open. */
  public int openWatchCount() {
    return openWatches.size();
  }

  /** Exchanges an access token for the database's metadata and a data-path token. */
  public ServerResponse metadataExchange(ServerRequest request) throws IOException {
    authenticate(request, accessTokens::isValid, "Invalid access token.");
    int version = exchange.negotiate(body(request, MAX_METADATA_BODY_BYTES));
    DataPathTokens.Issued issued = dataPathTokens.issue();
    byte[] json =
        exchange.metadata(version, databaseId, exchangeUrl(request), settings.relativeEndpoint(), issued);
    return ServerResponse.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .headers(h -> announceExtensions(h))
        .body(json);
  }

  /** Makes the metadata exchange announce {@code extension} (a name from {@link KvConnectExtensions}). */
  void announce(String extension) {
    extensions.add(extension);
  }

  private void announceExtensions(HttpHeaders headers) {
    if (!extensions.isEmpty()) {
      headers.set(KvConnectExtensions.HEADER, KvConnectExtensions.format(extensions));
    }
  }

  /** Answers a {@code SnapshotRead} with a {@code SnapshotReadOutput}. */
  public ServerResponse snapshotRead(ServerRequest request) throws IOException {
    authorizeDataPath(request);
    SnapshotRead read = SnapshotRead.parseFrom(dataPathBody(request));
    List<ReadRange> ranges = ProtoMapper.fromProto(read);
    requestLimits.checkSnapshotRead(ranges);
    List<List<RawEntry>> result = database.snapshotRead(ranges, Consistency.STRONG);
    return protobuf(ProtoMapper.toProto(result, true).toByteArray());
  }

  /** Commits an {@code AtomicWrite} and answers with an {@code AtomicWriteOutput}. */
  public ServerResponse atomicWrite(ServerRequest request) throws IOException {
    authorizeDataPath(request);
    com.deno.kv.datapath.AtomicWrite message = com.deno.kv.datapath.AtomicWrite.parseFrom(dataPathBody(request));
    AtomicWrite write = ProtoMapper.fromProto(message);
    requestLimits.checkAtomicWrite(write, clock.millis());
    CommitResult result = database.atomicWrite(write);
    return protobuf(ProtoMapper.toProto(result).toByteArray());
  }

  /** Opens a stream of {@code WatchOutput} frames for a {@code Watch} (protocol version 3). */
  public ServerResponse watch(ServerRequest request) throws IOException {
    int version = authorizeDataPath(request);
    if (version < 3) {
      throw KvConnectRejection.badRequest("Watching requires protocol version 3.");
    }
    List<byte[]> keys = ProtoMapper.fromProto(Watch.parseFrom(dataPathBody(request)));
    requestLimits.checkWatch(keys);
    HttpServletRequest servletRequest = request.servletRequest();
    String client = servletRequest.getRemoteAddr();
    AtomicInteger open = watchesByClient.computeIfAbsent(client, c -> new AtomicInteger());
    if (open.incrementAndGet() > settings.maxWatchesPerClient()) {
      releaseWatch(client);
      throw KvConnectRejection.tooManyRequests(
          "Too many open watch streams from this client: at most " + settings.maxWatchesPerClient()
              + "; close watches before opening more.", 1);
    }
    return ServerResponse.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .stream(
            out -> {
              AsyncContext async = servletRequest.getAsyncContext();
              async.setTimeout(0);
              WatchStream stream = new WatchStream(out, async, watchWriters, closed -> {
                if (openWatches.remove(closed)) {
                  releaseWatch(client);
                }
              }, clock, settings.watchStallTimeout());
              openWatches.add(stream);
              stream.start(database, keys, keepAliveScheduler, settings.keepAliveInterval());
            });
  }

  /** Ends every open watch stream; clients reconnect to wherever the database is served next. */
  public void endOpenWatches() {
    for (WatchStream stream : List.copyOf(openWatches)) {
      stream.finish();
    }
  }

  @Override
  public void start() {
    running = true;
  }

  /** Ends the open watch streams, so that a graceful shutdown does not wait for them. */
  @Override
  public void stop() {
    running = false;
    endOpenWatches();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Ends every open watch stream and stops the scheduler and, once they have completed their
   * responses, the writer threads. Returns at once. Does not close the database.
   */
  @Override
  public void close() {
    stop();
    keepAliveScheduler.shutdownNow();
    watchWriters.shutdown();
  }

  // ---- request checks ---------------------------------------------------------------------

  private void releaseWatch(String client) {
    watchesByClient.computeIfPresent(client, (c, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  int authorizeDataPath(ServerRequest request) {
    authenticate(request, dataPathTokens::isValid,
        "Invalid or expired data path token; exchange the access token for a new one.");
    return protocolVersion(request);
  }

  /**
   * Checks the bearer token with {@code valid}, counting failures per client address and refusing
   * an address that failed too often.
   */
  private void authenticate(ServerRequest request, java.util.function.Predicate<String> valid, String refusal) {
    String address = request.servletRequest().getRemoteAddr();
    failedAuthentications.checkAllowed(address);
    String token = bearerTokenOrNull(request);
    if (token == null) {
      failedAuthentications.failed(address, request.path());
      throw KvConnectRejection.unauthorized("Malformed authorization header.");
    }
    if (!valid.test(token)) {
      failedAuthentications.failed(address, request.path());
      throw KvConnectRejection.unauthorized(refusal);
    }
  }

  /**
   * The URL of the metadata exchange as clients reach it: the configured public URL, else the
   * address and port the connection came in on (never a {@code Host} header a client chose).
   */
  private URI exchangeUrl(ServerRequest request) {
    URI configured = settings.publicUrl();
    if (configured != null) {
      return configured;
    }
    HttpServletRequest r = request.servletRequest();
    String address = r.getLocalAddr();
    String host = address.contains(":") ? "[" + address + "]" : address;
    return URI.create(r.getScheme() + "://" + host + ":" + r.getLocalPort() + r.getContextPath() + settings.path());
  }

  /** Checks the protocol headers and returns the protocol version they announce. */
  private int protocolVersion(ServerRequest request) {
    String versionHeader = header(request, "x-denokv-version");
    int version;
    String idHeader;
    if (versionHeader != null) {
      version = switch (versionHeader.trim()) {
        case "2" -> 2;
        case "3" -> 3;
        default -> throw KvConnectRejection.badRequest("Unsupported protocol version in x-denokv-version.");
      };
      idHeader = header(request, "x-denokv-database-id");
      if (idHeader == null) {
        throw KvConnectRejection.badRequest("Missing x-denokv-database-id header.");
      }
    } else {
      version = 1;
      idHeader = header(request, "x-transaction-domain-id");
      if (idHeader == null) {
        throw KvConnectRejection.badRequest(
            "Missing x-denokv-version and x-denokv-database-id headers (or x-transaction-domain-id for protocol version 1).");
      }
    }
    if (!databaseId.toString().equals(idHeader.trim().toLowerCase(Locale.ROOT))) {
      throw KvConnectRejection.badRequest("The database id in the request does not match this database.");
    }
    return version;
  }

  private static @org.jspecify.annotations.Nullable String bearerTokenOrNull(ServerRequest request) {
    String authorization = header(request, HttpHeaders.AUTHORIZATION);
    if (authorization == null || authorization.length() <= 7
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  private static @org.jspecify.annotations.Nullable String header(ServerRequest request, String name) {
    return request.headers().firstHeader(name);
  }

  byte[] dataPathBody(ServerRequest request) throws IOException {
    return body(request, settings.limits().maxRequestBodyBytes());
  }

  /** Reads the body, refusing (without reading it all) one larger than {@code max} bytes. */
  private static byte[] body(ServerRequest request, int max) throws IOException {
    HttpServletRequest servletRequest = request.servletRequest();
    if (servletRequest.getContentLengthLong() > max) {
      throw tooLarge(max);
    }
    try (InputStream in = servletRequest.getInputStream()) {
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw tooLarge(max);
      }
      return bytes;
    }
  }

  private static KvConnectRejection tooLarge(int max) {
    return KvConnectRejection.badRequest("The request body is larger than " + max + " bytes.");
  }

  // ---- responses --------------------------------------------------------------------------

  static ServerResponse protobuf(byte[] bytes) {
    return ServerResponse.ok().contentType(PROTOBUF).body(bytes);
  }

  private static ServerResponse text(int status, String message) {
    return ServerResponse.status(status).contentType(TEXT).body(message.getBytes(StandardCharsets.UTF_8));
  }

  private static RequestPredicate notPost(String pattern) {
    return RequestPredicates.path(pattern).and(RequestPredicates.method(HttpMethod.POST).negate());
  }

  private static ServerResponse methodNotAllowed(ServerRequest request) {
    return ServerResponse.status(405)
        .allow(HttpMethod.POST)
        .contentType(TEXT)
        .body(("KV Connect requests use POST, not " + request.method().name() + ".").getBytes(StandardCharsets.UTF_8));
  }

  static HandlerFunction<ServerResponse> guarded(HandlerFunction<ServerResponse> handler) {
    return request -> {
      try {
        return handler.handle(request);
      } catch (KvConnectRejection e) {
        log.debug("Refused a KV Connect request to {}: {} {}", request.path(), e.status(), e.getMessage());
        if (e.retryAfterSeconds() > 0) {
          return ServerResponse.status(e.status())
              .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
              .contentType(TEXT)
              .body(e.getMessage().getBytes(StandardCharsets.UTF_8));
        }
        return text(e.status(), e.getMessage());
      } catch (InvalidProtocolBufferException e) {
        return text(400, "The request body is not a valid protobuf message.");
      } catch (KvCodecException | KvInvalidArgumentException | KvMutationException e) {
        return text(400, e.getMessage());
      } catch (KvOutcomeUnknownException e) {
        // The database went away after the write was sent to it: it may have been applied. A
        // gateway timeout tells clients that know the difference not to send it again blindly.
        return text(504, "The database did not confirm the write; it may have been applied.");
      } catch (KvClosedException | KvUnavailableException e) {
        return text(503, "The database is unavailable.");
      } catch (IOException e) {
        log.debug("Reading a KV Connect request failed", e);
        return text(400, "The request body could not be read.");
      } catch (RuntimeException e) {
        log.error("A KV Connect request to {} failed", request.path(), e);
        return text(500, "Internal server error.");
      }
    };
  }
}
