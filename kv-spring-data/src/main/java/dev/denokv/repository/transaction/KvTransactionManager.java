package dev.denokv.repository.transaction;

import dev.denokv.KvTemplate;
import dev.denokv.KvUnitOfWork;
import dev.denokv.error.KvException;
import dev.denokv.repository.dao.KvExceptionTranslator;
import dev.denokv.spi.Database;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.InvalidIsolationLevelException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.SmartTransactionObject;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's transaction manager for Deno KV: a transaction is one Deno KV atomic operation over the
 * template's database. Writes made through a {@link KvTemplate} (and the repositories over it)
 * built with {@link #unitOfWorkLookup()} are collected and committed together when the transaction
 * commits; every entry read by key inside it becomes a versionstamp check of that commit, so that a
 * concurrent change makes the commit fail with
 * {@link org.springframework.dao.OptimisticLockingFailureException} and nothing is written. A
 * rollback discards everything. Reads see the transaction's own pending writes.
 *
 * <p>Isolation: each read is a consistent snapshot and every entry read by key is validated at
 * commit, so read-modify-write of keys is safe against lost updates and write skew over the keys
 * read. Entries found by listing a range are not validated, and an entry created by another writer
 * in a listed range is not detected (no phantom protection). A transaction that only reads commits
 * nothing and is not validated. Only {@link TransactionDefinition#ISOLATION_DEFAULT},
 * {@code ISOLATION_REPEATABLE_READ} and {@code ISOLATION_SERIALIZABLE} are accepted (the latter
 * two describe what the key checks give); timeouts are not supported.
 */
public class KvTransactionManager extends AbstractPlatformTransactionManager implements ResourceTransactionManager {

  private final Database database;
  private final KvExceptionTranslator translator = new KvExceptionTranslator();

  /** A transaction manager for the database of {@code template}. */
  public KvTransactionManager(KvTemplate template) {
    this(template.database());
  }

  /**
   * A transaction manager for {@code database}: templates join its transactions when their
   * database is this one (the database after any decoration) and they are built with
   * {@link #unitOfWorkLookup()}.
   */
  public KvTransactionManager(Database database) {
    this.database = database;
    setNestedTransactionAllowed(false);
  }

  /**
   * The lookup to set on {@link KvTemplate.Builder#unitOfWork}: it finds the transaction bound to
   * the calling thread for the template's database.
   */
  public static KvUnitOfWork.Lookup unitOfWorkLookup() {
    return database -> TransactionSynchronizationManager.getResource(database) instanceof KvTransaction tx ? tx : null;
  }

  /** The transaction of the calling thread over {@code database}, if any. */
  public static @Nullable KvTransaction currentTransaction(Database database) {
    return TransactionSynchronizationManager.getResource(database) instanceof KvTransaction tx ? tx : null;
  }

  @Override
  public Object getResourceFactory() {
    return database;
  }

  @Override
  protected Object doGetTransaction() {
    return new TransactionObject(currentTransaction(database));
  }

  @Override
  protected boolean isExistingTransaction(Object transaction) {
    return ((TransactionObject) transaction).tx != null;
  }

  @Override
  protected void doBegin(Object transaction, TransactionDefinition definition) {
    int isolation = definition.getIsolationLevel();
    if (isolation != TransactionDefinition.ISOLATION_DEFAULT
        && isolation != TransactionDefinition.ISOLATION_REPEATABLE_READ
        && isolation != TransactionDefinition.ISOLATION_SERIALIZABLE) {
      throw new InvalidIsolationLevelException("Deno KV transactions validate every key read at commit: "
          + "use ISOLATION_DEFAULT (or REPEATABLE_READ / SERIALIZABLE, which describe the same behaviour)");
    }
    KvTransaction tx = new KvTransaction(database, definition.isReadOnly());
    ((TransactionObject) transaction).tx = tx;
    TransactionSynchronizationManager.bindResource(database, tx);
  }

  @Override
  protected Object doSuspend(Object transaction) {
    ((TransactionObject) transaction).tx = null;
    return TransactionSynchronizationManager.unbindResource(database);
  }

  @Override
  protected void doResume(@Nullable Object transaction, Object suspendedResources) {
    TransactionSynchronizationManager.bindResource(database, suspendedResources);
  }

  @Override
  protected void doCommit(DefaultTransactionStatus status) {
    KvTransaction tx = required(status);
    try {
      tx.commit();
    } catch (KvException e) {
      DataAccessException translated = translator.translateExceptionIfPossible(e);
      throw translated != null ? translated : e;
    }
  }

  @Override
  protected void doRollback(DefaultTransactionStatus status) {
    required(status).discard();
  }

  @Override
  protected void doSetRollbackOnly(DefaultTransactionStatus status) {
    required(status).setRollbackOnly();
  }

  @Override
  protected void doCleanupAfterCompletion(Object transaction) {
    TransactionObject object = (TransactionObject) transaction;
    if (object.tx != null && TransactionSynchronizationManager.getResource(database) == object.tx) {
      TransactionSynchronizationManager.unbindResource(database);
    }
    object.tx = null;
  }

  private static KvTransaction required(DefaultTransactionStatus status) {
    KvTransaction tx = ((TransactionObject) status.getTransaction()).tx;
    if (tx == null) {
      throw new IllegalStateException("No Deno KV transaction is active");
    }
    return tx;
  }

  /** What Spring holds per transaction: the Deno KV transaction, once begun. */
  private static final class TransactionObject implements SmartTransactionObject {
    private @Nullable KvTransaction tx;

    TransactionObject(@Nullable KvTransaction tx) {
      this.tx = tx;
    }

    @Override
    public boolean isRollbackOnly() {
      return tx != null && tx.isRollbackOnly();
    }

    @Override
    public void flush() {}
  }
}
