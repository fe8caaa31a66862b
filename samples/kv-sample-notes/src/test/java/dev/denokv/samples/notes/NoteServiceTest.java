package dev.denokv.samples.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.boot.test.autoconfigure.AutoConfigureTestKv;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvMutationException;
import dev.denokv.KvOperations;
import dev.denokv.key.KvKey;
import dev.denokv.value.KvU64;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/** The whole application on a private in-memory database: transactions, rollback, exception types. */
@SpringBootTest
@AutoConfigureTestKv
class NoteServiceTest {

  @Autowired
  NoteService service;

  @Autowired
  NoteRepository notes;

  @Autowired
  KvOperations kv;

  @Autowired
  TransactionTemplate tx;

  /** Runs {@code action} on another thread, outside the caller's transaction, and waits for it. */
  private static <T> T concurrently(Supplier<T> action) {
    return CompletableFuture.supplyAsync(action).join();
  }

  @Test
  void aNoteAndItsQuotaCommitTogether() {
    service.add("ann", "one", "...");
    Note two = service.add("ann", "two", "...");
    assertThat(service.used("ann")).isEqualTo(2);
    assertThat(notes.countByAuthor("ann")).isEqualTo(2);
    // one atomic operation: the note and the counter carry the same versionstamp
    assertThat(kv.get(KvKey.of("quota", "ann")).versionstamp())
        .isEqualTo(notes.findById(two.getId()).orElseThrow().getVersion());
  }

  @Test
  void aConcurrentWriterMakesTheTransactionFailAndNothingOfItIsWritten() {
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      service.add("bob", "mine", "...");                     // joins this transaction: reads quota 0
      concurrently(() -> service.add("bob", "theirs", "...")); // commits first: quota 1
    })).isInstanceOf(OptimisticLockingFailureException.class);
    assertThat(notes.findByAuthor("bob")).extracting(NoteTitle::getTitle).containsExactly("theirs");
    assertThat(service.used("bob")).isEqualTo(1);
  }

  @Test
  void aFailureRollsBackEverythingTheTransactionDid() {
    service.add("cy", "one", "...");
    assertThatThrownBy(() -> service.add("cy", "huge", "x".repeat(70_000)))
        .isInstanceOf(InvalidDataAccessApiUsageException.class)
        .hasMessageContaining("Value too large")
        .hasCauseInstanceOf(KvInvalidArgumentException.class);
    assertThat(service.used("cy")).isEqualTo(1);            // the raised count was rolled back
    service.add("cy", "two", "...");
    service.add("cy", "three", "...");
    assertThatThrownBy(() -> service.add("cy", "four", "...")).isInstanceOf(QuotaExceededException.class);
    assertThat(notes.countByAuthor("cy")).isEqualTo(3);

    String id = notes.findByAuthor("cy").get(0).getId();
    service.remove(id);
    assertThat(notes.findById(id)).isEmpty();
    assertThat(service.used("cy")).isEqualTo(2);
  }

  @Test
  void kvExceptionsArriveAsDataAccessExceptions() {
    kv.set(KvKey.of("label"), "not a number");
    assertThatThrownBy(() -> kv.atomic().sum(KvKey.of("label"), KvU64.of(1)).commit())
        .isInstanceOf(DataIntegrityViolationException.class).hasCauseInstanceOf(KvMutationException.class);
    assertThatThrownBy(() -> KvKey.of("k", new Object()))
        .isInstanceOf(KvInvalidArgumentException.class)
        .hasMessageContaining("key part 1 is a java.lang.Object")
        .hasMessageContaining("String, Integer, Long");
  }
}
