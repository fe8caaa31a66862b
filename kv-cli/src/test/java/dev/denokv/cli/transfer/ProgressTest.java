package dev.denokv.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar's drawing, on an injected clock. */
class ProgressTest {

  @Test
  void drawsEntriesBytesRateAndTimeLeftAtMostTenTimesASecond() {
    StringWriter err = new StringWriter();
    AtomicLong nanos = new AtomicLong();
    Progress progress = new Progress(new PrintWriter(err), "import", nanos::get);
    progress.expect(4000, true);

    progress.advance(10, 1000);
    assertThat(err.toString()).isEmpty();
    nanos.set(1_000_000_000L);
    progress.advance(10, 1000);

    assertThat(err.toString()).isEqualTo("\rimport [############............]  50% 20 entries  2.0 KiB  20 entries/s  ETA 0:01   ");
    progress.finish();
    assertThat(err.toString()).endsWith("\rimport [############............]  50% 20 entries  2.0 KiB  20 entries/s   \n");
  }
}
