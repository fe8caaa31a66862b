package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.deno.kv.datapath.WatchOutput;
import dev.denokv.Versionstamp;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Watch frames and the merging of emissions a slow client has not seen yet. */
class WatchFramesTest {

  private static WatchKeyOutput changed(String key, int value, long version) {
    return new WatchKeyOutput(true, new RawEntry(
        Protos.key(key), new EncodedValue(ValueEncoding.BYTES, new byte[] {(byte) value}), Versionstamp.ofVersion(version)));
  }

  private static final WatchKeyOutput UNCHANGED = new WatchKeyOutput(false, null);
  private static final WatchKeyOutput DELETED = new WatchKeyOutput(true, null);

  @Test
  void framesAreLengthPrefixedLittleEndian() throws Exception {
    assertThat(WatchFrames.KEEP_ALIVE).containsExactly(0, 0, 0, 0);
    byte[] frame = WatchFrames.frame(List.of(changed("a", 1, 1), UNCHANGED));
    int length = (frame[0] & 0xFF) | (frame[1] & 0xFF) << 8 | (frame[2] & 0xFF) << 16 | (frame[3] & 0xFF) << 24;
    assertThat(length).isEqualTo(frame.length - 4);
    WatchOutput out = WatchOutput.parseFrom(Arrays.copyOfRange(frame, 4, frame.length));
    assertThat(out.getStatusValue()).isEqualTo(1);
    assertThat(out.getKeysList()).extracting(k -> k.getChanged()).containsExactly(true, false);
    assertThat(out.getKeys(0).getEntryIfChanged().getValue().toByteArray()).containsExactly(1);
  }

  @Test
  void mergedEmissionsCarryEachKeysLatestChange() {
    WatchKeyOutput a1 = changed("a", 1, 1);
    WatchKeyOutput b1 = changed("b", 1, 1);
    WatchKeyOutput a2 = changed("a", 2, 2);
    List<WatchKeyOutput> merged =
        WatchFrames.merge(List.of(a1, b1, UNCHANGED, UNCHANGED), List.of(a2, UNCHANGED, DELETED, UNCHANGED));
    assertThat(merged).containsExactly(a2, b1, DELETED, UNCHANGED);
    assertThat(WatchFrames.merge(merged, List.of(UNCHANGED, UNCHANGED, UNCHANGED, UNCHANGED))).isEqualTo(merged);
  }
}
