/**
 * A Jackson 3 data format for the V8 serialization format as Deno KV stores values: {@link
 * dev.denokv.value.jackson.V8Mapper} writes POJOs, records, maps and collections as the JS values a
 * Deno program reads as plain objects and arrays, and reads JS-written values back.
 */
@NullMarked
package dev.denokv.value.jackson;

import org.jspecify.annotations.NullMarked;
