package dev.denokv.repository.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.ListSelector;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import dev.denokv.repository.dao.KvExceptionTranslator;
import dev.denokv.repository.sample.Status;
import dev.denokv.repository.sample.User;
import dev.denokv.repository.sample.UserRepository;
import dev.denokv.repository.support.KvRepositoryFactory;
import dev.denokv.Versionstamp;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.value.KvU64;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Transactions over a real SQLite file: what commits, what rolls back, what conflicts. */
class KvTransactionTest {

  @TempDir
  Path dir;

  private KvTemplate kv;
  private TransactionTemplate tx;

  @BeforeEach
  void open() {
    kv = KvTemplate.builder(SqliteDatabase.open(dir.resolve("tx.sqlite3")))
        .unitOfWork(KvTransactionManager.unitOfWorkLookup())
        .exceptionTranslator(new KvExceptionTranslator().asFunction())
        .build();
    tx = new TransactionTemplate(new KvTransactionManager(kv));
  }

  @AfterEach
  void close() {
    kv.close();
  }

  /** Runs {@code action} on another thread, outside the transaction, and waits for it. */
  private static <T> T elsewhere(java.util.function.Supplier<T> action) {
    return CompletableFuture.supplyAsync(action).join();
  }

  @Test
  void writesAreCollectedAndCommittedTogetherAtCommit() {
    tx.executeWithoutResult(status -> {
      assertThat(kv.set(KvKey.of("a"), "one")).isNull();
      kv.set(KvKey.of("b"), "two");
      kv.atomic().sum(KvKey.of("n"), KvU64.of(5)).enqueue("hello").commit();
      assertThat(elsewhere(() -> kv.get(KvKey.of("a")).exists())).isFalse();
    });
    KvEntry<Object> a = kv.get(KvKey.of("a"));
    KvEntry<Object> b = kv.get(KvKey.of("b"));
    assertThat(a.value()).isEqualTo("one");
    assertThat(b.value()).isEqualTo("two");
    assertThat(a.versionstamp()).isEqualTo(b.versionstamp()).isEqualTo(kv.get(KvKey.of("n")).versionstamp());
    assertThat(kv.get(KvKey.of("n"), KvU64.class).value()).isEqualTo(KvU64.of(5));
  }

  @Test
  void readsSeeTheTransactionsOwnPendingWrites() {
    kv.set(KvKey.of("items", 1), "stored one");
    kv.set(KvKey.of("items", 2), "stored two");
    kv.set(KvKey.of("items", 4), "stored four");
    tx.executeWithoutResult(status -> {
      kv.set(KvKey.of("items", 3), "pending three");
      kv.delete(KvKey.of("items", 2));
      kv.set(KvKey.of("items", 1), "pending one");
      assertThat(kv.get(KvKey.of("items", 3)).value()).isEqualTo("pending three");
      assertThat(kv.get(KvKey.of("items", 3)).versionstamp()).isEqualTo(KvTransaction.PENDING);
      assertThat(kv.get(KvKey.of("items", 2)).exists()).isFalse();
      assertThat(kv.list(ListSelector.prefix(KvKey.of("items")), String.class).stream().map(KvEntry::value))
          .containsExactly("pending one", "pending three", "stored four");
      assertThat(kv.list(ListSelector.prefix(KvKey.of("items")), String.class,
              dev.denokv.ListOptions.defaults().withReverse(true).withLimit(2)).stream().map(KvEntry::value))
          .containsExactly("stored four", "pending three");
    });
    assertThat(kv.list(ListSelector.prefix(KvKey.of("items")), String.class).stream().map(KvEntry::value))
        .containsExactly("pending one", "pending three", "stored four");
  }

