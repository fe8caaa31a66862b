package dev.denokv.cli.target;

import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.spi.Database;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code --url <url>}: a database over KV Connect (Deno Deploy, denokv, or this project's server).
 * The metadata exchange is made at once, so an unreachable server or a refused token is reported
 * before the command starts; a command line retries briefly rather than for a minute.
 */
public final class RemoteTargetProvider implements TargetProvider {

  @Override
  public String optionName() {
    return "--url";
  }

  @Override
  public @Nullable String paramLabel() {
    return "<url>";
  }

  @Override
  public String description() {
    return "a KV Connect URL; the token comes from --access-token or DENO_KV_ACCESS_TOKEN";
  }

  @Override
  public Target target(String value, Credentials credentials) {
    URI url;
    try {
      url = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "bad URL: " + e.getMessage());
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new CliException(ExitCode.USAGE, "a KV Connect URL starts with http:// or https://: " + value);
    }
    String shown = url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
        + (url.getRawPath() == null ? "" : url.getRawPath());
    return new Target() {
      @Override
      public Database open(boolean create) {
        RemoteDatabase database = RemoteDatabase.builder()
            .url(url)
            .accessToken(credentials.requireAccessToken())
            .connectTimeout(Duration.ofSeconds(5))
            .requestTimeout(Duration.ofSeconds(30))
            .retryMaxAttempts(3)
            .retryInitialInterval(Duration.ofMillis(200))
            .retryMaxElapsed(Duration.ofSeconds(5))
            .build();
        try {
          database.metadata();
        } catch (RuntimeException e) {
          database.close();
          throw e;
        }
        return database;
      }

      @Override
      public String describe() {
        return "KV Connect database at " + shown;
      }
    };
  }
}
