package dev.denokv.boot.autoconfigure;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports a refused setting that holds a secret (a password, a token, a URL that may carry a
 * password) naming the property and the reason, but never its configured value: Spring Boot's own
 * report of an {@link InvalidConfigurationPropertyValueException} prints the value as found in the
 * environment. Only the value the exception carries is shown, which this module's code makes free
 * of secrets ({@code <hidden>}, a URL without credentials).
 */
public final class SensitivePropertyFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidConfigurationPropertyValueException> implements Ordered {

  /** The properties whose configured values are never shown. */
  static final Set<String> SENSITIVE = Set.of("kv.postgres.password", "kv.postgres.url", "kv.postgres.replica-url",
      "kv.server.token-secret", "kv.server.access-tokens", "kv.access-token");

  @Override
  protected @Nullable FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationPropertyValueException cause) {
    if (!SENSITIVE.contains(cause.getName())) {
      return null;
    }
    Object shown = cause.getValue();
    StringBuilder description = new StringBuilder("Invalid value ");
    if (shown != null) {
      description.append('\'').append(shown).append("' ");
    }
    description.append("for configuration property '").append(cause.getName())
        .append("' (the configured value is not shown).");
    if (cause.getReason() != null) {
      description.append(" Validation failed for the following reason:\n\n").append(cause.getReason());
    }
    return new FailureAnalysis(description.toString(),
        "Review the value of the property " + cause.getName() + " with the provided reason.", cause);
  }

  /** Before Spring Boot's analyzer of the same exception, which shows the configured value. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
