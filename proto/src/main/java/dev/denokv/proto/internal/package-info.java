/**
 * Translation between the KV Connect protobuf messages and the backend SPI, shared by the remote
 * client and the server so that the two cannot drift apart. Not part of the API: these types may
 * change in any release.
 */
@NullMarked
package dev.denokv.proto.internal;

import org.jspecify.annotations.NullMarked;
