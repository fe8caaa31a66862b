package dev.denokv.value.jackson;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Maps Java time values to JS {@code Date}s: {@link Instant}, {@link Date}, {@link Calendar},
 * {@link OffsetDateTime} and {@link ZonedDateTime} are written as a {@code Date} (milliseconds since
 * the epoch, sub-millisecond precision dropped) and read back from one (as UTC for the zoned types).
 * A JS {@code Date} also binds to {@code long}/{@code Long}/{@code double}/{@code Double}/{@code
 * Number} (epoch milliseconds) and to {@code String} (ISO-8601). Other representations keep their
 * usual Jackson handling.
 */
public final class V8Module extends SimpleModule {

  private static final long serialVersionUID = 1L;

  public V8Module() {
    super("V8Module");
    JsDateSerializer serializer = new JsDateSerializer();
    addSerializer(Instant.class, serializer);
    addSerializer(Date.class, serializer);
    addSerializer(Calendar.class, serializer);
    addSerializer(OffsetDateTime.class, serializer);
    addSerializer(ZonedDateTime.class, serializer);
    setDeserializerModifier(new DateDeserializerModifier());
    addDeserializer(Object.class, new UntypedDeserializer());
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    context.addHandler(new DateAsNumberHandler());
  }

  /** Writes time values as a JS Date, or embeds them when Jackson buffers tokens. */
  private static final class JsDateSerializer extends StdSerializer<Object> {

    JsDateSerializer() {
      super(Object.class);
    }

    @Override
    public void serialize(Object value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
      if (g instanceof V8Generator v8) {
        v8.writeDate(JsDates.toEpochMillis(value));
      } else if (g instanceof TokenBuffer) {
        g.writeEmbeddedObject(value);
      } else {
        g.writeNumber(JsDates.toEpochMillis(value).longValue());
      }
    }
  }

  /** Lets the time types' deserializers accept an embedded JS Date. */
  private static final class DateDeserializerModifier extends ValueDeserializerModifier {

    private static final long serialVersionUID = 1L;

    @Override
    public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
        BeanDescription.Supplier beanDescRef, ValueDeserializer<?> deserializer) {
      Class<?> raw = beanDescRef.getBeanClass();
      if (raw == Instant.class || raw == Date.class || raw == OffsetDateTime.class
          || raw == ZonedDateTime.class || raw == Calendar.class || raw == GregorianCalendar.class) {
        return new JsDateDeserializer(deserializer, raw);
      }
      return deserializer;
    }
  }

  private static final class JsDateDeserializer extends DelegatingDeserializer {

    private final Class<?> target;

    JsDateDeserializer(ValueDeserializer<?> delegate, Class<?> target) {
      super(delegate);
      this.target = target;
    }

    @Override
    protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
      return new JsDateDeserializer(newDelegatee, target);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
      if (p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT && p.getEmbeddedObject() instanceof Instant instant) {
        return convert(instant, target);
      }
      return super.deserialize(p, ctxt);
    }
  }

  static Object convert(Instant instant, Class<?> target) {
    if (target == Date.class) {
      return Date.from(instant);
    }
    if (target == OffsetDateTime.class) {
      return instant.atOffset(ZoneOffset.UTC);
    }
    if (target == ZonedDateTime.class) {
      return instant.atZone(ZoneOffset.UTC);
    }
    if (target == Calendar.class || target == GregorianCalendar.class) {
      GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      calendar.setTimeInMillis(instant.toEpochMilli());
      return calendar;
    }
    return instant;
  }

  /** Binds an embedded JS Date to numbers (epoch milliseconds) and strings (ISO-8601). */
  private static final class DateAsNumberHandler extends DeserializationProblemHandler {

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
        JsonParser p, String failureMsg) throws JacksonException {
      if (t != JsonToken.VALUE_EMBEDDED_OBJECT || !(p.getEmbeddedObject() instanceof Instant instant)) {
        return NOT_HANDLED;
      }
      Class<?> raw = targetType.getRawClass();
      if (raw == long.class || raw == Long.class || raw == Number.class) {
        return instant.toEpochMilli();
      }
      if (raw == double.class || raw == Double.class) {
        return (double) instant.toEpochMilli();
      }
      if (raw == String.class || raw == CharSequence.class) {
        return instant.toString();
      }
      return NOT_HANDLED;
    }
  }

  /**
   * Reads a value of unknown type into its natural Java form, as Jackson does (maps with string
   * keys for objects, lists for arrays, the parser's numbers, strings, booleans, embedded dates and
   * bytes), except that what V8 tells apart stays apart: a JS {@code Set} becomes a
   * {@link java.util.LinkedHashSet} and a JS {@code Map} a {@link java.util.LinkedHashMap} keeping
   * its keys' types (numbers, bigints, booleans, null).
   */
  private static final class UntypedDeserializer extends tools.jackson.databind.deser.std.StdDeserializer<Object> {

    UntypedDeserializer() {
      super(Object.class);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
      V8Parser v8 = p instanceof V8Parser parser ? parser : null;
      JsonToken token = p.currentToken();
      if (token == JsonToken.START_ARRAY) {
        java.util.Collection<Object> out = v8 != null && v8.startsSet()
            ? new java.util.LinkedHashSet<>() : new java.util.ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          out.add(deserialize(p, ctxt));
        }
        return out;
      }
      if (token == JsonToken.START_OBJECT || token == JsonToken.PROPERTY_NAME) {
        boolean map = v8 != null && v8.startsMap();
        java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
        String name = token == JsonToken.PROPERTY_NAME ? p.currentName() : p.nextName();
        while (name != null) {
          Object key = map ? v8.mapKey() : name;
          p.nextToken();
          out.put(key, deserialize(p, ctxt));
          name = p.nextName();
        }
        return out;
      }
      return scalar(p, ctxt);
    }

    private static Object scalar(JsonParser p, DeserializationContext ctxt) throws JacksonException {
      JsonToken token = p.currentToken();
      if (token == null) {
        return null;
      }
      return switch (token) {
        case VALUE_STRING -> p.getString();
        case VALUE_NUMBER_INT -> p.getNumberValue();
        case VALUE_NUMBER_FLOAT -> ctxt.isEnabled(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            ? p.getDecimalValue() : p.getNumberValue();
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        case VALUE_EMBEDDED_OBJECT -> p.getEmbeddedObject();
        case VALUE_NULL -> null;
        default -> ctxt.handleUnexpectedToken(Object.class, p);
      };
    }

    @Override
    public Object getNullValue(DeserializationContext ctxt) {
      return null;
    }
  }
}
