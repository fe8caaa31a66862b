package dev.denokv.server;

import com.deno.kv.datapath.AtomicWrite;
import com.deno.kv.datapath.KvValue;
import com.deno.kv.datapath.Mutation;
import com.deno.kv.datapath.MutationType;
import com.deno.kv.datapath.ReadRange;
import com.deno.kv.datapath.SnapshotRead;
import com.deno.kv.datapath.ValueEncoding;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builders of raw KV Connect messages for the tests. */
final class Protos {

  private Protos() {}

  /** The encoded key of the string parts {@code parts} (Deno's key codec for strings). */
  static byte[] key(String... parts) {
    ByteBuffer b = ByteBuffer.allocate(4096);
    for (String p : parts) {
      b.put((byte) 0x02).put(p.getBytes(StandardCharsets.UTF_8)).put((byte) 0x00);
    }
    return Arrays.copyOf(b.array(), b.position());
  }

  static ByteString bytes(byte[] b) {
    return ByteString.copyFrom(b);
  }

  static KvValue le64(long n) {
    return KvValue.newBuilder()
        .setEncoding(ValueEncoding.VE_LE64)
        .setData(ByteString.copyFrom(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array()))
        .build();
  }

  static KvValue bytesValue(byte[] data) {
    return KvValue.newBuilder().setEncoding(ValueEncoding.VE_BYTES).setData(ByteString.copyFrom(data)).build();
  }

  static Mutation set(byte[] key, KvValue value) {
    return Mutation.newBuilder().setKey(bytes(key)).setMutationType(MutationType.M_SET).setValue(value).build();
  }

  static Mutation sum(byte[] key, long n) {
    return Mutation.newBuilder().setKey(bytes(key)).setMutationType(MutationType.M_SUM).setValue(le64(n)).build();
  }

  static AtomicWrite write(Mutation... mutations) {
    return AtomicWrite.newBuilder().addAllMutations(Arrays.asList(mutations)).build();
  }

  static ReadRange range(byte[] start, byte[] end, int limit) {
    return ReadRange.newBuilder().setStart(bytes(start)).setEnd(bytes(end)).setLimit(limit).build();
  }

  /** A read of every key starting with {@code prefix}. */
  static SnapshotRead prefixRead(byte[] prefix, int limit) {
    byte[] end = Arrays.copyOf(prefix, prefix.length + 1);
    end[prefix.length] = (byte) 0xFF;
    return SnapshotRead.newBuilder().addRanges(range(prefix, end, limit)).build();
  }
}
