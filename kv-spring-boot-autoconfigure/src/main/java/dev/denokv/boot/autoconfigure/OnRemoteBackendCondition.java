package dev.denokv.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Profile;

/**
 * Selects the remote backend: {@code kv.url} is set outside the {@code local} profile, or the
 * application supplies {@link KvConnectionDetails} outside that profile.
 */
final class OnRemoteBackendCondition extends AnyNestedCondition {

  OnRemoteBackendCondition() {
    super(ConfigurationPhase.REGISTER_BEAN);
  }

  @ConditionalOnKvBackend(KvBackend.REMOTE)
  static final class UrlConfigured {}

  @ConditionalOnBean(KvConnectionDetails.class)
  @Profile("!" + KvBackend.LOCAL_PROFILE)
  static final class DetailsSupplied {}
}
