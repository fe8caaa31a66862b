package dev.denokv;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.value.JsValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The handlers of one queue listener, one per message type. A message carrying a type marker (see
 * {@link KvTemplate#enqueue(Object)}) goes to the handler of that type; any other message (such as
 * one a Deno program enqueued) goes to the handler of an untyped form ({@code Object}, a
 * {@code Map} or a {@code JsValue}) if there is one, else to the only handler if there is just one.
 * A message no handler fits is not convertible (see {@link QueueErrorHandler}).
 */
public final class QueueHandlers {

  /** One handler and the type its messages are converted to. */
  record Route<T>(Class<T> type, QueueHandler<? super T> handler) {

    boolean untyped() {
      return type == Object.class || Map.class.isAssignableFrom(type) || JsValue.class.isAssignableFrom(type);
    }

    void handle(Object message) throws Exception {
      handler.handle(type.cast(message));
    }
  }

  private final List<Route<?>> routes;

  private QueueHandlers(List<Route<?>> routes) {
    this.routes = List.copyOf(routes);
  }

  /** Handlers starting with {@code handler} for messages of {@code type}. */
  public static <T> QueueHandlers of(Class<T> type, QueueHandler<? super T> handler) {
    return new QueueHandlers(List.of()).and(type, handler);
  }

  /**
   * These handlers and {@code handler} for messages of {@code type}.
   *
   * @throws KvInvalidArgumentException if a handler already takes messages of the same type name,
   *     or if both would take untyped messages
   */
  public <T> QueueHandlers and(Class<T> type, QueueHandler<? super T> handler) {
    Route<T> added = new Route<>(boxed(Objects.requireNonNull(type, "type")), Objects.requireNonNull(handler, "handler"));
    for (Route<?> route : routes) {
      if (route.untyped() && added.untyped()) {
        throw new KvInvalidArgumentException("Two queue handlers take untyped messages: "
            + route.type().getName() + " and " + type.getName());
      }
      if (!added.untyped() && QueueMessages.typeName(route.type()).equals(QueueMessages.typeName(added.type()))) {
        throw new KvInvalidArgumentException("Two queue handlers take messages of type '"
            + QueueMessages.typeName(type) + "': " + route.type().getName() + " and " + type.getName());
      }
    }
    List<Route<?>> all = new ArrayList<>(routes);
    all.add(added);
    return new QueueHandlers(all);
  }

  /** The message types handled, in the order the handlers were added. */
  public List<Class<?>> types() {
    return routes.stream().<Class<?>>map(Route::type).toList();
  }

  /** The handler for a message with type marker {@code type} (null when it has none), or null if none fits. */
  @Nullable Route<?> routeFor(@Nullable String type) {
    if (type != null) {
      for (Route<?> route : routes) {
        if (!route.untyped() && QueueMessages.typeName(route.type()).equals(type)) {
          return route;
        }
      }
    }
    for (Route<?> route : routes) {
      if (route.untyped()) {
        return route;
      }
    }
    return type == null && routes.size() == 1 ? routes.get(0) : null;
  }

  @SuppressWarnings("unchecked")
  private static <T> Class<T> boxed(Class<T> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    Class<?> boxed = switch (type.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "double" -> Double.class;
      case "float" -> Float.class;
      case "boolean" -> Boolean.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "char" -> Character.class;
      default -> throw new KvInvalidArgumentException("A queue message cannot be of type " + type);
    };
    return (Class<T>) boxed;
  }
}
