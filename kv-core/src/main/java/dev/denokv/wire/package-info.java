/**
 * Translation between the KV Connect protobuf messages and the backend SPI, shared by the remote
 * client and the server so that the two cannot drift apart.
 */
@NullMarked
package dev.denokv.wire;

import org.jspecify.annotations.NullMarked;
