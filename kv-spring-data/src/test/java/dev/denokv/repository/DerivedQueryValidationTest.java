package dev.denokv.repository;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.KvTemplate;
import dev.denokv.repository.sample.Status;
import dev.denokv.repository.sample.User;
import dev.denokv.repository.support.KvRepositoryFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Window;

/** Queries Deno KV cannot answer from an index fail when the repository is created. */
class DerivedQueryValidationTest {

  interface ByName extends KvRepository<User, String> {
    List<User> findByName(String name);
  }

  interface ByNameOrEmail extends KvRepository<User, String> {
    List<User> findByEmailOrStatus(String email, Status status);
  }

  interface GreaterThan extends KvRepository<User, String> {
    List<User> findByEmailGreaterThan(String email);
  }

  interface Ordered extends KvRepository<User, String> {
    List<User> findByStatusOrderByName(Status status);
  }

  interface Paged extends KvRepository<User, String> {
    Page<User> findByStatus(Status status, Pageable pageable);
  }

  interface WindowWithoutPosition extends KvRepository<User, String> {
    Window<User> findByStatus(Status status);
  }

  private final KvTemplate template = Kv.inMemory();
  private final KvRepositoryFactory factory = new KvRepositoryFactory(template);

  @AfterEach
  void close() {
    template.close();
  }

  @Test
  void aQueryOnANonIndexedPropertyNamesIt() {
    assertThatThrownBy(() -> factory.getRepository(ByName.class))
        .hasStackTraceContaining("findByName")
        .hasStackTraceContaining("property 'name'")
        .hasStackTraceContaining("not @Indexed");
  }

  @Test
  void unsupportedShapesAreNamed() {
    assertThatThrownBy(() -> factory.getRepository(ByNameOrEmail.class)).hasStackTraceContaining("uses Or");
    assertThatThrownBy(() -> factory.getRepository(GreaterThan.class)).hasStackTraceContaining("GREATER_THAN");
    assertThatThrownBy(() -> factory.getRepository(Ordered.class)).hasStackTraceContaining("OrderBy");
    assertThatThrownBy(() -> factory.getRepository(Paged.class)).hasStackTraceContaining("Page or Slice");
    assertThatThrownBy(() -> factory.getRepository(WindowWithoutPosition.class)).hasStackTraceContaining("ScrollPosition");
  }
}
