package dev.denokv.samples.links;

import dev.denokv.AtomicOperation;
import dev.denokv.KvEntry;
import dev.denokv.KvList;
import dev.denokv.KvSubscription;
import dev.denokv.KvLimits;
import dev.denokv.KvTemplate;
import dev.denokv.ListOptions;
import dev.denokv.ListSelector;
import dev.denokv.key.KvKey;
import dev.denokv.value.KvU64;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
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

  /** How many counters one watch follows (Deno's limit of keys per watch). */
  static final int MAX_WATCHED = KvLimits.MAX_WATCHED_KEYS;

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
    // The counter starts at zero with the link and expires with it: a code created again after its
    // link expired does not inherit the old count.
    AtomicOperation op = kv.atomic().check(LinkKeys.link(code), null);
    if (ttl == null) {
      op.set(LinkKeys.link(code), link).set(LinkKeys.byOwner(owner, code), link)
          .set(LinkKeys.clicks(code), KvU64.of(0));
    } else {
      op.set(LinkKeys.link(code), link, ttl).set(LinkKeys.byOwner(owner, code), link, ttl)
          .set(LinkKeys.clicks(code), KvU64.of(0), ttl);
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

  /**
   * One page of an owner's links, in code order, and the cursor of the next page: null when no
   * link is left (one more entry is read to know), so that a page never offers an empty next one.
   */
  public Page page(String owner, int limit, @Nullable String cursor) {
    KvList<Link> list = kv.list(
        ListSelector.prefix(LinkKeys.byOwner(owner)), Link.class,
        ListOptions.defaults().withLimit(limit + 1).withCursor(cursor == null || cursor.isEmpty() ? null : cursor));
    List<Link> links = new ArrayList<>();
    Iterator<KvEntry<Link>> entries = list.iterator();
    String afterPage = null;
    while (links.size() < limit && entries.hasNext()) {
      links.add(entries.next().value());
      afterPage = list.cursor();
    }
    return new Page(links, entries.hasNext() ? afterPage : null);
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

  /**
   * Adds one to the click counter of a clicked link (a KvU64 sum, safe under concurrency), unless
   * the link is gone or was created after the click (a code deleted and created again): the sum is
   * committed only while the link read is unchanged.
   */
  public void count(ClickEvent click) {
    for (int attempt = 0; attempt < 10; attempt++) {
      KvEntry<Link> entry = kv.get(LinkKeys.link(click.code()), Link.class);
      Link link = entry.value();
      if (link == null || click.at().isBefore(link.createdAt())) {
        return;
      }
      if (kv.atomic().check(entry).sum(LinkKeys.clicks(click.code()), KvU64.of(1)).commit().ok()) {
        return;
      }
    }
    throw new IllegalStateException("The link " + click.code() + " kept changing while its click was counted");
  }

  /**
   * Calls {@code onCounts} with the click counts of up to {@value #MAX_WATCHED} codes now and
   * whenever one of them changes (one watch of their counters), until the subscription is closed.
   */
  public KvSubscription watchClicks(List<String> codes, Consumer<Map<String, Long>> onCounts, Consumer<Throwable> onError) {
    List<KvKey> keys = codes.stream().map(LinkKeys::clicks).toList();
    return kv.watch(
        keys,
        KvU64.class,
        entries -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          for (int i = 0; i < codes.size(); i++) {
            KvU64 count = entries.get(i).value();
            counts.put(codes.get(i), count == null ? 0 : count.bits());
          }
          onCounts.accept(counts);
        },
        onError);
  }
}
