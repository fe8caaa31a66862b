package dev.denokv.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.repository.sample.Status;
import dev.denokv.repository.sample.User;
import dev.denokv.repository.sample.UserRepository;
import dev.denokv.repository.support.KvRepositoryFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/**
 * Seeded random sequences of creates, updates (single and batched), deletes and unique-value
 * collisions, checked against a model: after every step the raw keyspace holds exactly the entity
 * keys and index keys the model's users call for.
 */
class IndexConsistencyRandomTest {

  private final KvTemplate template = Kv.inMemory();
  private final UserRepository users = new KvRepositoryFactory(template).getRepository(UserRepository.class);

  @AfterEach
  void close() {
    template.close();
  }

  private record Row(String email, Status status) {}

  @Test
  void theKeyspaceMatchesTheModelAfterEveryStep() {
    for (long seed = 1; seed <= 3; seed++) {
      users.deleteAll();
      run(new Random(seed), seed);
    }
  }

  private void run(Random random, long seed) {
    Map<String, Row> model = new TreeMap<>();
    for (int step = 0; step < 120; step++) {
      String id = "u" + random.nextInt(12);
      String email = random.nextInt(8) == 0 ? null : "e" + random.nextInt(10) + "@example.com";
      Status status = random.nextBoolean() ? Status.ACTIVE : Status.SUSPENDED;
      int op = random.nextInt(10);
      if (op < 6) {
        User user = users.findById(id).orElseGet(() -> new User(id, null, null, "n", 0));
        user.setEmail(email);
        user.setStatus(status);
        boolean taken = email != null && model.entrySet().stream()
            .anyMatch(e -> !e.getKey().equals(id) && email.equals(e.getValue().email()));
        try {
          users.save(user);
          assertThat(taken).as("seed %d step %d saved a taken email", seed, step).isFalse();
          model.put(id, new Row(email, status));
        } catch (DuplicateKeyException e) {
          assertThat(taken).as("seed %d step %d: %s", seed, step, e.getMessage()).isTrue();
        }
      } else if (op < 8) {
        users.deleteById(id);
        model.remove(id);
      } else {
        // a batch touching several users, each with an email no one else can hold
        List<User> batch = new ArrayList<>();
        for (String other : List.copyOf(model.keySet())) {
          if (random.nextBoolean()) {
            User u = users.findById(other).orElseThrow();
            u.setStatus(status);
            u.setEmail(random.nextBoolean() ? null : other + "-" + step + "@batch.example.com");
            batch.add(u);
          }
        }
        for (User u : users.saveAll(batch)) {
          model.put(u.getId(), new Row(u.getEmail(), u.getStatus()));
        }
      }
      assertThat(Kv.keys(template)).as("seed %d step %d", seed, step).isEqualTo(expectedKeys(model));
    }
  }

  private static List<String> expectedKeys(Map<String, Row> model) {
    List<String> users = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    model.forEach((id, row) -> {
      users.add("[\"users\", \"" + id + "\"]");
      if (row.email() != null) {
        emails.add("[\"users_by_email\", \"" + row.email() + "\"]");
      }
      statuses.add("[\"users_by_status\", \"" + row.status() + "\", \"" + id + "\"]");
    });
    emails.sort(null);
    statuses.sort(null);
    List<String> all = new ArrayList<>(users);
    all.addAll(emails);
    all.addAll(statuses);
    return all;
  }
}
