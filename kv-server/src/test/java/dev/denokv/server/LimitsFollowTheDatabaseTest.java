package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.DatabaseLimits;
import dev.denokv.spi.Mutation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server lets through no more than its database accepts, refusing the rest as bad requests. */
class LimitsFollowTheDatabaseTest {

  @Test
  void kvConnectFiguresComeFromTheSpi() {
    KvConnectLimits defaults = KvConnectLimits.defaults();
    assertThat(defaults.maxChecks()).isEqualTo(DatabaseLimits.KV_CONNECT.maxChecks()).isEqualTo(10);
    assertThat(defaults.maxMutationsAndEnqueues()).isEqualTo(1000);
    assertThat(defaults).isEqualTo(KvConnectLimits.denokv());
    assertThat(defaults.narrowedTo(DatabaseLimits.DENO_CLI)).as("the embedded database accepts more").isEqualTo(defaults);
  }

  @Test
  void aDatabaseAcceptingLessLowersTheServersLimits() {
    KvConnectLimits narrowed = KvConnectLimits.defaults()
        .narrowedTo(DatabaseLimits.KV_CONNECT.withMaxChecks(2).withMaxMutations(3));
    assertThat(narrowed.maxChecks()).isEqualTo(2);
    assertThat(narrowed.maxMutationsAndEnqueues()).isEqualTo(3);
    assertThat(narrowed.maxRequestBodyBytes()).isEqualTo(KvConnectLimits.defaults().maxRequestBodyBytes());

    RequestLimits limits = new RequestLimits(narrowed);
    List<Check> threeChecks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      threeChecks.add(new Check(new byte[] {2, (byte) ('a' + i), 0}, null));
    }
    assertThatThrownBy(() -> limits.checkAtomicWrite(new AtomicWrite(threeChecks, List.of(), List.of()), 0))
        .isInstanceOfSatisfying(KvConnectRejection.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessage("Too many checks in an atomic write: 3 > 2.");
    List<Mutation> fourDeletes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      fourDeletes.add(Mutation.delete(new byte[] {2, (byte) ('a' + i), 0}));
    }
    assertThatThrownBy(() -> limits.checkAtomicWrite(new AtomicWrite(List.of(), fourDeletes, List.of()), 0))
        .hasMessage("Too many mutations and enqueues in an atomic write: 4 > 3.");
    limits.checkAtomicWrite(new AtomicWrite(threeChecks.subList(0, 2), fourDeletes.subList(0, 3), List.of()), 0);
  }
}
