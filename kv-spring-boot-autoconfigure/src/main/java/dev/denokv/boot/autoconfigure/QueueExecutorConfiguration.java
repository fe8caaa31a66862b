package dev.denokv.boot.autoconfigure;

import dev.denokv.boot.autoconfigure.queue.KvQueueListenerRegistrar;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The executor running the workers of {@link dev.denokv.annotation.KvQueueListener}
 * methods, built by Spring Boot's task execution builders (so {@code spring.task.execution.*} and
 * their customizers apply): virtual threads when {@code spring.threads.virtual.enabled} is on, else
 * a pool of {@code kv.queue.concurrency} platform threads. Threads are named {@code kv-queue-N}. An
 * application bean named {@value KvQueueListenerRegistrar#EXECUTOR_BEAN} replaces it.
 */
@Configuration(proxyBeanMethods = false)
class QueueExecutorConfiguration {

  private static final String THREAD_PREFIX = "kv-queue-";

  @Bean(name = KvQueueListenerRegistrar.EXECUTOR_BEAN)
  @ConditionalOnMissingBean(name = KvQueueListenerRegistrar.EXECUTOR_BEAN)
  @ConditionalOnThreading(Threading.VIRTUAL)
  SimpleAsyncTaskExecutor kvQueueVirtualThreadExecutor(ObjectProvider<SimpleAsyncTaskExecutorBuilder> builder) {
    return builder.getIfAvailable(SimpleAsyncTaskExecutorBuilder::new)
        .virtualThreads(true)
        .threadNamePrefix(THREAD_PREFIX)
        .build();
  }

  @Bean(name = KvQueueListenerRegistrar.EXECUTOR_BEAN)
  @ConditionalOnMissingBean(name = KvQueueListenerRegistrar.EXECUTOR_BEAN)
  @ConditionalOnThreading(Threading.PLATFORM)
  ThreadPoolTaskExecutor kvQueuePlatformThreadExecutor(
      ObjectProvider<ThreadPoolTaskExecutorBuilder> builder, KvProperties properties) {
    int workers = Math.max(1, properties.getQueue().getConcurrency());
    ThreadPoolTaskExecutor executor = builder.getIfAvailable(ThreadPoolTaskExecutorBuilder::new)
        .corePoolSize(workers)
        .maxPoolSize(workers)
        .threadNamePrefix(THREAD_PREFIX)
        .build();
    // Stops in the listeners' shutdown phase, so that a busy handler holds shutdown for one phase only.
    executor.setPhase(SmartLifecycle.DEFAULT_PHASE);
    return executor;
  }
}
