package dev.denokv.samples.notes;

import dev.denokv.repository.auditing.EnableKvAuditing;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.AuditorAware;

/** The notes service: notes per author, an author's quota guarded by a transaction, audited. */
@SpringBootApplication
@EnableKvAuditing
public class NotesApplication {

  public static void main(String[] args) {
    SpringApplication.run(NotesApplication.class, args);
  }

  /** Who is writing: the {@link CurrentUser} of the calling thread. */
  @Bean
  AuditorAware<String> auditor() {
    return () -> Optional.ofNullable(CurrentUser.name());
  }
}
