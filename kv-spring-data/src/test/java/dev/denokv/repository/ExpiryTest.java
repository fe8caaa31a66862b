package dev.denokv.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.repository.sample.Session;
import dev.denokv.repository.sample.SessionRepository;
import dev.denokv.repository.support.KvRepositoryFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Expiry without waiting: the template's clock runs two hours behind the database's, so an
 * entity saved to live one hour is already expired when read, and one saved to live three hours
 * is not.
 */
class ExpiryTest {

  private final KvTemplate template =
      Kv.inMemory(Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
  private final SessionRepository sessions = new KvRepositoryFactory(template).getRepository(SessionRepository.class);

  @AfterEach
  void close() {
    template.close();
  }

  @Test
  void theTypesExpireInAppliesToTheEntityAndItsIndexKeys() {
    UUID id = UUID.randomUUID();
    sessions.save(new Session(id, "ada", null));

    assertThat(sessions.findById(id)).isEmpty();
    assertThat(sessions.findByOwner("ada")).isEmpty();
    assertThat(Kv.keys(template)).isEmpty();
  }

  @Test
  void aTimeToLivePropertyOverridesIt() {
    UUID longLived = UUID.randomUUID();
    UUID shortLived = UUID.randomUUID();
    sessions.save(new Session(longLived, "ada", Duration.ofHours(3)));
    sessions.save(new Session(shortLived, "ada", Duration.ofMinutes(90)));

    Session found = sessions.findById(longLived).orElseThrow();
    assertThat(found.getOwner()).isEqualTo("ada");
    assertThat(found.getTtl()).as("the time left, by the template's clock").isEqualTo(Duration.ofHours(3));
    assertThat(sessions.findByOwner("ada")).extracting(Session::getId).containsExactly(longLived);
    assertThat(Kv.keys(template)).containsExactly(
        "[\"session\", \"" + longLived + "\"]", "[\"session_by_owner\", \"ada\", \"" + longLived + "\"]");
  }

  @Test
  void aLoadedEntitySavedAgainKeepsItsExpiry() {
    UUID id = UUID.randomUUID();
    sessions.save(new Session(id, "ada", Duration.ofHours(5)));
    KvEntry<Object> first = template.get(KvKey.of("session", id.toString()));
    assertThat(first.expiresAt()).isEqualTo(Instant.ofEpochMilli(template.clock().millis()).plus(Duration.ofHours(5)));

    Session loaded = sessions.findById(id).orElseThrow();
    loaded.setOwner("bob");
    sessions.save(loaded);

    KvEntry<Object> second = template.get(KvKey.of("session", id.toString()));
    assertThat(second.versionstamp()).isNotEqualTo(first.versionstamp());
    assertThat(second.expiresAt()).as("not the type's one hour, nor none").isEqualTo(first.expiresAt());
    assertThat(template.get(KvKey.of("session_by_owner", "bob", id.toString())).expiresAt())
        .isEqualTo(first.expiresAt());
  }
}
