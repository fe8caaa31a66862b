package dev.denokv.repository.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.repository.Indexed;
import dev.denokv.repository.KvEntity;
import dev.denokv.repository.TimeToLive;
import dev.denokv.repository.sample.Session;
import dev.denokv.repository.sample.Status;
import dev.denokv.repository.sample.User;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mapping.MappingException;

class KvMappingContextTest {

  private final KvMappingContext context = new KvMappingContext();

  static class OrderLine {
    @Id String id;
  }

  @KvEntity(expireIn = "one hour")
  static class BadExpiry {
    @Id String id;
  }

  static class ListIndex {
    @Id String id;
    @Indexed List<String> tags;
  }

  static class LongVersion {
    @Id String id;
    @Version Long version;
  }

  static class TwoTtls {
    @Id String id;
    @TimeToLive Duration a;
    @TimeToLive Long b;
  }

  static class MapId {
    @Id java.util.Map<String, String> id;
  }

  @Test
  void prefixes() {
    assertThat(context.getRequiredPersistentEntity(User.class).prefix()).isEqualTo("users");
    assertThat(context.getRequiredPersistentEntity(OrderLine.class).prefix()).isEqualTo("orderLine");
    assertThat(context.getRequiredPersistentEntity(Session.class).prefix()).isEqualTo("session");
    KvPersistentEntity<?> users = context.getRequiredPersistentEntity(User.class);
    assertThat(users.indexPrefix(users.getRequiredPersistentProperty("email"))).isEqualTo("users_by_email");
  }

  @Test
  void metadata() {
    KvPersistentEntity<?> users = context.getRequiredPersistentEntity(User.class);
    assertThat(users.indexedProperties()).extracting(KvPersistentProperty::getName).containsExactly("email", "status");
    assertThat(users.getRequiredPersistentProperty("email").isUniqueIndexed()).isTrue();
    assertThat(users.getRequiredPersistentProperty("status").isUniqueIndexed()).isFalse();
    assertThat(users.getRequiredPersistentProperty("version").isStored()).isFalse();
    assertThat(users.getRequiredPersistentProperty("id").isStored()).isTrue();
    KvPersistentEntity<?> sessions = context.getRequiredPersistentEntity(Session.class);
    assertThat(sessions.expireIn()).isEqualTo(Duration.ofHours(1));
    assertThat(sessions.timeToLiveProperty().getName()).isEqualTo("ttl");
  }

  @Test
  void badDeclarationsFailWithTheirNames() {
    assertThatThrownBy(() -> context.getPersistentEntity(BadExpiry.class))
        .isInstanceOf(MappingException.class).hasStackTraceContaining("one hour").hasStackTraceContaining("ISO-8601");
    assertThatThrownBy(() -> context.getPersistentEntity(ListIndex.class))
        .isInstanceOf(MappingException.class).hasStackTraceContaining("'tags'");
    assertThatThrownBy(() -> context.getPersistentEntity(LongVersion.class))
        .isInstanceOf(MappingException.class).hasStackTraceContaining("'version'");
    assertThatThrownBy(() -> context.getPersistentEntity(TwoTtls.class))
        .isInstanceOf(MappingException.class).hasStackTraceContaining("two @TimeToLive");
    assertThatThrownBy(() -> context.getRequiredPersistentEntity(MapId.class).verifyRepositoryEntity())
        .isInstanceOf(MappingException.class).hasStackTraceContaining("'id'");
  }

  @Test
  void keyPartsAreWhatADenoProgramWrites() {
    UUID uuid = UUID.randomUUID();
    assertThat(KeyPartMapping.toKeyPart(42L)).isEqualTo(42L);
    assertThat(KeyPartMapping.toKeyPart(uuid)).isEqualTo(uuid.toString());
    assertThat(KeyPartMapping.toKeyPart(Status.ACTIVE)).isEqualTo("ACTIVE");
    assertThat(KeyPartMapping.toKeyPart('x')).isEqualTo("x");
    assertThat(KeyPartMapping.fromKeyPart(42.0, long.class)).isEqualTo(42L);
    assertThat(KeyPartMapping.fromKeyPart(42.0, Integer.class)).isEqualTo(42);
    assertThat(KeyPartMapping.fromKeyPart(uuid.toString(), UUID.class)).isEqualTo(uuid);
    assertThat(KeyPartMapping.fromKeyPart("SUSPENDED", Status.class)).isEqualTo(Status.SUSPENDED);
    assertThat(KeyPartMapping.fromKeyPart(BigInteger.TEN, BigInteger.class)).isEqualTo(BigInteger.TEN);
    assertThatThrownBy(() -> KeyPartMapping.fromKeyPart(1.5, Long.class))
        .isInstanceOf(MappingException.class).hasStackTraceContaining("whole number");
    assertThatThrownBy(() -> KeyPartMapping.toKeyPart(new Object()))
        .isInstanceOf(MappingException.class).hasStackTraceContaining("key part");
  }
}