  @Test
  void aConcurrentChangeToAnEntryReadMakesTheCommitFailAndNothingIsWritten() {
    kv.set(KvKey.of("balance", "ann"), 100);
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      int balance = kv.get(KvKey.of("balance", "ann"), Integer.class).value();
      kv.set(KvKey.of("audit", 1), "ann was debited");
      elsewhere(() -> kv.set(KvKey.of("balance", "ann"), 500));   // a concurrent writer
      kv.set(KvKey.of("balance", "ann"), balance - 30);
    }))
        .isInstanceOf(OptimisticLockingFailureException.class)
        .hasMessageContaining("[\"balance\", \"ann\"]")
        .hasMessageContaining("nothing was written");
    assertThat(kv.get(KvKey.of("balance", "ann"), Integer.class).value()).isEqualTo(500);
    assertThat(kv.get(KvKey.of("audit", 1)).exists()).isFalse();
  }

  @Test
  void aKeyCreatedConcurrentlyAfterItWasReadAsAbsentIsAConflict() {
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      assertThat(kv.get(KvKey.of("slot")).exists()).isFalse();
      elsewhere(() -> kv.set(KvKey.of("slot"), "taken"));
      kv.set(KvKey.of("slot"), "mine");
    })).isInstanceOf(OptimisticLockingFailureException.class);
    assertThat(kv.get(KvKey.of("slot")).value()).isEqualTo("taken");
  }

  @Test
  void readingAChangedKeyAgainFailsAtOnce() {
    kv.set(KvKey.of("k"), 1);
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      kv.get(KvKey.of("k"));
      elsewhere(() -> kv.set(KvKey.of("k"), 2));
      kv.get(KvKey.of("k"));
    })).isInstanceOf(OptimisticLockingFailureException.class).hasMessageContaining("changed during the transaction");
  }

  @Test
  void rollbackDiscardsEverything() {
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      kv.set(KvKey.of("a"), 1);
      kv.enqueue("never sent");
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
    tx.executeWithoutResult(status -> {
      kv.set(KvKey.of("b"), 1);
      status.setRollbackOnly();
    });
    assertThat(kv.get(KvKey.of("a")).exists()).isFalse();
    assertThat(kv.get(KvKey.of("b")).exists()).isFalse();
  }

  @Test
  void aCheckAlreadyKnownToFailIsAFailedCommitResultInsideTheTransaction() {
    Versionstamp first = kv.set(KvKey.of("k"), 1);
    kv.set(KvKey.of("k"), 2);
    tx.executeWithoutResult(status -> {
      kv.get(KvKey.of("k"));
      assertThat(kv.atomic().check(KvKey.of("k"), first).set(KvKey.of("other"), 1).commit().ok()).isFalse();
      assertThat(kv.atomic().check(KvKey.of("fresh"), null).set(KvKey.of("fresh"), 1).commit().ok()).isTrue();
      assertThat(kv.atomic().check(KvKey.of("fresh"), KvTransaction.PENDING).commit().ok()).isTrue();
    });
    assertThat(kv.get(KvKey.of("other")).exists()).isFalse();
    assertThat(kv.get(KvKey.of("fresh")).value()).isEqualTo(1);
  }

  @Test
  void exceedingDenosAtomicLimitsFailsAtTheWriteThatCrossesThem() {
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      for (int i = 0; i < 1000; i++) {
        kv.set(KvKey.of("bulk", i), i);
      }
      try {
        kv.set(KvKey.of("bulk", 1000), 1000);
      } catch (InvalidDataAccessApiUsageException e) {
        assertThat(e).hasMessageContaining("1001 mutations").hasMessageContaining("max 1000 mutations")
            .hasCauseInstanceOf(KvInvalidArgumentException.class);
        throw e;
      }
    })).isInstanceOf(InvalidDataAccessApiUsageException.class);
    assertThat(kv.get(KvKey.of("bulk", 0)).exists()).isFalse();

    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      for (int i = 0; i <= 100; i++) {
        kv.get(KvKey.of("read", i));
      }
    })).isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("more than 100 keys");
  }

  @Test
  void readingAfterASumInTheSameTransactionIsRefusedClearly() {
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      kv.atomic().sum(KvKey.of("count"), KvU64.of(1)).commit();
      kv.get(KvKey.of("count"));
    })).isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("after a sum");
  }

  @Test
  void writesOutsideATransactionCommitAtOnce() {
    assertThat(kv.set(KvKey.of("k"), 1)).isNotNull();
    assertThat(elsewhere(() -> kv.get(KvKey.of("k")).value())).isEqualTo(1);
  }

  @Test
  void requiresNewSuspendsTheOuterTransaction() {
    TransactionTemplate inner = new TransactionTemplate(tx.getTransactionManager());
    inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      kv.set(KvKey.of("outer"), 1);
      inner.executeWithoutResult(s -> kv.set(KvKey.of("inner"), 1));
      assertThat(elsewhere(() -> kv.get(KvKey.of("inner")).exists())).isTrue();
      throw new IllegalStateException("outer fails");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(kv.get(KvKey.of("inner")).exists()).isTrue();
    assertThat(kv.get(KvKey.of("outer")).exists()).isFalse();
  }

  @Test
  void aReadOnlyTransactionRefusesWrites() {
    TransactionTemplate readOnly = new TransactionTemplate(tx.getTransactionManager());
    readOnly.setReadOnly(true);
    assertThatThrownBy(() -> readOnly.executeWithoutResult(status -> kv.set(KvKey.of("k"), 1)))
        .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("read-only");
  }

  @Test
  void repositoriesJoinTheTransaction() {
    UserRepository users = new KvRepositoryFactory(kv).getRepository(UserRepository.class);
    User ada = users.save(new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 36));

    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      User loaded = users.findById("u1").orElseThrow();
      loaded.setName("Ada L.");
      User saved = users.save(loaded);
      saved.setAge(37);
      users.save(saved);                      // twice in one transaction: the version is stable
      users.save(new User("u2", "bob@example.com", Status.ACTIVE, "Bob", 40));
      assertThat(users.findByStatus(Status.ACTIVE)).extracting(User::getName).containsExactly("Ada L.", "Bob");
      throw new IllegalStateException("rolled back");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(users.findAll()).extracting(User::getName).containsExactly("Ada");

    tx.executeWithoutResult(status -> {
      User loaded = users.findById("u1").orElseThrow();
      loaded.setName("Ada L.");
      users.save(loaded);
      users.save(new User("u2", "bob@example.com", Status.ACTIVE, "Bob", 40));
    });
    assertThat(users.findAll()).extracting(User::getName).containsExactly("Ada L.", "Bob");
    assertThat(users.findByEmail("bob@example.com")).isPresent();

    User stale = ada;
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> users.save(stale)))
        .isInstanceOf(OptimisticLockingFailureException.class);
  }

  @Test
  void aRepositoryWriteRacingTheTransactionFailsItsCommit() {
    UserRepository users = new KvRepositoryFactory(kv).getRepository(UserRepository.class);
    users.save(new User("u1", "ada@example.com", Status.ACTIVE, "Ada", 36));
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      User loaded = users.findById("u1").orElseThrow();
      elsewhere(() -> {
        User other = users.findById("u1").orElseThrow();
        other.setAge(99);
        return users.save(other);
      });
      loaded.setName("Ada L.");
      users.save(loaded);
    })).isInstanceOf(OptimisticLockingFailureException.class);
    User stored = users.findById("u1").orElseThrow();
    assertThat(stored.getName()).isEqualTo("Ada");
    assertThat(stored.getAge()).isEqualTo(99);
    assertThat(List.of(stored.getEmail())).containsExactly("ada@example.com");
  }
}
