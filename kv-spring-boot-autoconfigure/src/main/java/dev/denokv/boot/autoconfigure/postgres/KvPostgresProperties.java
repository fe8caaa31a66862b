package dev.denokv.boot.autoconfigure.postgres;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PostgreSQL backend. It is used when {@code kv.postgres.url} is set or
 * {@code kv.postgres.use-data-source=true}, unless {@code kv.url} selects a remote database or the
 * {@code local} profile keeps the embedded one.
 */
@ConfigurationProperties("kv.postgres")
public class KvPostgresProperties {

  /** JDBC URL of the primary, for example jdbc:postgresql://db-host:5432/app. */
  private @Nullable String url;

  /** Database user of the pools made from kv.postgres.url and kv.postgres.replica-url. */
  private @Nullable String username;

  /** Password of that user (never logged). */
  private @Nullable String password;

  /** Whether to use the application's DataSource bean instead of a pool of its own. */
  private boolean useDataSource = false;

  /** PostgreSQL schema holding the tables; several KV databases can share one PostgreSQL database. */
  private String schema = "kv";

  /** Whether a missing schema is created and an older one migrated at start-up. */
  private boolean initializeSchema = true;

  /** Largest number of connections of each pool the backend makes. */
  private int poolSize = 10;

  /** JDBC URL of a streaming read replica that serves eventual reads. */
  private @Nullable String replicaUrl;

  public @Nullable String getUrl() {
    return url;
  }

  public void setUrl(@Nullable String url) {
    this.url = url;
  }

  public @Nullable String getUsername() {
    return username;
  }

  public void setUsername(@Nullable String username) {
    this.username = username;
  }

  public @Nullable String getPassword() {
    return password;
  }

  public void setPassword(@Nullable String password) {
    this.password = password;
  }

  public boolean isUseDataSource() {
    return useDataSource;
  }

  public void setUseDataSource(boolean useDataSource) {
    this.useDataSource = useDataSource;
  }

  public String getSchema() {
    return schema;
  }

  public void setSchema(String schema) {
    this.schema = schema;
  }

  public boolean isInitializeSchema() {
    return initializeSchema;
  }

  public void setInitializeSchema(boolean initializeSchema) {
    this.initializeSchema = initializeSchema;
  }

  public int getPoolSize() {
    return poolSize;
  }

  public void setPoolSize(int poolSize) {
    this.poolSize = poolSize;
  }

  public @Nullable String getReplicaUrl() {
    return replicaUrl;
  }

  public void setReplicaUrl(@Nullable String replicaUrl) {
    this.replicaUrl = replicaUrl;
  }
}
