package dev.denokv.repository.sample;

import dev.denokv.repository.Indexed;
import dev.denokv.repository.KvEntity;
import dev.denokv.repository.TimeToLive;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;

/** Expires an hour after each save unless its own time to live says otherwise; no version. */
@KvEntity(expireIn = "PT1H")
public class Session {

  @Id
  private @Nullable UUID id;
  @Indexed
  private @Nullable String owner;
  @TimeToLive
  private @Nullable Duration ttl;

  public Session() {}

  public Session(@Nullable UUID id, String owner, @Nullable Duration ttl) {
    this.id = id;
    this.owner = owner;
    this.ttl = ttl;
  }

  public @Nullable UUID getId() { return id; }
  public void setId(@Nullable UUID id) { this.id = id; }
  public @Nullable String getOwner() { return owner; }
  public void setOwner(@Nullable String owner) { this.owner = owner; }
  public @Nullable Duration getTtl() { return ttl; }
  public void setTtl(@Nullable Duration ttl) { this.ttl = ttl; }
}
