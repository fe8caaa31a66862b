package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import dev.denokv.error.KvOutcomeUnknownException;
import dev.denokv.error.KvUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * What a client is told when the database behind the server fails: 503 when nothing was applied
 * (the database cannot be reached, or is closed), so that clients retry; 504 when a write was sent
 * to the database but not confirmed, so that clients that tell the two apart do not send it again
 * blindly (the project's remote client reports it as an outcome-unknown failure).
 */
class DatabaseFailureAnswersTest {

  private static int statusWhenTheDatabaseThrows(KvException failure) throws Exception {
    ServerRequest request =
        ServerRequest.create(new MockHttpServletRequest("POST", "/kv/v2/atomic_write"), List.of());
    ServerResponse response = KvConnectHandler.guarded(r -> {
      throw failure;
    }).handle(request);
    return response.statusCode().value();
  }

  @Test
  void anUnreachableOrClosedDatabaseIsServiceUnavailable() throws Exception {
    assertThat(statusWhenTheDatabaseThrows(new KvUnavailableException("PostgreSQL cannot be reached")))
        .isEqualTo(503);
    assertThat(statusWhenTheDatabaseThrows(new KvClosedException())).isEqualTo(503);
  }

  @Test
  void aWriteTheDatabaseDidNotConfirmIsAGatewayTimeout() throws Exception {
    assertThat(statusWhenTheDatabaseThrows(new KvOutcomeUnknownException("The commit was sent but not confirmed", null)))
        .isEqualTo(504);
  }
}
