package dev.denokv.boot.autoconfigure;

import dev.denokv.remote.RemoteDatabase;
import dev.denokv.remote.RetryOptions;
import io.github.resilience4j.retry.Retry;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
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
@Conditional(OnRemoteBackendCondition.class)
class RemoteDatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RemoteDatabaseConfiguration.class);

  /** {@code kv.url} and {@code kv.access-token} (or {@code DENO_KV_ACCESS_TOKEN}) as connection details. */
  @Bean
  @ConditionalOnMissingBean(KvConnectionDetails.class)
  KvConnectionDetails kvConnectionDetails(KvProperties properties, Environment environment) {
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
    String accessToken = token;
    return new KvConnectionDetails() {
      @Override
      public String getUrl() {
        return url;
      }

      @Override
      public String getAccessToken() {
        return accessToken;
      }
    };
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean({dev.denokv.spi.Database.class, dev.denokv.KvTemplate.class})
  RemoteDatabase kvDatabase(
      KvProperties properties, KvConnectionDetails connection, ObjectProvider<RestClient.Builder> restClientBuilder) {
    String url = connection.getUrl();
    RemoteDatabase.Builder builder = RemoteDatabase.builder();
    UnaryOperator<String> withoutSecrets = message -> message.replace(url, redacted(url));
    PropertyCheck.property("kv.url", redacted(url), () -> builder.url(url), withoutSecrets);
    builder.accessToken(connection.getAccessToken());
    configure(builder, properties.getRemote());
    RestClient.Builder rest = restClientBuilder.getIfAvailable();
    if (rest != null) {
      builder.restClientBuilder(rest);
    }
    RemoteDatabase database = PropertyCheck.property("kv.url", redacted(url), builder::build, withoutSecrets);
    log.info("Deno KV: KV Connect database at {}", redacted(url));
    return database;
  }

  /** Applies each {@code kv.remote.*} setting, naming the property a rejected value belongs to. */
  private static void configure(RemoteDatabase.Builder builder, KvProperties.Remote remote) {
    PropertyCheck.property("kv.remote.connect-timeout", remote.getConnectTimeout(), () -> builder.connectTimeout(remote.getConnectTimeout()));
    PropertyCheck.property("kv.remote.request-timeout", remote.getRequestTimeout(), () -> builder.requestTimeout(remote.getRequestTimeout()));
    PropertyCheck.property("kv.remote.metadata-refresh-margin", remote.getMetadataRefreshMargin(),
        () -> builder.metadataRefreshMargin(remote.getMetadataRefreshMargin()));
    KvProperties.Retry retry = remote.getRetry();
    RetryOptions options = RetryOptions.defaults();
    options = with(options, "kv.remote.retry.max-attempts", retry.getMaxAttempts(), o -> o.withMaxAttempts(retry.getMaxAttempts()));
    options = with(options, "kv.remote.retry.max-elapsed", retry.getMaxElapsed(), o -> o.withMaxElapsed(retry.getMaxElapsed()));
    options = with(options, "kv.remote.retry.multiplier", retry.getMultiplier(), o -> o.withMultiplier(retry.getMultiplier()));
    options = with(options, "kv.remote.retry.randomization-factor", retry.getRandomizationFactor(),
        o -> o.withRandomizationFactor(retry.getRandomizationFactor()));
    Duration initial = retry.getInitialInterval();
    Duration roomy = max(initial, options.maxInterval());
    options = with(options, "kv.remote.retry.initial-interval", initial,
        o -> o.withMaxInterval(roomy).withInitialInterval(initial));
    RetryOptions settings =
        with(options, "kv.remote.retry.max-interval", retry.getMaxInterval(), o -> o.withMaxInterval(retry.getMaxInterval()));
    builder.retry(settings);
  }

  private static RetryOptions with(RetryOptions options, String property, Object value, UnaryOperator<RetryOptions> change) {
    return PropertyCheck.property(property, value, () -> change.apply(options));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
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
