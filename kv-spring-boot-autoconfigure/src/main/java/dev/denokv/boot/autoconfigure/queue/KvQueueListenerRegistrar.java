package dev.denokv.boot.autoconfigure.queue;

import dev.denokv.KvSubscription;
import dev.denokv.KvTemplate;
import dev.denokv.spi.Capability;
import dev.denokv.spi.Database;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@link KvQueueListener} method (a database has one queue, so at most one method may
 * listen to it) and, when the context starts, subscribes it through {@link KvTemplate#listenQueue};
 * the subscription is closed when the context stops, before the database is closed.
 */
public final class KvQueueListenerRegistrar implements BeanPostProcessor, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(KvQueueListenerRegistrar.class);

  private final ObjectProvider<KvTemplate> template;
  private final ObjectProvider<Database> database;
  private final List<Listener> listeners = new ArrayList<>();
  private final List<KvSubscription> subscriptions = new ArrayList<>();
  private volatile boolean running;

  /** A registrar subscribing through {@code template}. */
  public KvQueueListenerRegistrar(ObjectProvider<KvTemplate> template, ObjectProvider<Database> database) {
    this.template = template;
    this.database = database;
  }

  private record Listener(Object bean, Method method, String name) {}

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    Class<?> type = AopUtils.getTargetClass(bean);
    Map<Method, KvQueueListener> methods =
        MethodIntrospector.selectMethods(
            type,
            (MethodIntrospector.MetadataLookup<KvQueueListener>)
                m -> AnnotatedElementUtils.findMergedAnnotation(m, KvQueueListener.class));
    for (Method method : methods.keySet()) {
      if (method.getParameterCount() != 1) {
        throw new IllegalStateException(
            "@KvQueueListener method " + type.getName() + "." + method.getName()
                + " must take exactly one parameter (the message)");
      }
      Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
      ReflectionUtils.makeAccessible(invocable);
      Listener listener = new Listener(bean, invocable, beanName + "." + method.getName());
      synchronized (listeners) {
        if (!listeners.isEmpty()) {
          throw new IllegalStateException("@KvQueueListener methods " + listeners.get(0).name() + " and "
              + listener.name() + " would take turns at the database's one queue, each receiving messages "
              + "meant for the other; declare one listener and dispatch on the message it receives");
        }
        listeners.add(listener);
      }
    }
    return bean;
  }

  @Override
  public void start() {
    List<Listener> toStart;
    synchronized (listeners) {
      toStart = List.copyOf(listeners);
    }
    running = true;
    if (toStart.isEmpty()) {
      return;
    }
    Database db = database.getIfAvailable();
    if (db != null && !db.capabilities().contains(Capability.QUEUE_CONSUMER)) {
      log.warn("Deno KV: {} queue listener(s) not started: this database has no queue consumer "
          + "(a KV Connect server without the queue extension); "
          + "the server's own listeners receive the messages", toStart.size());
      return;
    }
    KvTemplate kv = template.getObject();
    for (Listener listener : toStart) {
      subscriptions.add(kv.listenQueue(boxed(listener.method().getParameterTypes()[0]), message -> invoke(listener, message)));
      log.debug("Deno KV: queue listener {} started", listener.name());
    }
  }

  private static void invoke(Listener listener, Object message) throws Exception {
    try {
      listener.method().invoke(listener.bean(), message);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private static Class<Object> boxed(Class<?> type) {
    if (type.isPrimitive()) {
      return (Class<Object>) ClassUtils.resolvePrimitiveIfNecessary(type);
    }
    return (Class<Object>) type;
  }

  @Override
  public void stop() {
    running = false;
    for (KvSubscription subscription : subscriptions) {
      subscription.close();
    }
    subscriptions.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** The number of listener methods found. */
  public int listenerCount() {
    synchronized (listeners) {
      return listeners.size();
    }
  }
}
