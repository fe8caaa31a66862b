/**
 * The backend SPI: the byte-level contract between the API layer and a storage backend (the
 * embedded SQLite database, a remote KV Connect database, or anything else). Keys are encoded
 * keys, values are encoded values; nothing here knows about Java objects.
 *
 * <p>Byte arrays held by these records are shared, not copied: producers hand over arrays they
 * no longer touch and consumers must not modify them.
 */
@NullMarked
package dev.denokv.spi;

import org.jspecify.annotations.NullMarked;
