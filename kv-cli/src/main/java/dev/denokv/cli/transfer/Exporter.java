package dev.denokv.cli.transfer;

import dev.denokv.KvEntry;
import dev.denokv.KvLimits;
import dev.denokv.KvTemplate;
import dev.denokv.ListOptions;
import dev.denokv.ListSelector;
import dev.denokv.cli.json.KvJsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Streams a selection of entries as newline-delimited JSON in {@code @deno/kv-utils}' export form,
 * in key order, a page of up to 1000 entries per read.
 */
public final class Exporter {

  private final KvTemplate kv;
  private final Progress progress;

  public Exporter(KvTemplate kv, Progress progress) {
    this.kv = kv;
    this.progress = progress;
  }

  /** Writes every selected entry to {@code out}; returns how many were written. */
  public long export(ListSelector selector, Writer out) throws IOException {
    long n = 0;
    for (KvEntry<Object> e : kv.list(selector, Object.class, ListOptions.defaults().withBatchSize(KvLimits.MAX_READ_ENTRIES))) {
      String line = KvJsonWriter.entry(e.key(), e.value(), e.versionstamp());
      out.write(line);
      out.write('\n');
      n++;
      progress.advance(1, line.getBytes(StandardCharsets.UTF_8).length + 1L);
    }
    out.flush();
    progress.finish();
    return n;
  }

  /** Counts the selected entries (for the progress bar). */
  public long count(ListSelector selector) {
    long n = 0;
    for (KvEntry<Object> ignored : kv.list(selector, Object.class, ListOptions.defaults().withBatchSize(KvLimits.MAX_READ_ENTRIES))) {
      n++;
    }
    return n;
  }
}
