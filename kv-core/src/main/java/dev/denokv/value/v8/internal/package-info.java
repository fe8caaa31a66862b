/**
 * Byte-level reading and writing of the V8 serialization format shared by the value codecs and
 * backends of this project. Not part of the API: these types may change in any release.
 */
@NullMarked
package dev.denokv.value.v8.internal;

import org.jspecify.annotations.NullMarked;
