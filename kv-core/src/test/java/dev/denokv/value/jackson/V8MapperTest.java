package dev.denokv.value.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvInvalidArgumentException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamWriteException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

class V8MapperTest {

  private final V8Mapper mapper = V8Mapper.builder().build();

  record Address(String street, String city, List<String> lines) {}

  record Customer(String name, int age, long id, double score, boolean active, Address address,
      List<Address> previous, Map<String, Integer> counters, Instant createdAt, BigInteger balance,
      byte[] avatar, String nickname) {}

  public static class Order {
    public String number;
    public List<Map<String, Object>> items = new ArrayList<>();
    public Date placed;
    public OffsetDateTime shipped;
    public ZonedDateTime delivered;
    public BigDecimal total;
    public float weight;
  }

  private static Customer customer() {
    return new Customer("Zoë 😀 Ω", 42, 9_007_199_254_740_991L, 0.1, true,
        new Address("Hauptstraße 1", "Köln", List.of("c/o ß", "日本")),
        List.of(new Address("a", "b", List.of())), new LinkedHashMap<>(Map.of("x", 1)),
        Instant.parse("2024-05-06T07:08:09.123Z"), new BigInteger("-123456789012345678901234567890"),
        new byte[] {0, 1, 2, (byte) 0xff}, null);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void roundTripsARecordWithNestedValues() {
    Customer c = customer();
    byte[] bytes = mapper.writeValueAsBytes(c);
    assertThat(hex(bytes)).startsWith("ff0f6f");
    Customer back = mapper.readValue(bytes, Customer.class);
    assertThat(back).usingRecursiveComparison().isEqualTo(c);
  }

  @Test
  void roundTripsAPojoWithTimeTypesAsJsDates() {
    Order o = new Order();
    o.number = "A-1";
    o.items.add(new LinkedHashMap<>(Map.of("sku", "x")));
    o.placed = new Date(1_700_000_000_123L);
    o.shipped = OffsetDateTime.parse("2024-01-02T03:04:05.678Z");
    o.delivered = ZonedDateTime.parse("2024-01-03T00:00:00Z");
    o.total = new BigDecimal("12.5");
    o.weight = 0.1f;
    byte[] bytes = mapper.writeValueAsBytes(o);
    // placed is written as the JS Date of 1700000000123 ms, exactly as Deno writes it.
    assertThat(hex(bytes)).contains("22067" + "06c61636564" + "4400b08756febc7842");
    // 0.1f is written as the double 0.1.
    assertThat(hex(bytes)).contains("4e9a9999999999b93f");
    Order back = mapper.readValue(bytes, Order.class);
    assertThat(back.placed).isEqualTo(o.placed);
    assertThat(back.shipped).isEqualTo(o.shipped.withOffsetSameInstant(ZoneOffset.UTC));
    assertThat(back.delivered.toInstant()).isEqualTo(o.delivered.toInstant());
    assertThat(back.total).isEqualByComparingTo("12.5");
    assertThat(back.weight).isEqualTo(0.1f);
    assertThat(back.items).containsExactly(Map.of("sku", "x"));
  }

  @Test
  void aJsDateBindsToEpochMillisAndIsoStrings() {
    byte[] date = mapper.writeValueAsBytes(Map.of("t", Instant.ofEpochMilli(1234)));
    record AsLong(long t) {}
    record AsBoxed(Long t) {}
    record AsDouble(double t) {}
    record AsString(String t) {}
    assertThat(mapper.readValue(date, AsLong.class).t()).isEqualTo(1234L);
    assertThat(mapper.readValue(date, AsBoxed.class).t()).isEqualTo(1234L);
    assertThat(mapper.readValue(date, AsDouble.class).t()).isEqualTo(1234.0);
    assertThat(mapper.readValue(date, AsString.class).t()).isEqualTo("1970-01-01T00:00:01.234Z");
    assertThat(mapper.readValue(date, new TypeReference<Map<String, Object>>() {}))
        .containsEntry("t", Instant.ofEpochMilli(1234));
  }

  public static class Period {
    public Instant from;
    public Instant to;
  }

  public static class Booking {
    public String guest;
    @com.fasterxml.jackson.annotation.JsonUnwrapped
    public Period period;
  }

  @Test
  void datesSurviveJacksonsTokenBuffering() {
    Booking b = new Booking();
    b.guest = "Ada";
    b.period = new Period();
    b.period.from = Instant.ofEpochMilli(1000);
    b.period.to = Instant.ofEpochMilli(2000);
    byte[] bytes = mapper.writeValueAsBytes(b);
    assertThat(hex(bytes)).contains("2204" + "66726f6d" + "44" + "0000000000408f40");
    Booking back = mapper.readValue(bytes, Booking.class);
    assertThat(back.period.from).isEqualTo(b.period.from);
    assertThat(back.period.to).isEqualTo(b.period.to);
    Map<String, Object> converted = mapper.convertValue(b, new TypeReference<Map<String, Object>>() {});
    assertThat(converted).containsEntry("from", b.period.from);
  }

  @Test
  void uuidsAreStringsAndByteArraysAreUint8Arrays() {
    java.util.UUID id = java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertThat(mapper.readValue(mapper.writeValueAsBytes(id), Object.class)).isEqualTo(id.toString());
    assertThat(hex(mapper.writeValueAsBytes(new byte[] {1, 2}))).isEqualTo("ff0f42020102564200020" + "0");
    assertThat(mapper.readValue(mapper.writeValueAsBytes(id), java.util.UUID.class)).isEqualTo(id);
  }

  @Test
  void rejectsDatesOutsideTheJsDateRange() {
    assertThatThrownBy(() -> mapper.writeValueAsBytes(Instant.MAX))
        .isInstanceOf(StreamWriteException.class)
        .hasMessageContaining("outside the JS Date range");
  }

  @Test
  void integralDoublesBindToIntAndLong() {
    record Numbers(int i, long l, Integer boxed) {}
    byte[] bytes = mapper.writeValueAsBytes(Map.of("i", 7.0, "l", 4_294_967_296.0, "boxed", -0.0));
    assertThat(mapper.readValue(bytes, Numbers.class)).isEqualTo(new Numbers(7, 4_294_967_296L, 0));
  }

  @Test
  void readsNullsAndUnicode() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", null);
    m.put("ü", "x😮y");
    m.put("list", java.util.Arrays.asList(null, "é", null));
    byte[] bytes = mapper.writeValueAsBytes(m);
    assertThat(mapper.readValue(bytes, new TypeReference<Map<String, Object>>() {})).isEqualTo(m);
  }

