package dev.denokv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import dev.denokv.sqlite.SqliteDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KvTemplateListTest {

  private KvTemplate kv;

  @BeforeEach
  void open() {
    kv = Templates.inMemory();
    for (String k : List.of("k1", "k2", "k3", "k4", "k5")) {
      kv.set(KvKey.of("p", k), k);
    }
    kv.set(KvKey.of("p"), "the prefix itself");
    kv.set(KvKey.of("q", "x"), "other");
  }

  @AfterEach
  void close() {
    kv.close();
  }

  private static List<String> keys(KvList<?> list) {
    return list.stream().map(e -> (String) e.key().get(1)).toList();
  }

  @Test
  void prefixExcludesThePrefixItself() {
    assertThat(keys(kv.list(ListSelector.prefix(KvKey.of("p")), String.class)))
        .containsExactly("k1", "k2", "k3", "k4", "k5");
  }

  @Test
  void emptyPrefixListsEverything() {
    assertThat(kv.list(ListSelector.prefix(KvKey.EMPTY), Object.class).toList()).hasSize(7);
  }

  @Test
  void prefixWithStartAndWithEnd() {
    assertThat(keys(kv.list(ListSelector.prefix(KvKey.of("p"), KvKey.of("p", "k3")), String.class)))
        .containsExactly("k3", "k4", "k5");
    assertThat(keys(kv.list(ListSelector.prefixUntil(KvKey.of("p"), KvKey.of("p", "k3")), String.class)))
        .containsExactly("k1", "k2");
  }

  @Test
  void startEndRangeIsHalfOpen() {
    assertThat(keys(kv.list(ListSelector.range(KvKey.of("p", "k2"), KvKey.of("p", "k4")), String.class)))
        .containsExactly("k2", "k3");
  }

  @Test
  void reverseAndLimit() {
    ListOptions opts = ListOptions.defaults().withReverse(true).withLimit(2);
    assertThat(keys(kv.list(ListSelector.prefix(KvKey.of("p")), String.class, opts))).containsExactly("k5", "k4");
  }

  @Test
  void cursorsHaveDenoFormatAndResume() {
    KvList<String> first = kv.list(ListSelector.prefix(KvKey.of("p")), String.class, ListOptions.defaults().withLimit(2));
    assertThat(keys(first)).containsExactly("k1", "k2");
    assertThat(first.cursor()).isEqualTo("AmsyAA==");
    KvList<String> rest = kv.list(ListSelector.prefix(KvKey.of("p")), String.class,
        ListOptions.defaults().withCursor(first.cursor()));
    assertThat(keys(rest)).containsExactly("k3", "k4", "k5");

    KvList<String> range = kv.list(ListSelector.range(KvKey.of("p", "k1"), KvKey.of("p", "k5")), String.class,
        ListOptions.defaults().withLimit(2));
    assertThat(keys(range)).containsExactly("k1", "k2");
    assertThat(range.cursor()).isEqualTo("MgA=");
  }

  @Test
  void reverseCursorResumesBackwards() {
    ListOptions opts = ListOptions.defaults().withReverse(true).withLimit(2);
    KvList<String> first = kv.list(ListSelector.prefix(KvKey.of("p")), String.class, opts);
    assertThat(keys(first)).containsExactly("k5", "k4");
    KvList<String> next = kv.list(ListSelector.prefix(KvKey.of("p")), String.class, opts.withCursor(first.cursor()));
    assertThat(keys(next)).containsExactly("k3", "k2");
  }

  @Test
  void smallBatchesStillReturnEverythingInOrder() {
    ListOptions opts = ListOptions.defaults().withBatchSize(2);
    assertThat(keys(kv.list(ListSelector.prefix(KvKey.of("p")), String.class, opts)))
        .containsExactly("k1", "k2", "k3", "k4", "k5");
  }

  @Test
  void smallBatchesResumeFromACursorInBothDirections() {
    ListSelector p = ListSelector.prefix(KvKey.of("p"));
    KvList<String> first = kv.list(p, String.class, ListOptions.defaults().withLimit(1));
    assertThat(keys(first)).containsExactly("k1");
    KvList<String> rest = kv.list(p, String.class, ListOptions.defaults().withBatchSize(2).withCursor(first.cursor()));
    assertThat(keys(rest)).containsExactly("k2", "k3", "k4", "k5");
    assertThat(rest.cursor()).as("a listing run to its end").isEmpty();

    ListOptions reverse = ListOptions.defaults().withReverse(true);
    KvList<String> last = kv.list(p, String.class, reverse.withLimit(1));
    assertThat(keys(last)).containsExactly("k5");
    KvList<String> before = kv.list(p, String.class, reverse.withBatchSize(2).withCursor(last.cursor()));
    assertThat(keys(before)).containsExactly("k4", "k3", "k2", "k1");
    assertThat(before.cursor()).isEmpty();
  }

  @Test
  void rejectsBadSelectorsAndOptionsWithDenoMessages() {
    assertThatThrownBy(() -> new ListSelector(KvKey.of("p"), KvKey.of("p", "a"), KvKey.of("p", "b")))
        .isInstanceOf(KvInvalidArgumentException.class)
        .hasMessage("Selector can not specify both 'start' and 'end' key when specifying 'prefix'");
    assertThatThrownBy(() -> new ListSelector(null, KvKey.of("a"), null))
        .hasMessage("Selector must specify either 'prefix' or both 'start' and 'end' key");
    assertThatThrownBy(() -> kv.list(ListSelector.prefix(KvKey.of("p"), KvKey.of("q", "a")), String.class))
        .hasMessage("Start key is not in the keyspace defined by prefix");
    assertThatThrownBy(() -> kv.list(ListSelector.prefixUntil(KvKey.of("p"), KvKey.of("q")), String.class))
        .hasMessage("End key is not in the keyspace defined by prefix");
    assertThatThrownBy(() -> kv.list(ListSelector.range(KvKey.of("b"), KvKey.of("a")), String.class))
        .hasMessage("Start key is greater than end key");
    assertThatThrownBy(() -> kv.list(ListSelector.prefix(KvKey.of("p")), String.class, ListOptions.defaults().withLimit(0)))
        .hasMessage("Limit must be a positive integer: received 0");
    assertThatThrownBy(() -> kv.list(ListSelector.prefix(KvKey.of("p")), String.class, ListOptions.defaults().withBatchSize(0)))
        .hasMessage("batchSize must be a positive integer: received 0");
    assertThatThrownBy(() -> kv.list(ListSelector.prefix(KvKey.of("p")), String.class, ListOptions.defaults().withCursor("!!")))
        .hasMessage("invalid cursor");
    assertThatThrownBy(() -> kv.list(ListSelector.range(KvKey.of("p", "k3"), KvKey.of("p", "k5")), String.class,
            ListOptions.defaults().withCursor("MAA=")))
        .hasMessage("cursor out of bounds");
    assertThatThrownBy(() -> kv.list(ListSelector.range(KvKey.of("p", "k3"), KvKey.of("p", "k5")), String.class,
            ListOptions.defaults().withReverse(true).withCursor("OQA=")))
        .hasMessage("cursor out of bounds");
  }
}
