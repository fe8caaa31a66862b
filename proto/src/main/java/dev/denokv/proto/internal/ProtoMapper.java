package dev.denokv.proto.internal;

import com.deno.kv.datapath.AtomicWriteOutput;
import com.deno.kv.datapath.AtomicWriteStatus;
import com.deno.kv.datapath.KvEntry;
import com.deno.kv.datapath.KvValue;
import com.deno.kv.datapath.MutationType;
import com.deno.kv.datapath.ReadRangeOutput;
import com.deno.kv.datapath.SnapshotRead;
import com.deno.kv.datapath.SnapshotReadOutput;
import com.deno.kv.datapath.SnapshotReadStatus;
import com.deno.kv.datapath.Watch;
import com.deno.kv.datapath.WatchKey;
import com.deno.kv.datapath.WatchKeyOutput;
import com.deno.kv.datapath.WatchOutput;
import com.google.protobuf.ByteString;
import dev.denokv.Versionstamp;
import dev.denokv.error.KvCodecException;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.MutationKind;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.util.ArrayList;
import java.util.List;


/**
 * Converts SPI records to KV Connect protobuf messages and back. Conversions from protobuf
 * validate what the SPI cannot represent (unknown enum values, bad versionstamp lengths, LE64 values
 * that are not 8 bytes) and throw {@link KvCodecException} naming the field.
 */
public final class ProtoMapper {

  private ProtoMapper() {}

  // ---- reads ------------------------------------------------------------------------------

  public static SnapshotRead toProto(List<ReadRange> ranges) {
    SnapshotRead.Builder b = SnapshotRead.newBuilder();
    for (ReadRange r : ranges) {
      b.addRanges(
          com.deno.kv.datapath.ReadRange.newBuilder()
              .setStart(ByteString.copyFrom(r.start()))
              .setEnd(ByteString.copyFrom(r.end()))
              .setLimit(r.limit())
              .setReverse(r.reverse()));
    }
    return b.build();
  }

  public static List<ReadRange> fromProto(SnapshotRead read) {
    List<ReadRange> out = new ArrayList<>(read.getRangesCount());
    for (com.deno.kv.datapath.ReadRange r : read.getRangesList()) {
      out.add(new ReadRange(r.getStart().toByteArray(), r.getEnd().toByteArray(), r.getLimit(), r.getReverse()));
    }
    return out;
  }

  /** A successful v3 answer (also valid for v1/v2 clients, which ignore {@code status}). */
  public static SnapshotReadOutput toProto(List<List<RawEntry>> result, boolean stronglyConsistent) {
    SnapshotReadOutput.Builder b =
        SnapshotReadOutput.newBuilder()
            .setStatus(SnapshotReadStatus.SR_SUCCESS)
            .setReadIsStronglyConsistent(stronglyConsistent);
    for (List<RawEntry> range : result) {
      ReadRangeOutput.Builder rb = ReadRangeOutput.newBuilder();
      for (RawEntry e : range) {
        rb.addValues(toProto(e));
      }
      b.addRanges(rb);
    }
    return b.build();
  }

  public static List<List<RawEntry>> fromProto(SnapshotReadOutput output) {
    List<List<RawEntry>> out = new ArrayList<>(output.getRangesCount());
    for (ReadRangeOutput r : output.getRangesList()) {
      List<RawEntry> entries = new ArrayList<>(r.getValuesCount());
      for (KvEntry e : r.getValuesList()) {
        entries.add(fromProto(e));
      }
      out.add(entries);
    }
    return out;
  }

  public static KvEntry toProto(RawEntry e) {
    return KvEntry.newBuilder()
        .setKey(ByteString.copyFrom(e.key()))
        .setValue(ByteString.copyFrom(e.value().data()))
        .setEncoding(toProto(e.value().encoding()))
        .setVersionstamp(ByteString.copyFrom(e.versionstamp().toBytes()))
        .build();
  }

  public static RawEntry fromProto(KvEntry e) {
    return new RawEntry(
        e.getKey().toByteArray(),
        value(e.getEncodingValue(), e.getValue(), "entry"),
        versionstamp(e.getVersionstamp(), "entry versionstamp"));
  }

  // ---- writes -----------------------------------------------------------------------------

