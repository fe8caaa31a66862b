package dev.denokv.benchmarks;

import dev.denokv.value.jackson.V8Mapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes and decodes a typical stored object with {@link V8Mapper} (the V8 format Deno KV stores)
 * and, for comparison, with Jackson's JSON mapper.
 *
 * <pre>java -jar kv-benchmarks/target/benchmarks.jar -f 1 -wi 2 -i 3 -w 1s -r 1s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ValueCodecBenchmark {

  /** A postal address. */
  public record Address(String street, String city, String postalCode, String country) {}

  /** One line of an order. */
  public record Line(String sku, String title, int quantity, double unitPrice) {}

  /** A typical stored document: a dozen fields with a nested list, a map and an instant. */
  public record Order(String id, String customerId, String status, int itemCount, long version,
      double total, boolean paid, Instant createdAt, Instant updatedAt, List<Line> lines,
      Map<String, String> tags, Address shipping, List<String> notes) {}

  private V8Mapper v8;
  private JsonMapper json;
  private Order order;
  private byte[] v8Bytes;
  private byte[] jsonBytes;

  @Setup
  public void setUp() {
    v8 = V8Mapper.builder().build();
    json = JsonMapper.builder().build();
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("channel", "web");
    tags.put("campaign", "spring-sale");
    tags.put("region", "eu-central");
    order = new Order("ord_01HZX3V5K8", "cus_4821", "SHIPPED", 3, 17L, 129.97, true,
        Instant.parse("2024-05-06T07:08:09.123Z"), Instant.parse("2024-05-07T10:00:00Z"),
        List.of(new Line("SKU-1", "Kaffeebecher", 2, 12.5), new Line("SKU-22", "Teekanne Ø 18 cm", 1, 39.99),
            new Line("SKU-303", "Espresso beans 1 kg", 1, 64.98)),
        tags, new Address("Hauptstraße 12", "Köln", "50667", "DE"),
        List.of("leave at the door", "gift wrap"));
    v8Bytes = v8.writeValueAsBytes(order);
    jsonBytes = json.writeValueAsBytes(order);
  }

  @Benchmark
  public byte[] v8Encode() {
    return v8.writeValueAsBytes(order);
  }

  @Benchmark
  public Order v8Decode() {
    return v8.readValue(v8Bytes, Order.class);
  }

  @Benchmark
  public Order v8EncodeDecode() {
    return v8.readValue(v8.writeValueAsBytes(order), Order.class);
  }

  @Benchmark
  public byte[] jsonEncode() {
    return json.writeValueAsBytes(order);
  }

  @Benchmark
  public Order jsonDecode() {
    return json.readValue(jsonBytes, Order.class);
  }

  @Benchmark
  public Order jsonEncodeDecode() {
    return json.readValue(json.writeValueAsBytes(order), Order.class);
  }
}
