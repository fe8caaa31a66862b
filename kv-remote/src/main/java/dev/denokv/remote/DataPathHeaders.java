package dev.denokv.remote;

import java.util.List;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The headers of a data-path request, which depend on the negotiated protocol version. */
final class DataPathHeaders {

  static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");

  private DataPathHeaders() {}

  static Consumer<HttpHeaders> of(DatabaseMetadata md, String userAgent, MediaType accept) {
    return h -> {
      h.setBearerAuth(md.token().reveal());
      if (md.version() == 1) {
        h.set("x-transaction-domain-id", md.databaseId().toString());
      } else {
        h.set("x-denokv-database-id", md.databaseId().toString());
        h.set("x-denokv-version", Integer.toString(md.version()));
      }
      h.setContentType(PROTOBUF);
      h.setAccept(List.of(accept));
      h.set(HttpHeaders.USER_AGENT, userAgent);
    };
  }
}
