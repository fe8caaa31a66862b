package dev.denokv.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Profile;

/** Selects the embedded backend: whenever {@link OnRemoteBackendCondition} does not select the remote one. */
final class OnEmbeddedBackendCondition extends NoneNestedConditions {

  OnEmbeddedBackendCondition() {
    super(ConfigurationPhase.REGISTER_BEAN);
  }

  @ConditionalOnKvBackend(KvBackend.REMOTE)
  static final class UrlConfigured {}

  @ConditionalOnBean(KvConnectionDetails.class)
  @Profile("!" + KvBackend.LOCAL_PROFILE)
  static final class DetailsSupplied {}
}
