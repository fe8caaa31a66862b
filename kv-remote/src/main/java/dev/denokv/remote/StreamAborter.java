package dev.denokv.remote;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a streamed response body without reading the rest of it, which for a watch stream never
 * comes: Apache HttpClient's bodies drop their connection, other bodies (the JDK client's) are
 * closed, which cancels the exchange. Closing the response instead would first drain its body.
 */
final class StreamAborter {

  private static final Logger log = LoggerFactory.getLogger(StreamAborter.class);

  private StreamAborter() {}

  static void abort(@Nullable InputStream body) {
    if (body == null) {
      return;
    }
    try {
      if (body instanceof EofSensorInputStream apache) {
        apache.abort();
      } else {
        body.close();
      }
    } catch (IOException e) {
      log.debug("Aborting a watch stream failed", e);
    }
  }
}