  public static com.deno.kv.datapath.AtomicWrite toProto(AtomicWrite write) {
    com.deno.kv.datapath.AtomicWrite.Builder b = com.deno.kv.datapath.AtomicWrite.newBuilder();
    for (Check c : write.checks()) {
      com.deno.kv.datapath.Check.Builder cb =
          com.deno.kv.datapath.Check.newBuilder().setKey(ByteString.copyFrom(c.key()));
      if (c.versionstamp() != null) {
        cb.setVersionstamp(ByteString.copyFrom(c.versionstamp().toBytes()));
      }
      b.addChecks(cb);
    }
    for (Mutation m : write.mutations()) {
      com.deno.kv.datapath.Mutation.Builder mb =
          com.deno.kv.datapath.Mutation.newBuilder()
              .setKey(ByteString.copyFrom(m.key()))
              .setMutationType(toProto(m.kind()))
              .setExpireAtMs(m.expireAtMs())
              .setSumClamp(m.sumClamp());
      if (m.value() != null) {
        mb.setValue(toProtoValue(m.value()));
      }
      if (m.sumMin() != null) {
        mb.setSumMin(ByteString.copyFrom(m.sumMin().data()));
      }
      if (m.sumMax() != null) {
        mb.setSumMax(ByteString.copyFrom(m.sumMax().data()));
      }
      b.addMutations(mb);
    }
    for (Enqueue q : write.enqueues()) {
      com.deno.kv.datapath.Enqueue.Builder qb =
          com.deno.kv.datapath.Enqueue.newBuilder()
              .setPayload(ByteString.copyFrom(q.payload()))
              .setDeadlineMs(q.deadlineMs());
      for (byte[] k : q.keysIfUndelivered()) {
        qb.addKeysIfUndelivered(ByteString.copyFrom(k));
      }
      if (q.backoffSchedule() != null) {
        qb.addAllBackoffSchedule(q.backoffSchedule());
      }
      b.addEnqueues(qb);
    }
    return b.build();
  }

  public static AtomicWrite fromProto(com.deno.kv.datapath.AtomicWrite write) {
    List<Check> checks = new ArrayList<>(write.getChecksCount());
    for (com.deno.kv.datapath.Check c : write.getChecksList()) {
      Versionstamp vs =
          c.getVersionstamp().isEmpty() ? null : versionstamp(c.getVersionstamp(), "check versionstamp");
      checks.add(new Check(c.getKey().toByteArray(), vs));
    }
    List<Mutation> mutations = new ArrayList<>(write.getMutationsCount());
    for (com.deno.kv.datapath.Mutation m : write.getMutationsList()) {
      mutations.add(fromProto(m));
    }
    List<Enqueue> enqueues = new ArrayList<>(write.getEnqueuesCount());
    for (com.deno.kv.datapath.Enqueue q : write.getEnqueuesList()) {
      List<byte[]> keys = new ArrayList<>(q.getKeysIfUndeliveredCount());
      for (ByteString k : q.getKeysIfUndeliveredList()) {
        keys.add(k.toByteArray());
      }
      List<Integer> backoff = q.getBackoffScheduleCount() == 0 ? null : List.copyOf(q.getBackoffScheduleList());
      enqueues.add(new Enqueue(q.getPayload().toByteArray(), q.getDeadlineMs(), keys, backoff));
    }
    return new AtomicWrite(checks, mutations, enqueues);
  }

  private static Mutation fromProto(com.deno.kv.datapath.Mutation m) {
    MutationKind kind = fromProto(m.getMutationTypeValue());
    EncodedValue value = null;
    if (kind == MutationKind.DELETE) {
      // Clients send deletes with an empty value; a delete carrying data is malformed.
      if (m.hasValue() && !m.getValue().getData().isEmpty()) {
        throw new KvCodecException("Invalid mutation: a delete must not carry a value");
      }
    } else if (m.hasValue()) {
      value = value(m.getValue().getEncodingValue(), m.getValue().getData(), "mutation value");
    }
    EncodedValue sumMin = m.getSumMin().isEmpty() ? null : new EncodedValue(ValueEncoding.V8, m.getSumMin().toByteArray());
    EncodedValue sumMax = m.getSumMax().isEmpty() ? null : new EncodedValue(ValueEncoding.V8, m.getSumMax().toByteArray());
    return new Mutation(m.getKey().toByteArray(), kind, value, m.getExpireAtMs(), sumMin, sumMax, m.getSumClamp());
  }

  public static AtomicWriteOutput toProto(CommitResult result) {
    if (result instanceof CommitResult.Committed c) {
      return AtomicWriteOutput.newBuilder()
          .setStatus(AtomicWriteStatus.AW_SUCCESS)
          .setVersionstamp(ByteString.copyFrom(c.versionstamp().toBytes()))
          .build();
    }
    CommitResult.CheckFailed f = (CommitResult.CheckFailed) result;
    return AtomicWriteOutput.newBuilder()
        .setStatus(AtomicWriteStatus.AW_CHECK_FAILURE)
        .addAllFailedChecks(f.failedChecks())
        .build();
  }

  /**
   * The outcome of a successful or check-failed write. Other statuses (write disabled, unspecified)
   * are for the caller to handle before calling this.
   *
   * @throws KvCodecException if the status is neither AW_SUCCESS nor AW_CHECK_FAILURE, or the
   *     versionstamp is not 10 bytes
   */
  public static CommitResult fromProto(AtomicWriteOutput output) {
    return switch (output.getStatus()) {
      case AW_SUCCESS -> new CommitResult.Committed(versionstamp(output.getVersionstamp(), "commit versionstamp"));
      case AW_CHECK_FAILURE -> new CommitResult.CheckFailed(output.getFailedChecksList());
      default -> throw new KvCodecException("Invalid atomic write status: " + output.getStatusValue());
    };
  }

