package dev.denokv.repository.sample;

import dev.denokv.Versionstamp;
import dev.denokv.repository.Indexed;
import dev.denokv.repository.KvEntity;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

@KvEntity(prefix = "users")
public class User {

  @Id
  private @Nullable String id;
  @Indexed(unique = true)
  private @Nullable String email;
  @Indexed
  private @Nullable Status status;
  private @Nullable String name;
  private int age;
  @Version
  private @Nullable Versionstamp version;

  public User() {}

  public User(@Nullable String id, String email, Status status, String name, int age) {
    this.id = id;
    this.email = email;
    this.status = status;
    this.name = name;
    this.age = age;
  }

  public @Nullable String getId() { return id; }
  public void setId(@Nullable String id) { this.id = id; }
  public @Nullable String getEmail() { return email; }
  public void setEmail(@Nullable String email) { this.email = email; }
  public @Nullable Status getStatus() { return status; }
  public void setStatus(@Nullable Status status) { this.status = status; }
  public @Nullable String getName() { return name; }
  public void setName(@Nullable String name) { this.name = name; }
  public int getAge() { return age; }
  public void setAge(int age) { this.age = age; }
  public @Nullable Versionstamp getVersion() { return version; }
  public void setVersion(@Nullable Versionstamp version) { this.version = version; }

  @Override
  public String toString() {
    return "User[" + id + ", " + email + ", " + status + ", " + name + ", " + age + ", " + version + "]";
  }
}
