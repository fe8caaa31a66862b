package dev.denokv.boot.autoconfigure.postgres;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the PostgreSQL backend is selected: {@code kv.postgres.url} set or
 * {@code kv.postgres.use-data-source=true}, no {@code kv.url} (the remote backend comes first) and
 * no {@code local} profile (which keeps the embedded database).
 */
final class OnPostgresBackendCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Environment env = context.getEnvironment();
    boolean configured = StringUtils.hasText(env.getProperty("kv.postgres.url"))
        || env.getProperty("kv.postgres.use-data-source", Boolean.class, false);
    if (!configured) {
      return ConditionOutcome.noMatch("neither kv.postgres.url nor kv.postgres.use-data-source is set");
    }
    if (env.matchesProfiles("local")) {
      return ConditionOutcome.noMatch("the 'local' profile keeps the embedded database");
    }
    if (StringUtils.hasText(env.getProperty("kv.url"))) {
      return ConditionOutcome.noMatch("kv.url selects the remote database");
    }
    return ConditionOutcome.match("Deno KV backend POSTGRES (kv.postgres configured, kv.url not set)");
  }
}
