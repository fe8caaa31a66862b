package dev.denokv.proto.internal;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The extensions of KV Connect that this project's server offers beyond the protocol (see
 * {@code queue.proto}), and how the metadata exchange announces them: a response header listing
 * their names, so that the JSON body stays exactly what every client validates. A client uses an
 * extension only when the server's last metadata exchange announced it.
 */
public final class KvConnectExtensions {

  /** The metadata-exchange response header listing the offered extensions, comma-separated. */
  public static final String HEADER = "x-denokv-extensions";

  /** The queue extension: {@code queue_dequeue}, {@code queue_renew}, {@code queue_finish}. */
  public static final String QUEUE = "queue-v1";

  /** The data-path method asking for the next queue message. */
  public static final String QUEUE_DEQUEUE = "queue_dequeue";

  /** The data-path method keeping queue reservations alive. */
  public static final String QUEUE_RENEW = "queue_renew";

  /** The data-path method ending a queue delivery. */
  public static final String QUEUE_FINISH = "queue_finish";

  /** The longest reservation identifier a server hands out or accepts. */
  public static final int MAX_RESERVATION_BYTES = 64;

  /** The most reservations one {@code queue_renew} may carry. */
  public static final int MAX_RENEWALS = 1000;

  private KvConnectExtensions() {}

  /** The extension names in a {@link #HEADER} value (lower-cased); empty when there is none. */
  public static Set<String> parse(@Nullable String header) {
    Set<String> names = new TreeSet<>();
    if (header == null) {
      return Set.of();
    }
    for (String part : header.split(",")) {
      String name = part.strip().toLowerCase(Locale.ROOT);
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return Set.copyOf(names);
  }

  /** The {@link #HEADER} value announcing {@code names}. */
  public static String format(Set<String> names) {
    return String.join(", ", new TreeSet<>(names));
  }
}
