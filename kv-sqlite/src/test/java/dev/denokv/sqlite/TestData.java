package dev.denokv.sqlite;

import dev.denokv.Consistency;
import dev.denokv.Versionstamp;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.KvU64;
import dev.denokv.value.ValueEncoding;
import dev.denokv.value.v8.internal.V8Output;
import dev.denokv.value.v8.internal.V8Tags;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Keys, values and shortcuts for backend tests, at the byte level. */
final class TestData {

  private TestData() {}

  /** The encoded key made of string parts. */
  static byte[] key(String... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String p : parts) {
      out.write(0x02);
      for (byte b : p.getBytes(StandardCharsets.UTF_8)) {
        out.write(b);
        if (b == 0) {
          out.write(0xFF);
        }
      }
      out.write(0x00);
    }
    return out.toByteArray();
  }

  /** The key range holding every key that starts with {@code prefix} (prefix itself excluded). */
  static ReadRange prefix(byte[] prefix, int limit, boolean reverse) {
    byte[] start = java.util.Arrays.copyOf(prefix, prefix.length + 1);
    byte[] end = java.util.Arrays.copyOf(prefix, prefix.length + 1);
    end[prefix.length] = (byte) 0xFF;
    return new ReadRange(start, end, limit, reverse);
  }

  static EncodedValue v8String(String s) {
    V8Output out = new V8Output();
    out.writeHeader(V8Tags.VERSION_15);
    out.writeString(s);
    return new EncodedValue(ValueEncoding.V8, out.toByteArray());
  }

  static EncodedValue v8Number(double d) {
    V8Output out = new V8Output();
    out.writeHeader(V8Tags.VERSION_15);
    out.writeNumber(d);
    return new EncodedValue(ValueEncoding.V8, out.toByteArray());
  }

  static EncodedValue v8Double(double d) {
    V8Output out = new V8Output();
    out.writeHeader(V8Tags.VERSION_15);
    out.writeByte(V8Tags.DOUBLE);
    out.writeDouble(d);
    return new EncodedValue(ValueEncoding.V8, out.toByteArray());
  }

  static EncodedValue v8BigInt(long v) {
    return v8BigInt(BigInteger.valueOf(v));
  }

  static EncodedValue v8BigInt(BigInteger v) {
    V8Output out = new V8Output();
    out.writeHeader(V8Tags.VERSION_15);
    out.writeByte(V8Tags.BIGINT);
    out.writeBigIntPayload(v);
    return new EncodedValue(ValueEncoding.V8, out.toByteArray());
  }

  /** The V8 object {@code {name: <name>, n: <n>}}. */
  static EncodedValue v8Object(String name, int n) {
    V8Output out = new V8Output();
    out.writeHeader(V8Tags.VERSION_15);
    out.writeByte(V8Tags.BEGIN_JS_OBJECT);
    out.writeString("name");
    out.writeString(name);
    out.writeString("n");
    out.writeNumber(n);
    out.writeByte(V8Tags.END_JS_OBJECT);
    out.writeVarint(2);
    return new EncodedValue(ValueEncoding.V8, out.toByteArray());
  }

  static EncodedValue u64(long v) {
    return new EncodedValue(ValueEncoding.LE64, new KvU64(v).toLittleEndian());
  }

  static EncodedValue bytes(int... b) {
    byte[] data = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      data[i] = (byte) b[i];
    }
    return new EncodedValue(ValueEncoding.BYTES, data);
  }

  static @Nullable RawEntry get(Database db, byte[] key) {
    byte[] end = java.util.Arrays.copyOf(key, key.length + 1);
    List<RawEntry> r = db.snapshotRead(List.of(new ReadRange(key, end, 1, false)), Consistency.STRONG).get(0);
    return r.isEmpty() ? null : r.get(0);
  }

  static Versionstamp set(Database db, byte[] key, EncodedValue value) {
    return commit(db, new AtomicWrite(List.of(), List.of(Mutation.set(key, value, 0)), List.of()));
  }

  static Versionstamp commit(Database db, AtomicWrite write) {
    CommitResult r = db.atomicWrite(write);
    if (r instanceof CommitResult.Committed c) {
      return c.versionstamp();
    }
    throw new AssertionError("expected a commit, got " + r);
  }

  static AtomicWrite mutations(Mutation... ms) {
    return new AtomicWrite(List.of(), List.of(ms), List.of());
  }

  static AtomicWrite checked(List<Check> checks, Mutation... ms) {
    return new AtomicWrite(checks, List.of(ms), List.of());
  }

  static AtomicWrite enqueue(Enqueue... es) {
    return new AtomicWrite(List.of(), List.of(), List.of(es));
  }
}
