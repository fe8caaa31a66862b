package dev.denokv.boot.autoconfigure;

import java.util.Map;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition behind {@link ConditionalOnKvBackend}. */
final class OnKvBackendCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Map<String, Object> attributes =
        Objects.requireNonNull(metadata.getAnnotationAttributes(ConditionalOnKvBackend.class.getName()));
    KvBackend wanted = (KvBackend) attributes.get("value");
    KvBackend selected = KvBackend.of(context.getEnvironment());
    String message = "Deno KV backend " + selected + " (kv.url "
        + (context.getEnvironment().containsProperty("kv.url") ? "set" : "not set") + ", profile '"
        + KvBackend.LOCAL_PROFILE + "' " + (context.getEnvironment().matchesProfiles(KvBackend.LOCAL_PROFILE) ? "active" : "inactive")
        + ")";
    return selected == wanted ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
  }
}
