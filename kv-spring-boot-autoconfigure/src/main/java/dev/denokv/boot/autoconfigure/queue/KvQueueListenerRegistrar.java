package dev.denokv.boot.autoconfigure.queue;

import dev.denokv.KvTemplate;
import dev.denokv.QueueErrorHandler;
import dev.denokv.QueueHandlers;
import dev.denokv.QueueListenerOptions;
import dev.denokv.QueueSubscription;
import dev.denokv.annotation.KvQueueListener;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.spi.Capability;
import dev.denokv.spi.Database;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@link KvQueueListener} methods and, when the context starts, subscribes them as one
 * listener of the database's queue through {@link KvTemplate#listenQueue(QueueHandlers,
 * QueueListenerOptions)}: each message goes to the method taking its type. The workers run on the
 * executor bean {@value #EXECUTOR_BEAN} (Boot's task execution builders by default), failures go to
 * the application's {@link QueueErrorHandler} bean (by default they are logged with their stack
 * trace). Stopping is asynchronous, within the shutdown phase's timeout
 * ({@code spring.lifecycle.timeout-per-shutdown-phase}); handlers still running when the registrar
 * is destroyed are interrupted.
 */
public final class KvQueueListenerRegistrar implements BeanPostProcessor, SmartLifecycle, BeanFactoryAware, DisposableBean {

  /** The name of the executor bean running the queue workers. */
  public static final String EXECUTOR_BEAN = "kvQueueTaskExecutor";

  private static final Logger log = LoggerFactory.getLogger(KvQueueListenerRegistrar.class);

  private final ObjectProvider<KvTemplate> template;
  private final ObjectProvider<Database> database;
  private final int concurrency;
  private final List<Listener> listeners = new ArrayList<>();
  private @Nullable QueueHandlers handlers;
  private final List<QueueSubscription> subscriptions = new ArrayList<>();
  private @Nullable BeanFactory beanFactory;
  private volatile boolean running;

  /** A registrar subscribing through {@code template} with {@code concurrency} workers. */
  public KvQueueListenerRegistrar(ObjectProvider<KvTemplate> template, ObjectProvider<Database> database, int concurrency) {
    this.template = template;
    this.database = database;
    this.concurrency = concurrency;
  }

  private record Listener(Object bean, Method method, String name, Class<?> type) {}

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

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
      add(new Listener(bean, invocable, beanName + "." + method.getName(), method.getParameterTypes()[0]));
    }
    return bean;
  }

  private void add(Listener listener) {
    synchronized (listeners) {
      try {
        handlers = handlers == null
            ? QueueHandlers.of(listener.type(), message -> invoke(listener, message))
            : handlers.and(listener.type(), message -> invoke(listener, message));
      } catch (KvInvalidArgumentException e) {
        List<String> names = new ArrayList<>(listeners.stream().map(Listener::name).toList());
        names.add(listener.name());
        throw new IllegalStateException("@KvQueueListener methods " + String.join(", ", names)
            + " cannot share the database's queue: " + e.getMessage()
            + "; give each method its own message type (at most one may take untyped messages such as Object or Map)", e);
      }
      listeners.add(listener);
    }
  }

  @Override
  public void start() {
    QueueHandlers toStart;
    int count;
    synchronized (listeners) {
      toStart = handlers;
      count = listeners.size();
    }
    running = true;
    if (toStart == null) {
      return;
    }
    Database db = database.getIfAvailable();
    if (db != null && !db.capabilities().contains(Capability.QUEUE_CONSUMER)) {
      log.warn("Deno KV: {} queue listener(s) not started: this database has no queue consumer "
          + "(a KV Connect server without the queue extension); "
          + "the server's own listeners receive the messages", count);
      return;
    }
    QueueListenerOptions options = QueueListenerOptions.defaults()
        .withConcurrency(concurrency)
        .withExecutor(executor())
        .withCloseTimeout(Duration.ZERO);
    QueueErrorHandler errorHandler = beanFactory == null ? null
        : beanFactory.getBeanProvider(QueueErrorHandler.class).getIfUnique();
    if (errorHandler != null) {
      options = options.withErrorHandler(errorHandler);
    }
    subscriptions.add(template.getObject().listenQueue(toStart, options));
    log.debug("Deno KV: queue listener(s) {} started", listenerNames());
  }

  private @Nullable Executor executor() {
    if (beanFactory != null && beanFactory.containsBean(EXECUTOR_BEAN)) {
      return beanFactory.getBean(EXECUTOR_BEAN, Executor.class);
    }
    return null;
  }

  private List<String> listenerNames() {
    synchronized (listeners) {
      return listeners.stream().map(Listener::name).toList();
    }
  }

  private static void invoke(Listener listener, @Nullable Object message) throws Exception {
    try {
      listener.method().invoke(listener.bean(), message);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Stops taking messages; {@code callback} runs once the running handlers have returned. */
  @Override
  public void stop(Runnable callback) {
    running = false;
    List<CompletableFuture<Void>> stopping = subscriptions.stream().map(QueueSubscription::stop).toList();
    CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).whenComplete((done, error) -> callback.run());
  }

  @Override
  public void stop() {
    running = false;
    subscriptions.forEach(QueueSubscription::stop);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Interrupts handlers that outlived the shutdown phase. */
  @Override
  public void destroy() {
    subscriptions.forEach(QueueSubscription::close);
    subscriptions.clear();
  }

  /** The number of listener methods found. */
  public int listenerCount() {
    synchronized (listeners) {
      return listeners.size();
    }
  }
}
