package dev.denokv.repository.dao;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A write whose outcome is unknown (see {@link dev.denokv.error.KvOutcomeUnknownException}): it
 * may have been applied. Read the data before writing it again; do not retry blindly.
 */
public class KvOutcomeUnknownDataAccessException extends DataAccessResourceFailureException {

  /** With the original exception as cause. */
  public KvOutcomeUnknownDataAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
