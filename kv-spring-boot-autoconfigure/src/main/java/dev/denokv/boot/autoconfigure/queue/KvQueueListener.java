package dev.denokv.boot.autoconfigure.queue;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives the database's queue messages, like a handler passed to
 * Deno's {@code kv.listenQueue}. The method takes one parameter; each message is converted to its
 * type. A database has one queue, so an application declares one such method (a second one fails
 * the start-up) and dispatches on the message when there are several kinds. Returning normally
 * acknowledges the message; throwing makes it be delivered again after its backoff interval.
 * Listening starts once the application context is refreshed and stops on shutdown. A KV Connect (remote) database has no queue consumer: there no listener is started.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface KvQueueListener {}
