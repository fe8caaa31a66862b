package dev.denokv.boot.autoconfigure;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.remote.RemoteDatabase;
import io.github.resilience4j.retry.Retry;
import java.net.URI;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * The KV Connect backend, used when {@code kv.url} is set outside the {@code local} profile. Its
 * HTTP clients are built from Boot's {@link RestClient.Builder} when there is one (so its
 * observations and customizers apply), over the library's own transports (pooled Apache HttpClient 5
 * for requests, the JDK client for watch streams), which leave redirects to the library (it sends
 * the access token only to the configured origin). No request is made at start-up: the metadata is
 * fetched on first use.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.denokv.remote.RemoteDatabase")
@ConditionalOnKvBackend(KvBackend.REMOTE)
class RemoteDatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RemoteDatabaseConfiguration.class);

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean({dev.denokv.spi.Database.class, dev.denokv.KvTemplate.class})
  RemoteDatabase kvDatabase(
      KvProperties properties, Environment environment, ObjectProvider<RestClient.Builder> restClientBuilder) {
    String url = Objects.requireNonNull(properties.getUrl());
    String token = properties.getAccessToken();
    if (!StringUtils.hasText(token)) {
      token = environment.getProperty(RemoteDatabase.ACCESS_TOKEN_ENV);
    }
    if (!StringUtils.hasText(token)) {
      throw new InvalidConfigurationPropertyValueException(
          "kv.access-token",
          null,
          "The KV Connect database at " + redacted(url) + " needs an access token: set kv.access-token or the "
              + RemoteDatabase.ACCESS_TOKEN_ENV + " environment variable.");
    }
    RemoteDatabase database;
    try {
      database = configure(RemoteDatabase.builder(), url, token, properties.getRemote(), restClientBuilder).build();
    } catch (KvInvalidArgumentException e) {
      String message = String.valueOf(e.getMessage()).replace(url, redacted(url));
      throw new InvalidConfigurationPropertyValueException(propertyOf(e), null, message);
    }
    log.info("Deno KV: KV Connect database at {}", redacted(url));
    return database;
  }

  private static RemoteDatabase.Builder configure(
      RemoteDatabase.Builder builder,
      String url,
      String token,
      KvProperties.Remote remote,
      ObjectProvider<RestClient.Builder> restClientBuilder) {
    KvProperties.Retry retry = remote.getRetry();
    builder
        .url(url)
        .accessToken(token)
        .connectTimeout(remote.getConnectTimeout())
        .requestTimeout(remote.getRequestTimeout())
        .metadataRefreshMargin(remote.getMetadataRefreshMargin())
        .retryInitialInterval(retry.getInitialInterval())
        .retryMultiplier(retry.getMultiplier())
        .retryRandomizationFactor(retry.getRandomizationFactor())
        .retryMaxInterval(retry.getMaxInterval())
        .retryMaxAttempts(retry.getMaxAttempts())
        .retryMaxElapsed(retry.getMaxElapsed());
    RestClient.Builder rest = restClientBuilder.getIfAvailable();
    if (rest != null) {
      builder.restClientBuilder(rest);
    }
    return builder;
  }

  /** The property group a rejected setting belongs to, judged by the builder's message. */
  private static String propertyOf(KvInvalidArgumentException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("URL")) {
      return "kv.url";
    }
    if (message.contains("retry") || message.contains("attempts")) {
      return "kv.remote.retry";
    }
    return "kv.remote";
  }

  /** The retry every request of the remote backend goes through (its event publisher reports retries). */
  @Bean
  @ConditionalOnBean(RemoteDatabase.class)
  @ConditionalOnMissingBean(name = "kvRemoteRetry")
  Retry kvRemoteRetry(RemoteDatabase database) {
    return database.retry();
  }

  /** {@code url} without user info, query or fragment, which may carry secrets. */
  static String redacted(String url) {
    try {
      URI u = URI.create(url);
      if (u.getScheme() == null || u.getHost() == null) {
        return "<invalid URL>";
      }
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
    } catch (Exception e) {
      return "<invalid URL>";
    }
  }
}
