package dev.denokv.samples.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample's page in a real browser: Debian's Chromium, driven by playwright-core from the
 * project's npm peers ({@code interop/}), creates, follows, pages, deletes and lets links expire,
 * with the live click counts of 20 links on one page (more streams than a browser opens to one
 * host over HTTP/1.1, were there one per row).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LinksPageBrowserTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("kv-sample-browser");
    registry.add("kv.path", () -> dir.resolve("links.sqlite3").toString());
  }

  @LocalServerPort int port;
  @TempDir Path dir;

  @Test
  void aPersonCreatesFollowsPagesDeletesAndSeesLinksExpireWithLiveClickCounts() throws Exception {
    Path script = dir.resolve("links-page.mjs");
    try (InputStream in = getClass().getResourceAsStream("/browser/links-page.mjs")) {
      Files.write(script, in.readAllBytes());
    }
    ProcessBuilder builder = new ProcessBuilder("node", script.toString(), "http://localhost:" + port)
        .redirectErrorStream(true);
    builder.environment().put("KV_PEERS_DIR", peersDir().toString());
    builder.environment().putIfAbsent("CHROMIUM", "/usr/bin/chromium");
    Process process = builder.start();
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
      try (InputStream out = process.getInputStream()) {
        return new String(out.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "cannot read the output: " + e;
      }
    });
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    String log = output.get(1, TimeUnit.MINUTES);
    assertThat(process.exitValue()).as(log).isZero();
    assertThat(log).contains("step: create", "step: follow", "step: validation", "step: live count with 20 links",
        "step: paging", "step: delete", "step: expiry", "browser test passed");
  }

  private static Path peersDir() {
    String configured = System.getProperty("kv.peers.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("interop"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the interop/ peers directory");
    }
    return p.resolve("interop");
  }
}