  // ---- watch ------------------------------------------------------------------------------

  public static Watch toProtoWatch(List<byte[]> keys) {
    Watch.Builder b = Watch.newBuilder();
    for (byte[] k : keys) {
      b.addKeys(WatchKey.newBuilder().setKey(ByteString.copyFrom(k)));
    }
    return b.build();
  }

  public static List<byte[]> fromProto(Watch watch) {
    List<byte[]> keys = new ArrayList<>(watch.getKeysCount());
    for (WatchKey k : watch.getKeysList()) {
      keys.add(k.getKey().toByteArray());
    }
    return keys;
  }

  public static WatchOutput toProtoWatchOutput(List<dev.denokv.spi.WatchKeyOutput> keys) {
    WatchOutput.Builder b = WatchOutput.newBuilder().setStatus(SnapshotReadStatus.SR_SUCCESS);
    for (dev.denokv.spi.WatchKeyOutput k : keys) {
      WatchKeyOutput.Builder kb = WatchKeyOutput.newBuilder().setChanged(k.changed());
      if (k.entry() != null) {
        kb.setEntryIfChanged(toProto(k.entry()));
      }
      b.addKeys(kb);
    }
    return b.build();
  }

  public static List<dev.denokv.spi.WatchKeyOutput> fromProto(WatchOutput output) {
    List<dev.denokv.spi.WatchKeyOutput> out = new ArrayList<>(output.getKeysCount());
    for (WatchKeyOutput k : output.getKeysList()) {
      RawEntry entry = k.hasEntryIfChanged() ? fromProto(k.getEntryIfChanged()) : null;
      out.add(new dev.denokv.spi.WatchKeyOutput(k.getChanged(), entry));
    }
    return out;
  }

  // ---- scalars ----------------------------------------------------------------------------

  public static com.deno.kv.datapath.ValueEncoding toProto(ValueEncoding encoding) {
    return switch (encoding) {
      case V8 -> com.deno.kv.datapath.ValueEncoding.VE_V8;
      case LE64 -> com.deno.kv.datapath.ValueEncoding.VE_LE64;
      case BYTES -> com.deno.kv.datapath.ValueEncoding.VE_BYTES;
    };
  }

  public static MutationType toProto(MutationKind kind) {
    return switch (kind) {
      case SET -> MutationType.M_SET;
      case DELETE -> MutationType.M_DELETE;
      case SUM -> MutationType.M_SUM;
      case MAX -> MutationType.M_MAX;
      case MIN -> MutationType.M_MIN;
      case SET_SUFFIX_VERSIONSTAMPED_KEY -> MutationType.M_SET_SUFFIX_VERSIONSTAMPED_KEY;
    };
  }

  private static MutationKind fromProto(int mutationType) {
    return switch (mutationType) {
      case MutationType.M_SET_VALUE -> MutationKind.SET;
      case MutationType.M_DELETE_VALUE -> MutationKind.DELETE;
      case MutationType.M_SUM_VALUE -> MutationKind.SUM;
      case MutationType.M_MAX_VALUE -> MutationKind.MAX;
      case MutationType.M_MIN_VALUE -> MutationKind.MIN;
      case MutationType.M_SET_SUFFIX_VERSIONSTAMPED_KEY_VALUE -> MutationKind.SET_SUFFIX_VERSIONSTAMPED_KEY;
      default -> throw new KvCodecException("Invalid mutation type: " + mutationType);
    };
  }

  private static KvValue toProtoValue(EncodedValue v) {
    return KvValue.newBuilder().setData(ByteString.copyFrom(v.data())).setEncoding(toProto(v.encoding())).build();
  }

  private static EncodedValue value(int encoding, ByteString data, String what) {
    ValueEncoding e =
        switch (encoding) {
          case com.deno.kv.datapath.ValueEncoding.VE_V8_VALUE -> ValueEncoding.V8;
          case com.deno.kv.datapath.ValueEncoding.VE_LE64_VALUE -> ValueEncoding.LE64;
          case com.deno.kv.datapath.ValueEncoding.VE_BYTES_VALUE -> ValueEncoding.BYTES;
          default -> throw new KvCodecException("Invalid value encoding in " + what + ": " + encoding);
        };
    if (e == ValueEncoding.LE64 && data.size() != 8) {
      throw new KvCodecException("Invalid " + what + ": a LE64 value must be 8 bytes, got " + data.size());
    }
    return new EncodedValue(e, data.toByteArray());
  }

  private static Versionstamp versionstamp(ByteString bytes, String what) {
    if (bytes.size() != Versionstamp.LENGTH) {
      throw new KvCodecException("Invalid " + what + ": must be 10 bytes, got " + bytes.size());
    }
    return Versionstamp.of(bytes.toByteArray());
  }

}
