package dev.denokv.value.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;

/**
 * Arrays whose size Jackson does not announce and objects whose index-like keys arrive out of V8's
 * order are patched after the fact; the result must be byte-identical to writing them in V8's
 * order with known sizes (which follows V8's rules directly), two-byte-string padding included.
 */
class V8GeneratorPatchingTest {

  private final V8Mapper mapper = V8Mapper.builder().formatVersion(16).build();

  @Test
  void patchedOutputIsByteIdenticalToDirectOutput() {
    Random random = new Random(7);
    for (int i = 0; i < 150; i++) {
      Object tree = randomValue(random, 0);
      assertThat(hex(write(tree, false))).as("tree %s", i).isEqualTo(hex(write(tree, true)));
    }
  }

  @Test
  void aLengthThatNeedsTwoVarintBytesKeepsTheTwoByteStringsAligned() {
    List<Object> list = new ArrayList<>();
    list.add("Ω");
    for (int i = 0; i < 199; i++) {
      list.add(i % 2 == 0 ? "x" : "😮");
    }
    byte[] unknownSize = write(list, false);
    assertThat(hex(unknownSize)).isEqualTo(hex(write(list, true)));
    // 200 elements: the length takes two bytes, so the first string needs a padding byte.
    assertThat(hex(unknownSize)).startsWith("ff1041c801" + "00" + "6302a903");
    assertThat(mapper.readValue(unknownSize, List.class)).isEqualTo(list);
  }

  private byte[] write(Object tree, boolean direct) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = mapper.createGenerator(out)) {
      write(g, tree, direct);
    }
    return out.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static void write(JsonGenerator g, Object value, boolean direct) {
    if (value instanceof List<?> list) {
      if (direct) {
        g.writeStartArray(list, list.size());
      } else {
        g.writeStartArray();
      }
      for (Object e : list) {
        write(g, e, direct);
      }
      g.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      List<String> keys = new ArrayList<>((java.util.Collection<String>) map.keySet());
      if (direct) {
        List<String> index = new ArrayList<>(keys.stream().filter(k -> V8Generator.arrayIndex(k) >= 0).toList());
        index.sort((a, b) -> Long.compare(V8Generator.arrayIndex(a), V8Generator.arrayIndex(b)));
        List<String> named = keys.stream().filter(k -> V8Generator.arrayIndex(k) < 0).toList();
        keys = new ArrayList<>(index);
        keys.addAll(named);
      }
      for (String k : keys) {
        g.writeName(k);
        write(g, map.get(k), direct);
      }
      g.writeEndObject();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else {
      g.writeNumber((Integer) value);
    }
  }

  private static Object randomValue(Random r, int depth) {
    int kind = depth > 3 ? r.nextInt(2) : r.nextInt(4);
    return switch (kind) {
      case 0 -> randomString(r);
      case 1 -> r.nextInt(1000) - 500;
      case 2 -> {
        int n = r.nextInt(10) == 0 ? 100 + r.nextInt(200) : r.nextInt(6);
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          l.add(randomValue(r, depth + 1));
        }
        yield l;
      }
      default -> {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = r.nextInt(7);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          keys.add(switch (r.nextInt(4)) {
            case 0 -> Integer.toString(r.nextInt(300));
            case 1 -> Long.toString(4_294_967_000L + r.nextInt(400));
            default -> randomString(r);
          });
        }
        Collections.shuffle(keys, r);
        for (String k : keys) {
          m.put(k, randomValue(r, depth + 1));
        }
        yield m;
      }
    };
  }

  private static String randomString(Random r) {
    int n = r.nextInt(5);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(switch (r.nextInt(4)) {
        case 0 -> "Ω";
        case 1 -> "é";
        default -> (char) ('a' + r.nextInt(26));
      });
    }
    return sb.toString();
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
