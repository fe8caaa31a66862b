package dev.denokv.repository.dao;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvException;
import dev.denokv.error.KvIllegalStateException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvMutationException;
import dev.denokv.error.KvOutcomeUnknownException;
import dev.denokv.error.KvRemoteException;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.error.KvUnsupportedOperationException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Translates every {@link KvException} into Spring's {@link DataAccessException} hierarchy, the
 * original as its cause:
 *
 * <table>
 *   <caption>translations</caption>
 *   <tr><th>Deno KV</th><th>Spring</th></tr>
 *   <tr><td>{@link KvInvalidArgumentException} (invalid key, value too large, a limit exceeded),
 *       {@link KvUnsupportedOperationException}, {@link KvIllegalStateException}</td><td>{@link InvalidDataAccessApiUsageException}</td></tr>
 *   <tr><td>{@link KvCodecException} (bytes that are no valid key or value)</td>
 *       <td>{@link DataRetrievalFailureException}</td></tr>
 *   <tr><td>{@link KvMutationException} (a sum on a value that is no number)</td>
 *       <td>{@link DataIntegrityViolationException}</td></tr>
 *   <tr><td>{@link KvOutcomeUnknownException}</td><td>{@link KvOutcomeUnknownDataAccessException}</td></tr>
 *   <tr><td>{@link KvUnavailableException}, {@link KvClosedException}</td>
 *       <td>{@link DataAccessResourceFailureException}</td></tr>
 *   <tr><td>{@link KvRemoteException} 401 / 403</td><td>{@link PermissionDeniedDataAccessException}</td></tr>
 *   <tr><td>other {@link KvRemoteException}s</td><td>{@link InvalidDataAccessResourceUsageException}</td></tr>
 *   <tr><td>any other {@link KvException}</td><td>{@link UncategorizedKvException}</td></tr>
 * </table>
 *
 * Exceptions that are not {@code KvException}s are left alone ({@code null}).
 */
public class KvExceptionTranslator implements PersistenceExceptionTranslator {

  @Override
  public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
    return ex instanceof KvException kv ? translate(kv) : null;
  }

  /** The {@link DataAccessException} for {@code ex}. */
  public DataAccessException translate(KvException ex) {
    String message = ex.getMessage();
    if (ex instanceof KvInvalidArgumentException || ex instanceof KvUnsupportedOperationException
        || ex instanceof KvIllegalStateException) {
      return new InvalidDataAccessApiUsageException(message, ex);
    }
    if (ex instanceof KvCodecException) {
      return new DataRetrievalFailureException(message, ex);
    }
    if (ex instanceof KvMutationException) {
      return new DataIntegrityViolationException(message, ex);
    }
    if (ex instanceof KvOutcomeUnknownException) {
      return new KvOutcomeUnknownDataAccessException(message, ex);
    }
    if (ex instanceof KvUnavailableException || ex instanceof KvClosedException) {
      return new DataAccessResourceFailureException(message, ex);
    }
    if (ex instanceof KvRemoteException remote) {
      return remote.status() == 401 || remote.status() == 403
          ? new PermissionDeniedDataAccessException(message, ex)
          : new InvalidDataAccessResourceUsageException(message, ex);
    }
    return new UncategorizedKvException(ex);
  }

  /** This translation as the function {@code KvTemplate.Builder#exceptionTranslator} takes. */
  public Function<KvException, RuntimeException> asFunction() {
    return this::translate;
  }
}
