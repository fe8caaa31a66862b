package dev.denokv.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.KvTemplate;
import dev.denokv.repository.sample.Status;
import dev.denokv.repository.sample.Ticket;
import dev.denokv.repository.sample.TicketRepository;
import dev.denokv.repository.sample.User;
import dev.denokv.repository.sample.UserRepository;
import dev.denokv.repository.support.KvRepositoryFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

class BatchAndScrollTest {

  private static final int TICKETS = 2000;

  private final KvTemplate template = Kv.inMemory();
  private final KvRepositoryFactory factory = new KvRepositoryFactory(template);
  private final TicketRepository tickets = factory.getRepository(TicketRepository.class);
  private final UserRepository users = factory.getRepository(UserRepository.class);

  @AfterEach
  void close() {
    template.close();
  }

  private List<Ticket> saveTickets() {
    List<Long> ids = new ArrayList<>(LongStream.rangeClosed(1, TICKETS).boxed().toList());
    Collections.shuffle(ids, new Random(42));
    List<Ticket> fresh = ids.stream().map(id -> new Ticket(id, id % 3 == 0 ? "fizz" : "other", "t" + id)).toList();
    return tickets.saveAll(fresh);
  }

  @Test
  void saveAllSplitsThousandsOfEntitiesIntoAtomicOperationsWithinDenosLimits() {
    List<Ticket> saved = saveTickets();

    assertThat(saved).hasSize(TICKETS).allSatisfy(t -> assertThat(t.version()).isNotNull());
    // 100 checks per atomic operation at most: 3000 new tickets need at least 20 commits.
    assertThat(saved.stream().map(Ticket::version).distinct().count()).isBetween(20L, 40L);
    assertThat(tickets.count()).isEqualTo(TICKETS);
    assertThat(tickets.countByQueue("fizz")).isEqualTo(TICKETS / 3);
    assertThat(Kv.keys(template)).hasSize(2 * TICKETS);

    tickets.deleteAll();
    assertThat(Kv.keys(template)).isEmpty();
  }

  @Test
  void saveAllSplitsByTotalValueSize() {
    String big = "x".repeat(30_000);
    List<User> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(new User("big" + i, "big" + i + "@example.com", Status.ACTIVE, big, i));
    }
    // 60 values of 30 kB exceed the 800 kB of one atomic operation.
    List<User> saved = users.saveAll(many);

    assertThat(saved.stream().map(User::getVersion).distinct().count()).isGreaterThan(1);
    assertThat(users.findAll()).hasSize(60).allSatisfy(u -> assertThat(u.getName()).hasSize(30_000));
  }

  @Test
  void batchesAreAtomicButTheWholeSaveAllIsNot() {
    users.save(new User("u0199", "taken@example.com", Status.ACTIVE, "Existing", 1));
    List<User> many = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      many.add(new User(String.format("u%04d", i), "user" + i + "@example.com", Status.ACTIVE, "User " + i, i));
    }

    assertThatThrownBy(() -> users.saveAll(many)).isInstanceOf(OptimisticLockingFailureException.class)
        .hasMessageContaining("u0199");

    long saved = users.count();
    assertThat(saved).as("the batches before the conflict were committed").isGreaterThan(1).isLessThan(251);
    assertThat(users.findById("u0199").orElseThrow().getName()).isEqualTo("Existing");
    // every committed user has exactly its two index keys
    assertThat(Kv.keys(template)).hasSize((int) (3 * saved));
  }

  @Test
  void scrollsForwardThroughThousandsOfEntitiesWithCursors() {
    saveTickets();
    List<Long> seen = new ArrayList<>();
    ScrollPosition position = ScrollPosition.keyset();
    int windows = 0;
    Window<Ticket> window;
    do {
      window = tickets.findAll(position, Limit.of(700));
      window.forEach(t -> seen.add(t.id()));
      windows++;
      if (!window.isEmpty()) {
        position = window.positionAt(window.size() - 1);
        assertThat(((KeysetScrollPosition) position).getKeys()).containsOnlyKeys(KvRepository.CURSOR);
      }
    } while (window.hasNext());

    assertThat(windows).isEqualTo(3);
    assertThat(seen).isEqualTo(LongStream.rangeClosed(1, TICKETS).boxed().toList());
  }

  @Test
  void scrollsBackwardFromAPosition() {
    saveTickets();
    Window<Ticket> first = tickets.findAll(ScrollPosition.keyset(), Limit.of(10));
    Window<Ticket> second = tickets.findAll(first.positionAt(9), Limit.of(10));
    assertThat(second.getContent()).extracting(Ticket::id).containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);

    KeysetScrollPosition back = ((KeysetScrollPosition) second.positionAt(0)).backward();
    Window<Ticket> before = tickets.findAll(back, Limit.of(4));
    assertThat(before.getContent()).extracting(Ticket::id).containsExactly(7L, 8L, 9L, 10L);
    assertThat(before.hasNext()).isTrue();

    Window<Ticket> rest = tickets.findAll(((KeysetScrollPosition) before.positionAt(0)), Limit.of(100));
    assertThat(rest.getContent()).extracting(Ticket::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(rest.hasNext()).isFalse();
  }

  @Test
  void scrollsThroughADerivedQueryWithTheIndexCursor() {
    saveTickets();
    List<Long> seen = new ArrayList<>();
    Window<Ticket> window = tickets.findByQueue("fizz", ScrollPosition.keyset(), Limit.of(250));
    seen.addAll(window.map(Ticket::id).getContent());
    while (window.hasNext()) {
      window = tickets.findByQueue("fizz", window.positionAt(window.size() - 1), Limit.of(250));
      seen.addAll(window.map(Ticket::id).getContent());
    }
    assertThat(seen).isEqualTo(LongStream.rangeClosed(1, TICKETS).filter(id -> id % 3 == 0).boxed().toList());
  }

  @Test
  void offsetPositionsAndForeignCursorsAreRejected() {
    assertThatThrownBy(() -> tickets.findAll(ScrollPosition.offset(10), Limit.of(5)))
        .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("offset");
    assertThatThrownBy(() -> tickets.findAll(ScrollPosition.forward(Map.of(KvRepository.CURSOR, 12)), Limit.of(5)))
        .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("cursor");
  }
}
