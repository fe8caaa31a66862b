package dev.denokv.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.Versionstamp;
import dev.denokv.key.KvKey;
import dev.denokv.repository.sample.Status;
import dev.denokv.repository.sample.Ticket;
import dev.denokv.repository.sample.TicketRepository;
import dev.denokv.repository.sample.User;
import dev.denokv.repository.sample.UserRepository;
import dev.denokv.repository.support.KvRepositoryFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

class KvRepositoryTest {

  interface SingleTicketRepository extends KvRepository<Ticket, Long> {
    Ticket findByQueue(String queue);
  }

  private final KvTemplate template = Kv.inMemory();
  private final KvRepositoryFactory factory = new KvRepositoryFactory(template);
  private final UserRepository users = factory.getRepository(UserRepository.class);
  private final TicketRepository tickets = factory.getRepository(TicketRepository.class);

  @AfterEach
  void close() {
    template.close();
  }

  @Test
  void savesAPlainObjectAtPrefixAndIdWithoutTheVersion() {
    User saved = users.save(new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 36));

    KvEntry<Object> raw = template.get(KvKey.of("users", "u1"));
    assertThat(raw.value()).isEqualTo(Map.of(
        "id", "u1", "email", "ada@example.com", "status", "ACTIVE", "name", "Ada", "age", 36));
    assertThat(saved.getVersion()).isEqualTo(raw.versionstamp());
    assertThat(Kv.keys(template)).containsExactly(
        "[\"users\", \"u1\"]",
        "[\"users_by_email\", \"ada@example.com\"]",
        "[\"users_by_status\", \"ACTIVE\", \"u1\"]");
    assertThat(template.get(KvKey.of("users_by_email", "ada@example.com")).value()).isEqualTo("u1");
  }

  @Test
  void crud() {
    User ada = users.save(new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 36));
    users.save(new User("u2", "bob@example.com", Status.SUSPENDED, "Bob", 41));

    User found = users.findById("u1").orElseThrow();
    assertThat(found.getName()).isEqualTo("Ada");
    assertThat(found.getAge()).isEqualTo(36);
    assertThat(found.getStatus()).isEqualTo(Status.ACTIVE);
    assertThat(found.getVersion()).isEqualTo(ada.getVersion());
    assertThat(users.existsById("u2")).isTrue();
    assertThat(users.existsById("u3")).isFalse();
    assertThat(users.findById("u3")).isEmpty();
    assertThat(users.count()).isEqualTo(2);
    assertThat(users.findAll()).extracting(User::getId).containsExactly("u1", "u2");
    assertThat(users.findAllById(List.of("u2", "nope", "u1"))).extracting(User::getId).containsExactly("u2", "u1");

    found.setName("Ada L.");
    User updated = users.save(found);
    assertThat(updated.getVersion()).isGreaterThan(ada.getVersion());
    assertThat(users.findById("u1").orElseThrow().getName()).isEqualTo("Ada L.");

    users.deleteById("u1");
    assertThat(users.findById("u1")).isEmpty();
    assertThat(users.count()).isEqualTo(1);
    users.deleteAll();
    assertThat(users.count()).isZero();
    assertThat(Kv.keys(template)).isEmpty();
  }

  @Test
  void generatesStringIds() {
    User saved = users.save(new User(null, "gen@example.com", Status.ACTIVE, "Gen", 1));
    assertThat(saved.getId()).matches("[0-9a-f-]{36}");
    assertThat(users.findById(saved.getId())).isPresent();
  }

  @Test
  void numericIdsAreNumberKeyPartsAndRecordsGetTheirVersionAsHex() {
    Ticket saved = tickets.save(new Ticket(7L, "support", "Printer on fire"));

    assertThat(Kv.keys(template)).containsExactly("[\"tickets\", 7]", "[\"tickets_by_queue\", \"support\", 7]");
    assertThat(template.get(KvKey.of("tickets", 7)).value())
        .isEqualTo(Map.of("id", 7, "queue", "support", "title", "Printer on fire"));
    assertThat(Versionstamp.parse(saved.version())).isEqualTo(template.get(KvKey.of("tickets", 7)).versionstamp());
    assertThat(tickets.findById(7L).orElseThrow()).isEqualTo(saved);
    assertThat(tickets.findByQueue("support")).containsExactly(saved);
  }

  @Test
  void aNewEntityMustNotExistYet() {
    users.save(new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 36));

    assertThatThrownBy(() -> users.save(new User("u1", "other@example.com", Status.ACTIVE, "Imposter", 1)))
        .isInstanceOf(OptimisticLockingFailureException.class)
        .hasMessageContaining("already exists");
    assertThat(users.findById("u1").orElseThrow().getName()).isEqualTo("Ada");
    assertThat(Kv.keys(template)).doesNotContain("[\"users_by_email\", \"other@example.com\"]");
  }

  @Test
  void aStaleEntityIsRejected() {
    User first = users.save(new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 36));
    User copy = users.findById("u1").orElseThrow();
    first.setAge(37);
    users.save(first);

    copy.setEmail("stale@example.com");
    assertThatThrownBy(() -> users.save(copy)).isInstanceOf(OptimisticLockingFailureException.class)
        .hasMessageContaining("stale");
    assertThatThrownBy(() -> users.delete(copy)).isInstanceOf(OptimisticLockingFailureException.class);
    assertThat(users.findById("u1").orElseThrow().getAge()).isEqualTo(37);
    assertThat(Kv.keys(template)).containsExactly(
        "[\"users\", \"u1\"]",
        "[\"users_by_email\", \"ada@example.com\"]",
        "[\"users_by_status\", \"ACTIVE\", \"u1\"]");
  }

  @Test
  void uniqueValuesAreEnforced() {
    users.save(new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 36));

    assertThatThrownBy(() -> users.save(new User("u2", "ada@example.com", Status.ACTIVE, "Copy", 1)))
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessageContaining("'email'")
        .hasMessageContaining("ada@example.com");
    assertThat(users.existsById("u2")).isFalse();

    User bob = users.save(new User("u2", "bob@example.com", Status.ACTIVE, "Bob", 1));
    bob.setEmail("ada@example.com");
    assertThatThrownBy(() -> users.save(bob)).isInstanceOf(DuplicateKeyException.class);
    assertThat(users.findByEmail("bob@example.com")).map(User::getId).contains("u2");

    // Freeing a value makes it available to another entity.
    User ada = users.findById("u1").orElseThrow();
    ada.setEmail("ada@new.example.com");
    users.save(ada);
    users.save(bob);
    assertThat(users.findByEmail("ada@example.com")).map(User::getId).contains("u2");
    assertThat(Kv.keys(template)).containsExactly(
        "[\"users\", \"u1\"]",
        "[\"users\", \"u2\"]",
        "[\"users_by_email\", \"ada@example.com\"]",
        "[\"users_by_email\", \"ada@new.example.com\"]",
        "[\"users_by_status\", \"ACTIVE\", \"u1\"]",
        "[\"users_by_status\", \"ACTIVE\", \"u2\"]");
  }

  @Test
  void twoEntitiesOfOneSaveAllClaimingOneUniqueValue() {
    assertThatThrownBy(() -> users.saveAll(List.of(
        new User("u1", "same@example.com", Status.ACTIVE, "First", 1),
        new User("u2", "same@example.com", Status.ACTIVE, "Second", 2))))
        .isInstanceOf(DuplicateKeyException.class);

    assertThat(users.findByEmail("same@example.com")).map(User::getId).contains("u1");
    assertThat(Kv.keys(template)).containsExactly(
        "[\"users\", \"u1\"]",
        "[\"users_by_email\", \"same@example.com\"]",
        "[\"users_by_status\", \"ACTIVE\", \"u1\"]");
  }

  @Test
  void updatesAndDeletesLeaveNoOrphanIndexKeys() {
    User ada = users.save(new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 36));
    ada.setStatus(Status.SUSPENDED);
    ada.setEmail("ada@elsewhere.example.com");
    ada = users.save(ada);
    assertThat(Kv.keys(template)).containsExactly(
        "[\"users\", \"u1\"]",
        "[\"users_by_email\", \"ada@elsewhere.example.com\"]",
        "[\"users_by_status\", \"SUSPENDED\", \"u1\"]");

    ada.setEmail(null);
    ada = users.save(ada);
    assertThat(Kv.keys(template)).containsExactly(
        "[\"users\", \"u1\"]", "[\"users_by_status\", \"SUSPENDED\", \"u1\"]");

    users.delete(ada);
    assertThat(Kv.keys(template)).isEmpty();
  }

  @Test
  void derivedQueries() {
    users.saveAll(List.of(
        new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 36),
        new User("u2", "bob@example.com", Status.SUSPENDED, "Bob", 41),
        new User("u3", "cy@example.com", Status.ACTIVE, "Cy", 23)));

    assertThat(users.findByEmail("bob@example.com")).map(User::getName).contains("Bob");
    assertThat(users.findByEmail("nobody@example.com")).isEmpty();
    assertThat(users.getByEmail("cy@example.com").getName()).isEqualTo("Cy");
    assertThat(users.findByStatus(Status.ACTIVE)).extracting(User::getId).containsExactly("u1", "u3");
    assertThat(users.streamByStatus(Status.SUSPENDED)).extracting(User::getId).containsExactly("u2");
    assertThat(users.findFirst2ByStatus(Status.ACTIVE)).hasSize(2);
    assertThat(users.findByStatusAndEmail(Status.ACTIVE, "cy@example.com")).extracting(User::getId).containsExactly("u3");
    assertThat(users.findByStatusAndEmail(Status.SUSPENDED, "cy@example.com")).isEmpty();
    assertThat(users.existsByEmail("ada@example.com")).isTrue();
    assertThat(users.existsByEmail("nobody@example.com")).isFalse();
    assertThat(users.existsByStatus(Status.SUSPENDED)).isTrue();
    assertThat(users.countByStatus(Status.ACTIVE)).isEqualTo(2);
    assertThat(users.countByEmail("bob@example.com")).isEqualTo(1);

    assertThat(users.deleteByStatus(Status.ACTIVE)).isEqualTo(2);
    assertThat(users.findAll()).extracting(User::getId).containsExactly("u2");
    assertThat(users.removeByEmail("bob@example.com")).extracting(User::getId).containsExactly("u2");
    assertThat(Kv.keys(template)).isEmpty();
  }

  @Test
  void aSingleResultQueryWithSeveralMatchesFails() {
    TicketRepository repo = tickets;
    repo.saveAll(List.of(new Ticket(1L, "q", "a"), new Ticket(2L, "q", "b")));
    SingleTicketRepository single = factory.getRepository(SingleTicketRepository.class);
    assertThatThrownBy(() -> single.findByQueue("q")).isInstanceOf(IncorrectResultSizeDataAccessException.class);
  }

  @Test
  void sortsOnlyInKeyOrder() {
    tickets.saveAll(List.of(new Ticket(10L, "q", "ten"), new Ticket(2L, "q", "two"), new Ticket(-1L, "q", "minus")));

    assertThat(tickets.findAll()).extracting(Ticket::id).containsExactly(-1L, 2L, 10L);
    assertThat(tickets.findAll(Sort.by(Sort.Direction.DESC, "id"))).extracting(Ticket::id).containsExactly(10L, 2L, -1L);
    assertThatThrownBy(() -> tickets.findAll(Sort.by("title")))
        .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("key order");

    Page<Ticket> page = tickets.findAll(PageRequest.of(1, 2));
    assertThat(page.getContent()).extracting(Ticket::id).containsExactly(10L);
    assertThat(page.getTotalElements()).isEqualTo(3);
    assertThat(page.getTotalPages()).isEqualTo(2);
  }
}
