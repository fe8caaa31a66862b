package dev.denokv.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The versioned schema: {@code kv_meta} holds {@code schema_version}, the {@code database_id}
 * and the named secrets ({@code secret:<name>}, base64). The numbered SQL files under {@code dev/denokv/postgres/schema/} (also
 * runnable with {@code psql -v schema=NAME}) are applied in order, under an advisory lock so that
 * instances starting together migrate once.
 */
final class Schema {

  /** The schema version this library writes. */
  static final int CURRENT_VERSION = 1;

  private static final List<String> MIGRATIONS = List.of("V1__kv.sql");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Schema() {}

  /** Creates or migrates {@code schema} as allowed and returns the database id. */
  static String open(Connection c, String schema, boolean initialize) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
        lock.setLong(1, ("dev.denokv.postgres.schema:" + schema).hashCode());
        lock.execute();
      }
      int version = version(c, schema);
      if (version > CURRENT_VERSION) {
        throw new PostgresSchemaException(schema, "The PostgreSQL schema " + schema + " has version "
            + version + ", made by a newer version of this library, which reads up to version "
            + CURRENT_VERSION + "; upgrade the library");
      }
      if (version < CURRENT_VERSION && !initialize) {
        throw new PostgresSchemaException(schema, version == 0
            ? "The PostgreSQL schema " + schema + " has no Deno KV tables and schema initialization"
                + " is off; create it with the shipped SQL files or allow initialization"
            : "The PostgreSQL schema " + schema + " has version " + version + ", older than "
                + CURRENT_VERSION + ", and schema initialization is off; migrate it or allow"
                + " initialization");
      }
      for (int i = version; i < CURRENT_VERSION; i++) {
        try (Statement s = c.createStatement()) {
          for (String sql : statements(MIGRATIONS.get(i), schema)) {
            s.execute(sql);
          }
        }
      }
      String id = meta(c, schema, "database_id");
      c.commit();
      if (id == null) {
        throw new PostgresSchemaException(schema, "The PostgreSQL schema " + schema + " has no database id");
      }
      return id;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * The secret named {@code name}, created with {@code bytes} random bytes if there is none yet.
   * Creators racing each other insert at most one row: the others' inserts do nothing, and all
   * then read the one that committed.
   */
  static byte[] secret(Connection c, String schema, String name, int bytes) throws SQLException {
    String key = "secret:" + name;
    byte[] fresh = new byte[bytes];
    RANDOM.nextBytes(fresh);
    try (PreparedStatement ps = c.prepareStatement("insert into " + quote(schema)
        + ".kv_meta (name, value) values (?, ?) on conflict (name) do nothing")) {
      ps.setString(1, key);
      ps.setString(2, Base64.getEncoder().encodeToString(fresh));
      ps.executeUpdate();
    }
    String stored = meta(c, schema, key);
    if (stored == null) {
      throw new PostgresSchemaException(schema, "The PostgreSQL schema " + schema + " lost its secret " + name);
    }
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(stored);
    } catch (IllegalArgumentException e) {
      throw new PostgresSchemaException(schema, "The secret " + name + " in the PostgreSQL schema " + schema
          + " is not base64 text");
    }
    if (secret.length < bytes) {
      throw new PostgresSchemaException(schema, "The secret " + name + " in the PostgreSQL schema " + schema
          + " has fewer than " + bytes + " bytes");
    }
    return secret;
  }

  private static int version(Connection c, String schema) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
      ps.setString(1, quote(schema) + ".kv_meta");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return 0;
        }
      }
    }
    String v = meta(c, schema, "schema_version");
    return v == null ? 0 : Integer.parseInt(v);
  }

  private static @Nullable String meta(Connection c, String schema, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select value from " + quote(schema) + ".kv_meta where name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** The statements of a migration file, its psql schema variable replaced by {@code schema}. */
  static List<String> statements(String file, String schema) {
    String text;
    try (InputStream in = Schema.class.getResourceAsStream("schema/" + file)) {
      if (in == null) {
        throw new IllegalStateException("Missing schema file " + file);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!line.startsWith("--")) {
        body.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String sql : body.toString().replace(":\"schema\"", quote(schema)).split(";\n")) {
      if (!sql.isBlank()) {
        out.add(sql.strip());
      }
    }
    return out;
  }

  static String quote(String identifier) {
    return '"' + identifier + '"';
  }
}
