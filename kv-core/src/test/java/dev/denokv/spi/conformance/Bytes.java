package dev.denokv.spi.conformance;

import dev.denokv.Consistency;
import dev.denokv.Versionstamp;
import dev.denokv.spi.AtomicWrite;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Keys, values and shortcuts at the byte level for the conformance suite. */
public final class Bytes {

  private Bytes() {}

  /** The encoded key made of string parts. */
  public static byte[] key(String... parts) {
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

  /** The range of every key that starts with {@code prefix} (prefix itself excluded). */
  public static ReadRange prefix(byte[] prefix, int limit, boolean reverse) {
    byte[] start = Arrays.copyOf(prefix, prefix.length + 1);
    byte[] end = Arrays.copyOf(prefix, prefix.length + 1);
    end[prefix.length] = (byte) 0xFF;
    return new ReadRange(start, end, limit, reverse);
  }

  public static EncodedValue v8String(String s) {
    V8Output out = new V8Output();
    out.writeHeader(V8Tags.VERSION_15);
    out.writeString(s);
    return new EncodedValue(ValueEncoding.V8, out.toByteArray());
  }

  /** The string a {@link #v8String} of a one-byte string holds. */
  public static String string(EncodedValue v) {
    return new String(v.data(), 4, v.data().length - 4, StandardCharsets.ISO_8859_1);
  }

  public static EncodedValue v8Number(double d) {
    V8Output out = new V8Output();
    out.writeHeader(V8Tags.VERSION_15);
    out.writeNumber(d);
    return new EncodedValue(ValueEncoding.V8, out.toByteArray());
  }

  public static EncodedValue v8Double(double d) {
    V8Output out = new V8Output();
    out.writeHeader(V8Tags.VERSION_15);
    out.writeByte(V8Tags.DOUBLE);
    out.writeDouble(d);
    return new EncodedValue(ValueEncoding.V8, out.toByteArray());
  }

  public static EncodedValue v8BigInt(long v) {
    return v8BigInt(BigInteger.valueOf(v));
  }

  public static EncodedValue v8BigInt(BigInteger v) {
    V8Output out = new V8Output();
    out.writeHeader(V8Tags.VERSION_15);
    out.writeByte(V8Tags.BIGINT);
    out.writeBigIntPayload(v);
    return new EncodedValue(ValueEncoding.V8, out.toByteArray());
  }

  public static EncodedValue u64(long v) {
    return new EncodedValue(ValueEncoding.LE64, new KvU64(v).toLittleEndian());
  }

  public static EncodedValue bytes(int... b) {
    byte[] data = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      data[i] = (byte) b[i];
    }
    return new EncodedValue(ValueEncoding.BYTES, data);
  }

  public static @Nullable RawEntry get(Database db, byte[] key) {
    return get(db, key, Consistency.STRONG);
  }

  public static @Nullable RawEntry get(Database db, byte[] key, Consistency consistency) {
    byte[] end = Arrays.copyOf(key, key.length + 1);
    List<RawEntry> r = db.snapshotRead(List.of(new ReadRange(key, end, 1, false)), consistency).get(0);
    return r.isEmpty() ? null : r.get(0);
  }

  public static Versionstamp set(Database db, byte[] key, EncodedValue value) {
    return commit(db, mutations(Mutation.set(key, value, 0)));
  }

  public static Versionstamp commit(Database db, AtomicWrite write) {
    CommitResult r = db.atomicWrite(write);
    if (r instanceof CommitResult.Committed c) {
      return c.versionstamp();
    }
    throw new AssertionError("expected a commit, got " + r);
  }

  public static AtomicWrite mutations(Mutation... ms) {
    return new AtomicWrite(List.of(), List.of(ms), List.of());
  }

  public static AtomicWrite enqueue(Enqueue... es) {
    return new AtomicWrite(List.of(), List.of(), List.of(es));
  }

  /** The strings of {@link #v8String} values, in order. */
  public static List<String> strings(List<RawEntry> entries) {
    List<String> out = new ArrayList<>();
    for (RawEntry e : entries) {
      out.add(string(e.value()));
    }
    return out;
  }
}
