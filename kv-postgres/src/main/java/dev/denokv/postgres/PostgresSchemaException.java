package dev.denokv.postgres;

import dev.denokv.error.KvException;

/**
 * The PostgreSQL schema cannot be used: it is missing while initialization is off, older than
 * this library while migrations are off, or made by a newer version of the library.
 */
public class PostgresSchemaException extends KvException {

  private final String schema;

  public PostgresSchemaException(String schema, String message) {
    super(message);
    this.schema = schema;
  }

  /** The name of the schema concerned. */
  public String schema() {
    return schema;
  }
}
