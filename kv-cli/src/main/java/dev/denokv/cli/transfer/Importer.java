package dev.denokv.cli.transfer;

import dev.denokv.AtomicOperation;
import dev.denokv.KvCommitResult;
import dev.denokv.KvEntry;
import dev.denokv.KvLimits;
import dev.denokv.KvTemplate;
import dev.denokv.cli.json.KvJsonReader;
import dev.denokv.error.KvException;
import dev.denokv.key.KvKey;
import dev.denokv.value.EncodedValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads newline-delimited JSON in {@code @deno/kv-utils}' export form and stores the entries in
 * atomic batches that stay within the backend's limits (mutations, checks, total key and value
 * sizes). Without overwriting, each batch writes only keys that have no entry, checked in the same
 * atomic operation, so keys written meanwhile are never overwritten; either way an interrupted
 * import can simply be run again. Versionstamps are not carried over: each batch gets a new one.
 */
public final class Importer {

  /** What an import did. */
  public record Result(long read, long written, long skipped) {}

  private final KvTemplate kv;
  private final boolean overwrite;
  private final KvKey prefix;
  private final int maxBatch;
  private final Progress progress;

  /**
   * @param overwrite whether entries replace existing ones (otherwise existing keys are skipped)
   * @param prefix prepended to every imported key
   * @param maxBatch the most entries per atomic write
   */
  public Importer(KvTemplate kv, boolean overwrite, KvKey prefix, int maxBatch, Progress progress) {
    this.kv = kv;
    this.overwrite = overwrite;
    this.prefix = prefix;
    this.maxBatch = Math.max(1, Math.min(maxBatch, overwrite ? KvLimits.MAX_MUTATIONS : KvLimits.MAX_CHECKS));
    this.progress = progress;
  }

  private record Pending(long line, KvKey key, Object value, int size) {}

  /** Imports every line of {@code in}. */
  public Result run(BufferedReader in) throws IOException {
    List<Pending> batch = new ArrayList<>();
    long read = 0;
    long written = 0;
    long skipped = 0;
    long lineNumber = 0;
    int keyBytes = 0;
    int totalBytes = 0;
    long batchBytes = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      long lineBytes = line.getBytes(StandardCharsets.UTF_8).length + 1L;
      if (line.isBlank()) {
        progress.advance(0, lineBytes);
        continue;
      }
      Pending p = parse(lineNumber, line);
      read++;
      int k = p.key().encode().length;
      boolean full = batch.size() >= maxBatch
          || keyBytes + k > KvLimits.MAX_TOTAL_KEY_SIZE
          || totalBytes + p.size() > KvLimits.MAX_TOTAL_MUTATION_SIZE;
      if (full) {
        int[] done = commit(batch);
        written += done[0];
        skipped += done[1];
        progress.advance(batch.size(), batchBytes);
        batch.clear();
        keyBytes = 0;
        totalBytes = 0;
        batchBytes = 0;
      }
      batch.add(p);
      keyBytes += overwrite ? k : 2 * k;
      totalBytes += p.size();
      batchBytes += lineBytes;
    }
    if (!batch.isEmpty()) {
      int[] done = commit(batch);
      written += done[0];
      skipped += done[1];
      progress.advance(batch.size(), batchBytes);
    }
    progress.finish();
    return new Result(read, written, skipped);
  }

  private Pending parse(long lineNumber, String line) {
    try {
      KvJsonReader.Entry entry = KvJsonReader.entry(line);
      KvKey key = prefix.isEmpty() ? entry.key() : prefix.append(entry.key());
      int keySize = key.encode().length;
      if (keySize > KvLimits.MAX_WRITE_KEY_SIZE) {
        throw new ImportFailure(lineNumber, "key of " + keySize + " bytes is over the limit of " + KvLimits.MAX_WRITE_KEY_SIZE);
      }
      EncodedValue encoded = kv.valueCodec().encode(entry.value());
      if (encoded.data().length > KvLimits.MAX_VALUE_SIZE) {
        throw new ImportFailure(lineNumber, "value of " + encoded.data().length + " bytes is over the limit of " + KvLimits.MAX_VALUE_SIZE);
      }
      return new Pending(lineNumber, key, entry.value(), keySize + encoded.data().length);
    } catch (ImportFailure e) {
      throw e;
    } catch (KvException e) {
      throw new ImportFailure(lineNumber, e.getMessage());
    }
  }

  /** Commits a batch; returns {written, skipped}. */
  private int[] commit(List<Pending> batch) {
    if (overwrite) {
      AtomicOperation op = kv.atomic();
      batch.forEach(p -> op.set(p.key(), p.value()));
      commitOrExplain(op, batch);
      return new int[] {batch.size(), 0};
    }
    List<Pending> remaining = new ArrayList<>(batch);
    while (!remaining.isEmpty()) {
      AtomicOperation op = kv.atomic();
      for (Pending p : remaining) {
        op.check(p.key(), null);
        op.set(p.key(), p.value());
      }
      KvCommitResult result = commitOrExplain(op, remaining);
      if (result.ok()) {
        break;
      }
      remaining = withoutExisting(remaining, result.failedChecks());
    }
    return new int[] {remaining.size(), batch.size() - remaining.size()};
  }

  private List<Pending> withoutExisting(List<Pending> pending, List<Integer> failedChecks) {
    Set<Integer> existing = new HashSet<>(failedChecks);
    if (existing.isEmpty()) {
      for (int from = 0; from < pending.size(); from += KvLimits.MAX_READ_RANGES) {
        List<Pending> chunk = pending.subList(from, Math.min(pending.size(), from + KvLimits.MAX_READ_RANGES));
        List<KvEntry<Object>> entries = kv.getMany(chunk.stream().map(Pending::key).toList(), Object.class);
        for (int i = 0; i < entries.size(); i++) {
          if (entries.get(i).exists()) {
            existing.add(from + i);
          }
        }
      }
    }
    List<Pending> rest = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      if (!existing.contains(i)) {
        rest.add(pending.get(i));
      }
    }
    return rest;
  }

  private static KvCommitResult commitOrExplain(AtomicOperation op, List<Pending> batch) {
    try {
      return op.commit();
    } catch (KvException e) {
      throw new ImportFailure(batch.get(0).line(),
          "the batch of lines " + batch.get(0).line() + " to " + batch.get(batch.size() - 1).line()
              + " was refused: " + e.getMessage());
    }
  }
}
