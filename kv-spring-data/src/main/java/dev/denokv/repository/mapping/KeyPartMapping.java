package dev.denokv.repository.mapping;

import java.math.BigInteger;
import java.util.UUID;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.mapping.MappingException;
import org.springframework.util.ClassUtils;

/**
 * How Java property values become Deno key parts, the way a Deno program writes them: strings stay
 * strings, every Java number becomes a JS number part, {@code BigInteger} a bigint part,
 * {@code boolean} a boolean part, {@code byte[]} a {@code Uint8Array} part, a {@code UUID} its
 * string form, a {@code char} a one-character string, an enum its name.
 */
public final class KeyPartMapping {

  private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();

  private KeyPartMapping() {}

  /** Whether values of {@code type} can become key parts. */
  public static boolean isKeyPartType(Class<?> type) {
    Class<?> t = ClassUtils.resolvePrimitiveIfNecessary(type);
    return t == String.class
        || t == Character.class
        || t == Byte.class || t == Short.class || t == Integer.class || t == Long.class
        || t == Float.class || t == Double.class
        || t == BigInteger.class
        || t == Boolean.class
        || t == byte[].class
        || t == UUID.class
        || t.isEnum();
  }

  /** The key part for {@code value}, a value of a {@linkplain #isKeyPartType key part type}. */
  public static Object toKeyPart(Object value) {
    if (value instanceof UUID || value instanceof Character) {
      return value.toString();
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (!isKeyPartType(value.getClass())) {
      throw new MappingException("A " + value.getClass().getName() + " cannot be a Deno KV key part");
    }
    return value;
  }

  /** The value of {@code type} that {@code part} (a decoded key part) stands for. */
  public static Object fromKeyPart(Object part, Class<?> type) {
    Class<?> target = ClassUtils.resolvePrimitiveIfNecessary(type);
    if (target.isInstance(part)) {
      return part;
    }
    if (part instanceof Double d && isWholeNumberType(target) && (d != Math.rint(d) || d.isInfinite())) {
      throw new MappingException("The key part " + d + " is not a whole number, as " + target.getSimpleName()
          + " requires");
    }
    Object converted = CONVERSIONS.convert(part, target);
    if (converted == null) {
      throw new MappingException("The key part " + part + " cannot become a " + target.getName());
    }
    return converted;
  }

  private static boolean isWholeNumberType(Class<?> type) {
    return type == Byte.class || type == Short.class || type == Integer.class || type == Long.class
        || type == BigInteger.class;
  }
}
