package dev.denokv.samples.links;

import dev.denokv.AtomicOperation;
import dev.denokv.KvEntry;
import dev.denokv.KvList;
import dev.denokv.KvSubscription;
import dev.denokv.KvTemplate;
import dev.denokv.ListOptions;
import dev.denokv.ListSelector;
import dev.denokv.value.KvU64;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Creating, finding, listing and deleting links, and counting their clicks. */
@Service
public class LinkService {

  /** Codes are 3 to 32 URL-safe characters. */
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{3,32}");

  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int GENERATED_LENGTH = 7;

  private final KvTemplate kv;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  LinkService(KvTemplate kv) {
    this.kv = kv;
    this.clock = Clock.systemUTC();
  }

  /** Thrown when the requested code is taken. */
  static final class CodeTakenException extends RuntimeException {
    CodeTakenException(String code) {
      super("The code '" + code + "' is already taken");
    }
  }

  /**
   * Creates a link under {@code code} (or a generated one) only if the code is free: the link and
   * its index entry are written in one atomic operation that checks the code has no entry yet.
   */
  public Link create(@Nullable String code, String url, String owner, @Nullable Duration ttl) {
    if (code != null) {
      return tryCreate(code, url, owner, ttl).orElseThrow(() -> new CodeTakenException(code));
    }
    for (int attempt = 0; attempt < 10; attempt++) {
      Optional<Link> created = tryCreate(generateCode(), url, owner, ttl);
      if (created.isPresent()) {
        return created.get();
      }
    }
    throw new IllegalStateException("No free code found");
  }

  private Optional<Link> tryCreate(String code, String url, String owner, @Nullable Duration ttl) {
    Instant now = clock.instant();
    Link link = new Link(code, url, owner, now, ttl == null ? null : now.plus(ttl));
    AtomicOperation op = kv.atomic().check(LinkKeys.link(code), null);
    if (ttl == null) {
      op.set(LinkKeys.link(code), link).set(LinkKeys.byOwner(owner, code), link);
    } else {
      op.set(LinkKeys.link(code), link, ttl).set(LinkKeys.byOwner(owner, code), link, ttl);
    }
    return op.commit().ok() ? Optional.of(link) : Optional.empty();
  }

  private String generateCode() {
    StringBuilder code = new StringBuilder(GENERATED_LENGTH);
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /** The link under {@code code}, if it exists and has not expired. */
  public Optional<Link> find(String code) {
    return Optional.ofNullable(kv.get(LinkKeys.link(code), Link.class).value());
  }

  /** The number of recorded clicks of {@code code}. */
  public long clicks(String code) {
    KvU64 count = kv.get(LinkKeys.clicks(code), KvU64.class).value();
    return count == null ? 0 : count.bits();
  }

  /** One page of an owner's links, in code order, and the cursor of the next page (null at the end). */
  public Page page(String owner, int limit, @Nullable String cursor) {
    KvList<Link> list = kv.list(
        ListSelector.prefix(LinkKeys.byOwner(owner)), Link.class,
        ListOptions.defaults().withLimit(limit).withCursor(cursor == null || cursor.isEmpty() ? null : cursor));
    List<Link> links = new ArrayList<>();
    for (KvEntry<Link> entry : list) {
      links.add(entry.value());
    }
    return new Page(links, links.size() < limit ? null : list.cursor());
  }

  /** A page of links and where the next one starts. */
  public record Page(List<Link> links, @Nullable String cursor) {}

  /** Deletes the link under {@code code}, its index entry and its counter; false if there was none. */
  public boolean delete(String code) {
    KvEntry<Link> entry = kv.get(LinkKeys.link(code), Link.class);
    Link link = entry.value();
    if (link == null) {
      return false;
    }
    return kv.atomic()
        .check(entry)
        .delete(LinkKeys.link(code))
        .delete(LinkKeys.byOwner(link.owner(), code))
        .delete(LinkKeys.clicks(code))
        .commit()
        .ok();
  }

  /** Records a click for the queue listener to count; the redirect does not wait for the count. */
  public void recordClick(String code) {
    kv.enqueue(new ClickEvent(code, clock.instant()));
  }

  /** Adds one to the click counter of a clicked link (a KvU64 sum, safe under concurrency). */
  public void count(ClickEvent click) {
    kv.atomic().sum(LinkKeys.clicks(click.code()), KvU64.of(1)).commit();
  }

  /** Calls {@code onCount} with the click count now and on every change, until the subscription is closed. */
  public KvSubscription watchClicks(String code, LongConsumer onCount, Consumer<Throwable> onError) {
    return kv.watch(
        List.of(LinkKeys.clicks(code)),
        KvU64.class,
        entries -> {
          KvU64 count = entries.get(0).value();
          onCount.accept(count == null ? 0 : count.bits());
        },
        onError);
  }
}
