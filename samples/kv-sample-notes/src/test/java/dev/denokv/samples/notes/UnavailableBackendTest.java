package dev.denokv.samples.notes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.boot.test.autoconfigure.AutoConfigureTestKv;
import dev.denokv.error.KvUnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A remote database nobody serves: its failures are DataAccessResourceFailureExceptions. */
@SpringBootTest
@AutoConfigureTestKv(replace = AutoConfigureTestKv.Replace.NONE)
class UnavailableBackendTest {

  @DynamicPropertySource
  static void unreachable(DynamicPropertyRegistry registry) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();   // free now, and nobody listens once it is closed
    }
    registry.add("kv.url", () -> "http://127.0.0.1:" + port + "/kv");
    registry.add("kv.access-token", () -> "token");
    registry.add("kv.remote.retry.max-attempts", () -> "1");
  }

  @Autowired
  NoteService service;

  @Test
  void readsFailWithASpringDataAccessException() {
    assertThatThrownBy(() -> service.used("ann"))
        .isInstanceOf(DataAccessResourceFailureException.class)
        .hasCauseInstanceOf(KvUnavailableException.class);
  }
}