  @Test
  void longsAreNumbersWhenExactAndRejectedOtherwise() {
    assertThat(hex(mapper.writeValueAsBytes(1L << 31))).isEqualTo("ff0f4e000000000000e041");
    assertThat(hex(mapper.writeValueAsBytes(1L << 60))).isEqualTo("ff0f4e000000000000b043");
    assertThat(hex(mapper.writeValueAsBytes(Long.MIN_VALUE))).isEqualTo("ff0f4e000000000000e0c3");
    assertThatThrownBy(() -> mapper.writeValueAsBytes((1L << 53) + 1))
        .isInstanceOf(StreamWriteException.class)
        .hasMessageContaining("9007199254740993")
        .hasMessageContaining("BigInteger");
    assertThatThrownBy(() -> mapper.writeValueAsBytes(Long.MAX_VALUE)).isInstanceOf(StreamWriteException.class);
  }

  @Test
  void bigIntegersAreBigIntsAndReadBackAsBigIntegers() {
    assertThat(hex(mapper.writeValueAsBytes(BigInteger.ONE))).isEqualTo("ff0f5a100100000000000000");
    assertThat(mapper.readValue(mapper.writeValueAsBytes(BigInteger.TEN), Object.class)).isEqualTo(BigInteger.TEN);
    assertThat(mapper.readValue(mapper.writeValueAsBytes(BigInteger.TEN), long.class)).isEqualTo(10L);
  }

  @Test
  void mapsWithIndexLikeKeysFollowV8KeyOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1);
    m.put("2", "x");
    m.put("a", 2);
    m.put("0", "z");
    assertThat(hex(mapper.writeValueAsBytes(m))).isEqualTo("ff0f" + V8Vectors.named("object_mixed_keys_order").hex().substring(4));
    Map<Integer, String> ints = new TreeMap<>(java.util.Comparator.reverseOrder());
    ints.put(1, "a");
    ints.put(10, "b");
    ints.put(-1, "c");
    byte[] bytes = mapper.writeValueAsBytes(ints);
    // -1 is not an array index: it stays a string key, after the index keys 1 and 10.
    assertThat(mapper.readValue(bytes, new TypeReference<LinkedHashMap<String, String>>() {}))
        .containsExactly(Map.entry("1", "a"), Map.entry("10", "b"), Map.entry("-1", "c"));
  }

  @Test
  void writesTheConfiguredFormatVersion() {
    assertThat(hex(V8Mapper.builder().formatVersion(16).build().writeValueAsBytes(true))).isEqualTo("ff1054");
    assertThat(hex(V8Mapper.builder().formatVersion(15).build().writeValueAsBytes(true))).isEqualTo("ff0f54");
    assertThat(hex(new V8Mapper().writeValueAsBytes(true))).isEqualTo("ff0f54");
    assertThatThrownBy(() -> V8Mapper.builder().formatVersion(14)).isInstanceOf(KvInvalidArgumentException.class);
    V8Mapper v16 = V8Mapper.builder().formatVersion(16).build();
    assertThat(hex(v16.rebuild().build().writeValueAsBytes(1))).isEqualTo("ff104902");
  }

  @Test
  void copiesAnApplicationsJsonMapperConfiguration() {
    SimpleModule module = new SimpleModule("custom").addSerializer(java.util.UUID.class, ToStringSerializer.instance);
    JsonMapper json = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.WRAP_ROOT_VALUE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .addModule(module)
        .build();
    V8Mapper v8 = V8Mapper.builder(json).formatVersion(16).build();
    record Person(String firstName, Instant born) {}
    Person p = new Person("Ada", Instant.ofEpochMilli(0));
    byte[] bytes = v8.writeValueAsBytes(p);
    // {"Person": {"first_name": "Ada", "born": new Date(0)}}
    assertThat(hex(bytes)).isEqualTo("ff106f2206506572736f6e6f220a66697273745f6e616d65220341646122"
        + "04626f726e44" + "0000000000000000" + "7b027b01");
    assertThat(v8.registeredModules()).extracting(m -> m.getModuleName()).contains("custom", "V8Module");
    assertThat(v8.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
    assertThat(v8.tokenStreamFactory()).isInstanceOf(V8Factory.class);
    // The JSON mapper is unchanged.
    assertThat(json.writeValueAsString(new Person("x", Instant.ofEpochMilli(0)))).contains("first_name");
  }
}
