/**
 * Annotations applications put on their own beans: {@link dev.denokv.annotation.KvQueueListener}
 * marks a method that receives the database's queue messages.
 */
@NullMarked
package dev.denokv.annotation;

import org.jspecify.annotations.NullMarked;
