package dev.denokv.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.repository.support.KvRepositoryFactory;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.value.codec.DenoValueCodec;
import dev.denokv.value.jackson.V8Mapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Repositories keep working when the application's Jackson configuration renames properties or
 * writes enums by their labels: entities read back whole, and index keys follow every update.
 */
class JacksonCustomizationTest {

  record Address(String streetName, String cityName) {}

  @KvEntity(prefix = "shops")
  record Shop(@Id String id, String displayName, @Indexed String ownerEmail, Address address) {}

  interface ShopRepository extends KvRepository<Shop, String> {
    List<Shop> findByOwnerEmail(String ownerEmail);
  }

  /** An enum written by its label, as Jackson writes enums with {@code toString()}. */
  enum Level {
    LOW("low"),
    HIGH("high");

    private final String label;

    Level(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  @KvEntity(prefix = "items")
  record Item(@Id String id, @Indexed Level level) {}

  interface ItemRepository extends KvRepository<Item, String> {
    List<Item> findByLevel(Level level);

    long countByLevel(Level level);
  }

  private final KvTemplate template = KvTemplate.builder(SqliteDatabase.inMemory())
      .valueCodec(new DenoValueCodec(V8Mapper.builder(JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build()).build()))
      .build();
  private final KvRepositoryFactory factory = new KvRepositoryFactory(template);

  @AfterEach
  void close() {
    template.close();
  }

  @Test
  void entitiesReadBackWholeUnderANamingStrategy() {
    ShopRepository shops = factory.getRepository(ShopRepository.class);
    Shop shop = new Shop("s1", "Shop One", "ann@example.com", new Address("Main St", "Springfield"));
    shops.save(shop);

    assertThat(shops.findById("s1")).contains(shop);
    assertThat(shops.findByOwnerEmail("ann@example.com")).containsExactly(shop);
    assertThat(shops.findAll()).containsExactly(shop);

    shops.save(shops.findById("s1").orElseThrow());
    assertThat(shops.findById("s1")).as("a loaded entity saved again").contains(shop);
    assertThat(template.get(KvKey.of("shops", "s1")).value())
        .as("the entity's own properties by their Java names, nested values as the codec writes them")
        .isEqualTo(Map.of("id", "s1", "displayName", "Shop One", "ownerEmail", "ann@example.com",
            "address", Map.of("street_name", "Main St", "city_name", "Springfield")));
  }

  @Test
  void indexKeysOfEnumsWrittenByLabelFollowUpdatesAndDeletes() {
    ItemRepository items = factory.getRepository(ItemRepository.class);
    items.save(new Item("a", Level.LOW));
    assertThat(template.get(KvKey.of("items", "a")).value()).isEqualTo(Map.of("id", "a", "level", "low"));

    items.save(new Item("a", Level.HIGH));
    assertThat(Kv.keys(template)).containsExactly(
        "[\"items\", \"a\"]", "[\"items_by_level\", \"HIGH\", \"a\"]");
    assertThat(items.countByLevel(Level.LOW)).isZero();
    assertThat(items.findByLevel(Level.HIGH)).containsExactly(new Item("a", Level.HIGH));

    items.deleteById("a");
    assertThat(Kv.keys(template)).isEmpty();
  }
}
