package dev.denokv.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * The value shapes {@link SqliteListVsDeno} lists, each a Java record and the same JS object the
 * Deno script ({@code sqlite-list-workloads.ts}) writes: what entry {@code i} holds, how many
 * entries a shape has at scale 1, and which fields a reader touches.
 */
final class ListShapes {

  private ListShapes() {}

  /** Three fields: the smallest useful record. */
  record Small(int id, String name, boolean active) {}

  /** A line of an {@link Order}. */
  record Item(String sku, int qty, double price) {}

  /** Nested: a list of records, a string map, a list of strings and a date. */
  record Order(int id, String customer, List<Item> items, Map<String, String> attrs, List<String> tags,
      Instant created) {}

  /** String-heavy: short and long one-byte strings and a two-byte (non-Latin-1) string. */
  record Article(String title, String author, String body, String summary) {}

  /** Fewer, bigger entries: 100 small records in one value. */
  record Batch(int id, List<Small> rows) {}

  /** One listed shape: its record type, entry count at scale 1, value maker and field reader. */
  record Shape<T>(String name, Class<T> type, int entries, IntFunction<T> value, ToLongFunction<T> touch) {}

  static final String LOREM = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
      + "incididunt ut labore et dolore magna aliqua. ";
  static final String BODY = LOREM.repeat(5);
  static final String SUMMARY = "Übersicht — 概要と説明: ключевые слова, 要点のまとめ. ".repeat(2);

  static Small small(int i) {
    return new Small(i, "user-" + i, i % 2 == 0);
  }

  static Order order(int i) {
    List<Item> items = List.of(new Item("sku-" + i, 1 + i % 5, 9.99), new Item("sku-x", 2, 19.5),
        new Item("sku-y", 3, 0.25));
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("channel", "web");
    attrs.put("region", "eu-west");
    attrs.put("coupon", "SPRING");
    return new Order(i, "customer-" + i, items, attrs, List.of("new", "priority"),
        Instant.ofEpochMilli(1_700_000_000_000L + i));
  }

  static Article article(int i) {
    return new Article("Article number " + i + " on listing speed", "author-" + (i % 100), BODY, SUMMARY);
  }

  static Batch batch(int i) {
    List<Small> rows = new ArrayList<>(100);
    for (int j = 0; j < 100; j++) {
      rows.add(small(i * 100 + j));
    }
    return new Batch(i, rows);
  }

  /** The shapes, in the order the table lists them; the Deno script mirrors each. */
  static final List<Shape<?>> ALL = List.of(
      new Shape<>("listSmall", Small.class, 20_000, ListShapes::small,
          v -> v.id() + v.name().length() + (v.active() ? 1 : 0)),
      new Shape<>("listNested", Order.class, 10_000, ListShapes::order,
          v -> v.id() + v.items().size() + v.items().get(0).qty() + v.attrs().get("region").length()
              + v.tags().size() + v.created().toEpochMilli() % 7),
      new Shape<>("listStrings", Article.class, 10_000, ListShapes::article,
          v -> v.title().length() + v.author().length() + v.body().length() + v.summary().length()),
      new Shape<>("listBig", Batch.class, 1_000, ListShapes::batch,
          v -> v.id() + v.rows().size() + v.rows().get(99).id()));
}
