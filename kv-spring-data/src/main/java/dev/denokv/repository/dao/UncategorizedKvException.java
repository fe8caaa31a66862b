package dev.denokv.repository.dao;

import dev.denokv.error.KvException;
import org.springframework.dao.UncategorizedDataAccessException;

/** A {@link KvException} no more specific {@code DataAccessException} describes. */
public class UncategorizedKvException extends UncategorizedDataAccessException {

  /** Wraps {@code cause}, keeping its message. */
  public UncategorizedKvException(KvException cause) {
    super(cause.getMessage(), cause);
  }
}
