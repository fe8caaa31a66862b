package dev.denokv.repository.sample;

import dev.denokv.repository.Indexed;
import dev.denokv.repository.KvEntity;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/** An immutable entity with a numeric id and its version as hex. */
@KvEntity(prefix = "tickets")
public record Ticket(@Id Long id, @Indexed String queue, String title, @Version @Nullable String version) {

  public Ticket(Long id, String queue, String title) {
    this(id, queue, title, null);
  }
}
