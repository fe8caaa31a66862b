package dev.denokv.value;

import dev.denokv.error.KvCodecException;
import java.util.Arrays;
import java.util.HexFormat;

/** A value as stored: its encoding and its bytes. */
public record EncodedValue(ValueEncoding encoding, byte[] data) {

  public EncodedValue {
    if (encoding == ValueEncoding.LE64 && data.length != 8) {
      throw new KvCodecException("A LE64 value must be 8 bytes, got " + data.length);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncodedValue other
        && encoding == other.encoding
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return encoding.hashCode() * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "EncodedValue[" + encoding + ", " + HexFormat.of().formatHex(data) + "]";
  }
}
