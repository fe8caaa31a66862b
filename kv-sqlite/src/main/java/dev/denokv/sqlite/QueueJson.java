package dev.denokv.sqlite;

import dev.denokv.error.KvCodecException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON texts Deno keeps in the queue tables: {@code backoff_schedule} (an array of
 * milliseconds, e.g. {@code [100,1000]}) and {@code keys_if_undelivered} (an array of keys, each
 * an array of byte values 0–255, e.g. {@code [[2,97,0]]}), compact, as serde_json writes them.
 */
final class QueueJson {

  /** Deno's default retry delays in milliseconds. */
  static final List<Integer> DEFAULT_BACKOFF = List.of(100, 1000, 5000, 30000, 60000);

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private QueueJson() {}

  static String backoff(@Nullable List<? extends Number> schedule) {
    return JSON.writeValueAsString(schedule == null ? DEFAULT_BACKOFF : schedule);
  }

  static List<Long> parseBackoff(String text) {
    try {
      List<Long> parsed = JSON.readValue(text, new TypeReference<List<Long>>() {});
      return parsed == null ? List.of() : parsed;
    } catch (JacksonException e) {
      throw new KvCodecException("Invalid backoff_schedule in the queue: " + e.getOriginalMessage());
    }
  }

  static String keys(List<byte[]> keys) {
    List<int[]> unsigned = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      int[] k = new int[key.length];
      for (int i = 0; i < key.length; i++) {
        k[i] = key[i] & 0xFF;
      }
      unsigned.add(k);
    }
    return JSON.writeValueAsString(unsigned);
  }

  static List<byte[]> parseKeys(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    try {
      int[][] parsed = JSON.readValue(text, int[][].class);
      List<byte[]> keys = new ArrayList<>();
      if (parsed != null) {
        for (int[] k : parsed) {
          byte[] key = new byte[k.length];
          for (int i = 0; i < k.length; i++) {
            key[i] = (byte) k[i];
          }
          keys.add(key);
        }
      }
      return keys;
    } catch (JacksonException e) {
      throw new KvCodecException("Invalid keys_if_undelivered in the queue: " + e.getOriginalMessage());
    }
  }
}
