package dev.denokv.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvCodecException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

  private static FrameReader reader(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new FrameReader(new ByteArrayInputStream(b));
  }

  @Test
  void readsLittleEndianLengthsKeepAlivesAndACleanEnd() throws Exception {
    FrameReader r = reader(0, 0, 0, 0, 3, 0, 0, 0, 7, 8, 9, 0, 0, 0, 0);

    assertThat(r.next()).isEmpty();
    assertThat(r.next()).containsExactly(7, 8, 9);
    assertThat(r.next()).isEmpty();
    assertThat(r.next()).isNull();
  }

  @Test
  void readsMultiByteLengths() throws Exception {
    byte[] stream = new byte[4 + 0x0102];
    stream[0] = 0x02;
    stream[1] = 0x01;
    stream[4 + 0x0101] = 42;

    byte[] frame = new FrameReader(new ByteArrayInputStream(stream)).next();

    assertThat(frame).hasSize(0x0102);
    assertThat(frame[0x0101]).isEqualTo((byte) 42);
  }

  @Test
  void anEndInsideAFrameIsAnError() {
    assertThatThrownBy(() -> reader(5, 0, 0, 0, 1, 2).next()).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> reader(5, 0).next()).isInstanceOf(EOFException.class);
  }

  @Test
  void framesAboveSixteenMebibytesAreRefused() throws Exception {
    assertThatThrownBy(() -> reader(1, 0, 0, 1).next())
        .isInstanceOf(KvCodecException.class)
        .hasMessageContaining("16777217 bytes exceeds the limit of 16777216");
    assertThatThrownBy(() -> reader(0xFF, 0xFF, 0xFF, 0xFF).next())
        .isInstanceOf(KvCodecException.class)
        .hasMessageContaining("4294967295 bytes");
  }
}
