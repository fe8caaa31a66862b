package dev.denokv.boot.autoconfigure;

import dev.denokv.error.KvInvalidArgumentException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Applies one configuration property to a library option: a value the library rejects fails the
 * start-up naming that property and value, which Spring Boot's failure analyzer reports with the
 * property's origin and the library's reason.
 */
final class PropertyCheck {

  private PropertyCheck() {}

  static <T> T property(String property, @Nullable Object value, Supplier<T> apply) {
    return property(property, value, apply, UnaryOperator.identity());
  }

  /** {@link #property(String, Object, Supplier)} with the library's reason passed through {@code sanitize}. */
  static <T> T property(String property, @Nullable Object value, Supplier<T> apply, UnaryOperator<String> sanitize) {
    try {
      return apply.get();
    } catch (KvInvalidArgumentException | IllegalArgumentException e) {
      throw new InvalidConfigurationPropertyValueException(property, value, sanitize.apply(String.valueOf(e.getMessage())));
    }
  }
}
