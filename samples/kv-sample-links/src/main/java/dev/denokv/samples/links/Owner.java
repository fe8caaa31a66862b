package dev.denokv.samples.links;

import dev.denokv.repository.Indexed;
import dev.denokv.repository.KvEntity;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;

/**
 * The profile of a link owner, kept by a Spring Data repository at {@code ["owners", name]} with a
 * unique index {@code ["owners_by_email", email]}.
 */
@KvEntity(prefix = "owners")
public class Owner {

  @Id
  private @Nullable String name;
  private @Nullable String displayName;
  @Indexed(unique = true)
  private @Nullable String email;

  public Owner() {}

  public Owner(String name, @Nullable String displayName, @Nullable String email) {
    this.name = name;
    this.displayName = displayName;
    this.email = email;
  }

  public @Nullable String getName() {
    return name;
  }

  public void setName(@Nullable String name) {
    this.name = name;
  }

  public @Nullable String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(@Nullable String displayName) {
    this.displayName = displayName;
  }

  public @Nullable String getEmail() {
    return email;
  }

  public void setEmail(@Nullable String email) {
    this.email = email;
  }
}
