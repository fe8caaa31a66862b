package dev.denokv.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives the database's queue messages, like a handler passed to
 * Deno's {@code kv.listenQueue}. The method takes one parameter; each message is converted to its
 * type. Several methods may listen, each to its own message type: a message enqueued from a Java
 * record or POJO carries its type name (see {@link dev.denokv.KvTemplate#enqueue(Object)}) and goes
 * to the method taking that type; messages without one (such as those a Deno program enqueues) go
 * to the method taking an untyped form ({@code Object}, a {@code Map} or a {@code JsValue}), or to
 * the only method when there is just one. Two methods for the same type fail the start-up.
 *
 * <p>Returning normally acknowledges the message; throwing makes it be delivered again after its
 * backoff interval, and is logged with its stack trace (or handed to the application's
 * {@link dev.denokv.QueueErrorHandler} bean). A message no method can take is dead-lettered to its
 * keys-if-undelivered, never retried. Methods run on Spring Boot's task execution threads (virtual
 * threads when {@code spring.threads.virtual.enabled} is on), {@code kv.queue.concurrency} messages
 * at a time. Listening starts once the application context is refreshed and stops within the
 * shutdown phase. A database without a queue consumer (a KV Connect server without one) starts no
 * listener.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface KvQueueListener {}
