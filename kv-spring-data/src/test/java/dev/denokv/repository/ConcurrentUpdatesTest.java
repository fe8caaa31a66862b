package dev.denokv.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.KvTemplate;
import dev.denokv.repository.sample.Session;
import dev.denokv.repository.sample.SessionRepository;
import dev.denokv.repository.sample.Status;
import dev.denokv.repository.sample.User;
import dev.denokv.repository.sample.UserRepository;
import dev.denokv.repository.support.KvRepositoryFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;

class ConcurrentUpdatesTest {

  private final KvTemplate template = Kv.inMemory();
  private final KvRepositoryFactory factory = new KvRepositoryFactory(template);
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void close() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    template.close();
  }

  @Test
  void twoUpdatersOfOneVersionedEntityLoseNoUpdate() throws Exception {
    UserRepository users = factory.getRepository(UserRepository.class);
    users.save(new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 0));
    int perWorker = 40;
    CyclicBarrier start = new CyclicBarrier(2);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int worker = w;
      workers.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perWorker; i++) {
          while (true) {
            User u = users.findById("u1").orElseThrow();
            u.setAge(u.getAge() + 1);
            // Each worker moves the indexed properties too, so index keys change on every update.
            u.setEmail("w" + worker + "-" + i + "@example.com");
            u.setStatus(i % 2 == 0 ? Status.ACTIVE : Status.SUSPENDED);
            try {
              users.save(u);
              break;
            } catch (OptimisticLockingFailureException e) {
              // the other worker won this round: read again and retry
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> f : workers) {
      f.get(60, TimeUnit.SECONDS);
    }

    User last = users.findById("u1").orElseThrow();
    assertThat(last.getAge()).isEqualTo(2 * perWorker);
    assertThat(Kv.keys(template)).containsExactly(
        "[\"users\", \"u1\"]",
        "[\"users_by_email\", \"" + last.getEmail() + "\"]",
        "[\"users_by_status\", \"" + last.getStatus() + "\", \"u1\"]");
  }

  @Test
  void aStaleCopyFailsWhileTheOtherUpdaterWins() {
    UserRepository users = factory.getRepository(UserRepository.class);
    users.save(new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 0));
    User first = users.findById("u1").orElseThrow();
    User second = users.findById("u1").orElseThrow();

    first.setEmail("first@example.com");
    users.save(first);
    second.setEmail("second@example.com");
    assertThatThrownBy(() -> users.save(second))
        .isInstanceOf(OptimisticLockingFailureException.class);

    assertThat(users.findByEmail("first@example.com")).isPresent();
    assertThat(users.findByEmail("second@example.com")).isEmpty();
    assertThat(Kv.keys(template)).containsExactly(
        "[\"users\", \"u1\"]", "[\"users_by_email\", \"first@example.com\"]", "[\"users_by_status\", \"ACTIVE\", \"u1\"]");
  }

  @Test
  void concurrentUpdatesOfAnUnversionedEntityLeaveExactlyItsIndexKeys() throws Exception {
    SessionRepository sessions = factory.getRepository(SessionRepository.class);
    UUID id = UUID.randomUUID();
    sessions.save(new Session(id, "nobody", Duration.ofHours(1)));
    CyclicBarrier start = new CyclicBarrier(2);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int worker = w;
      workers.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < 60; i++) {
          sessions.save(new Session(id, "owner-" + worker + "-" + i, Duration.ofHours(1)));
        }
        return null;
      }));
    }
    for (Future<?> f : workers) {
      f.get(60, TimeUnit.SECONDS);
    }

    String owner = sessions.findById(id).orElseThrow().getOwner();
    assertThat(owner).matches("owner-[01]-59");
    assertThat(Kv.keys(template)).containsExactly(
        "[\"session\", \"" + id + "\"]", "[\"session_by_owner\", \"" + owner + "\", \"" + id + "\"]");
  }
}
