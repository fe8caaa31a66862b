package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.deno.kv.datapath.Watch;
import com.deno.kv.datapath.WatchKey;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Stopping the application ends open watch streams instead of waiting for them. */
class ShutdownTest {

  @Test
  void closingTheApplicationEndsOpenWatchStreamsPromptly() throws Exception {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(KvConnectTestApplication.class)
            .properties("server.port=0", "server.shutdown=graceful", "spring.lifecycle.timeout-per-shutdown-phase=20s")
            .run();
    long started;
    try {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      JavaKvConnectClient client = new JavaKvConnectClient(port);
      JavaKvConnectClient.Session s = client.session();
      byte[] watch = Watch.newBuilder().addKeys(WatchKey.newBuilder().setKey(Protos.bytes(Protos.key("shutdown")))).build().toByteArray();
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.endpoint() + "/watch")).POST(HttpRequest.BodyPublishers.ofByteArray(watch));
      JavaKvConnectClient.headers(s).forEach(b::header);
      HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(r.statusCode()).isEqualTo(200);
      InputStream in = r.body();
      assertThat(in.readNBytes(4)).containsExactly(0, 0, 0, 0);
      assertThat(context.getBean(KvConnectHandler.class).openWatchCount()).isEqualTo(1);
      started = System.nanoTime();
      context.close();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      in.readAllBytes(); // the stream ends rather than hanging
    } finally {
      context.close();
    }
  }
}
