package dev.denokv.boot.autoconfigure.data.city;

import dev.denokv.repository.Indexed;
import dev.denokv.repository.KvEntity;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;

@KvEntity(prefix = "cities")
public class City {

  @Id
  private @Nullable String id;
  @Indexed
  private @Nullable String country;

  public City() {}

  public City(String id, String country) {
    this.id = id;
    this.country = country;
  }

  public @Nullable String getId() {
    return id;
  }

  public void setId(@Nullable String id) {
    this.id = id;
  }

  public @Nullable String getCountry() {
    return country;
  }

  public void setCountry(@Nullable String country) {
    this.country = country;
  }
}
