/** Queue listeners declared with {@link dev.denokv.annotation.KvQueueListener}. */
@NullMarked
package dev.denokv.boot.autoconfigure.queue;

import org.jspecify.annotations.NullMarked;
