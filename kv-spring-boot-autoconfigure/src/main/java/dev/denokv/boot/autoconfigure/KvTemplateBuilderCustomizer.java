package dev.denokv.boot.autoconfigure;

import dev.denokv.KvTemplate;

/**
 * Customizes the builder of the auto-configured {@link KvTemplate} before it is built, in
 * {@link org.springframework.core.Ordered order}: transaction support and exception translation
 * use it. Not applied to a {@code KvTemplate} the application defines itself.
 */
@FunctionalInterface
public interface KvTemplateBuilderCustomizer {

  /** Customizes {@code builder}. */
  void customize(KvTemplate.Builder builder);
}
