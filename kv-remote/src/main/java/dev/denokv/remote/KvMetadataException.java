package dev.denokv.remote;

import dev.denokv.error.KvException;

/**
 * The metadata exchange with a KV Connect server produced an answer the client cannot use: a
 * malformed or invalid field (named in the message), a version that was not offered, or too many
 * redirects.
 */
public class KvMetadataException extends KvException {

  public KvMetadataException(String message) {
    super(message);
  }

  public KvMetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
