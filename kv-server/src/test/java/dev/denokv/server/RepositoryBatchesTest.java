package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.repository.Indexed;
import dev.denokv.repository.KvEntity;
import dev.denokv.repository.KvRepository;
import dev.denokv.repository.support.KvRepositoryFactory;
import dev.denokv.spi.DatabaseLimits;
import dev.denokv.value.codec.DenoValueCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/**
 * Repositories over a remote database pack their atomic operations to the limits KV Connect
 * servers accept (10 checks each), not to the Deno CLI's local ones: 2,000 versioned entities are
 * created, updated and deleted through the project's server, once with its default limits and once
 * configured with denokv's.
 */
class RepositoryBatchesTest {

  /** A versioned entity with an index key: one check and two mutations per save. */
  @KvEntity(prefix = "batch_parcels")
  public record Parcel(@Id String id, @Indexed String depot, int weight, @Version @Nullable String version) {}

  public interface ParcelRepository extends KvRepository<Parcel, String> {
    long countByDepot(String depot);
  }

  static final int ENTITIES = 2000;

  abstract static class Batches {
    @LocalServerPort int port;
    @Autowired RecordingDatabase database;
    private KvTemplate kv;
    private ParcelRepository parcels;

    @BeforeEach
    void open() {
      kv = KvTemplate.builder(RemoteDatabase.builder()
              .url("http://localhost:" + port + "/kv")
              .accessToken(KvConnectTestApplication.ACCESS_TOKEN)
              .build())
          .valueCodec(DenoValueCodec.defaults())
          .build();
      parcels = new KvRepositoryFactory(kv).getRepository(ParcelRepository.class);
      parcels.deleteAll();
    }

    @AfterEach
    void close() {
      kv.close();
    }

    @Test
    void saveAllOfTwoThousandVersionedEntitiesFitsTheServersLimits() {
      assertThat(kv.limits()).isEqualTo(DatabaseLimits.KV_CONNECT);
      String depot = UUID.randomUUID().toString();
      List<Parcel> created = IntStream.range(0, ENTITIES)
          .mapToObj(i -> new Parcel("p" + i, depot, i, null))
          .toList();

      long writesBefore = database.atomicWriteCount();
      List<Parcel> saved = parcels.saveAll(created);
      long writes = database.atomicWriteCount() - writesBefore;

      assertThat(saved).hasSize(ENTITIES).allSatisfy(p -> assertThat(p.version()).isNotNull());
      assertThat(writes).as("atomic writes of 10 checks each").isEqualTo(ENTITIES / 10);
      assertThat(parcels.count()).isEqualTo(ENTITIES);
      assertThat(parcels.countByDepot(depot)).isEqualTo(ENTITIES);

      List<Parcel> heavier = new ArrayList<>();
      for (Parcel p : parcels.findAll()) {
        heavier.add(new Parcel(p.id(), p.depot(), p.weight() + 1, p.version()));
      }
      List<Parcel> updated = parcels.saveAll(heavier);
      assertThat(updated).hasSize(ENTITIES);
      assertThat(parcels.findById("p7")).get().extracting(Parcel::weight).isEqualTo(8);

      parcels.deleteAll(updated);
      assertThat(parcels.count()).isZero();
      assertThat(parcels.countByDepot(depot)).isZero();
    }
  }

  @Nested
  @SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  class ProjectServer extends Batches {}

  @Nested
  @SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = KvConnectTestApplication.LIMITS_PROPERTY + "=denokv")
  class ServerWithDenokvLimits extends Batches {}
}
