package dev.denokv.value.v8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.value.v8.internal.V8Output;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class V8OutputEditingTest {

  @Test
  void editsBytesAlreadyWritten() {
    V8Output out = new V8Output();
    out.writeHeader(15);
    out.writeVarint(0);
    out.writeString("ab");
    out.overwriteVarint(2, 127);
    assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo("ff0f7f22026162");
    assertThat(out.byteAt(3)).isEqualTo((byte) 0x22);
    assertThat(out.copyOfRange(4, 7)).containsExactly(2, 'a', 'b');
    out.truncate(3);
    out.writeByte(0x54);
    assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo("ff0f7f54");
  }

  @Test
  void rejectsEditsOutsideTheWrittenBytes() {
    V8Output out = new V8Output();
    out.writeHeader(15);
    assertThatThrownBy(() -> out.overwriteVarint(1, 128)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> out.truncate(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> out.byteAt(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> out.copyOfRange(1, 3)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
