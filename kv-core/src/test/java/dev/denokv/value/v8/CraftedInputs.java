package dev.denokv.value.v8;

import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Hand-crafted V8 inputs and the verdict the reader must give: rejected with a message containing
 * {@code problem}, or accepted ({@code problem == null}), and how Deno 2.9.6 judges the same input.
 */
final class CraftedInputs {

  /** Deno's verdict compared with the reader's. */
  enum Deno {
    /** Deno accepts or rejects it too. */
    AGREES,
    /** A deliberate difference, documented on {@link V8Reader}. */
    DIFFERS,
    /** Deno 2.9.6 panics (aborts the process) instead of rejecting it, so it is not sent to Deno. */
    PANICS
  }

  record Input(String name, String hex, @Nullable String problem, Deno deno) {
    byte[] bytes() {
      return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private CraftedInputs() {}

  private static Input reject(String name, String hex, String problem) {
    return new Input(name, hex, problem, Deno.AGREES);
  }

  private static Input accept(String name, String hex) {
    return new Input(name, hex, null, Deno.AGREES);
  }

  static final List<Input> ALL = List.of(
      reject("no header", "5f", "missing version header"),
      reject("version 12", "ff0c 5f", "unsupported format version 12"),
      reject("version 17", "ff11 5f", "unsupported format version 17"),
      reject("header only", "ff10", "truncated"),
      accept("version 13", "ff0d 5f"),
      accept("version 14", "ff0e 5f"),
      accept("trailing bytes ignored", "ff10 54 54"),
      accept("padding before a tag", "ff10 0000 4954"),
      accept("legacy verify-object-count", "ff10 3f02 4954"),
      accept("uint32 number", "ff10 55 ffffffff0f"),
      accept("utf-8 string", "ff10 53 03 e282ac"),
      accept("utf-8 string with invalid sequences", "ff10 53 17 c328 eda080 eda0 f09080 f4908080 80 c0af f0908080 e282"),
      accept("utf-8 string as a key", "ff10 6f 53 02 c3a9 4902 7b01"),
      accept("empty two-byte string", "ff10 6300"),
      accept("Error with only a prototype", "ff10 72 54 2e"),
      accept("negative index key in a sparse array is a property", "ff10 6101 4901 4902 4001 01"),
      accept("index key 2^32-1 in a sparse array is a property", "ff10 6101 4e000000e0ffffef41 4902 4001 01"),
      accept("resizable buffer with maxByteLength 2^33", "ff10 7e 00 8080808020"),
      reject("resizable buffer with maxByteLength 2^60", "ff10 7e 00 808080808080808010", "maxByteLength"),
      reject("Error message not a string", "ff10 72 6d 4902 2e", "expected a string"),
      reject("RegExp source not a string", "ff10 52 4902 00", "expected a string"),
      reject("String object of a number", "ff10 73 4902", "expected a string"),
      reject("view after a view", "ff10 4102 42 01 07 5642 00 01 00 5e02 5642 0001 00 2400 02", "invalid property key 0x56"),
      accept("version 13 view has no flags", "ff0d 42 02 0102 5642 00 02"),
      reject("truncated string", "ff10 22 05 616263", "exceeds the remaining input"),
      reject("truncated double", "ff10 4e 0000", "truncated"),
      reject("odd two-byte length", "ff10 63 03 616200", "odd two-byte string length"),
      reject("object count mismatch", "ff10 6f 220161 4902 7b02", "object property count mismatch"),
      reject("dense array property count mismatch", "ff10 4101 4902 2401 01", "dense array property count mismatch"),
      reject("dense array length mismatch", "ff10 4101 4902 2400 02", "dense array length mismatch"),
      reject("sparse array property count mismatch", "ff10 6101 4001 01", "sparse array property count mismatch"),
      reject("sparse array property count too small", "ff10 6102 4902 4902 4000 02", "sparse array property count mismatch"),
      reject("sparse array length mismatch", "ff10 6101 4000 02", "sparse array length mismatch"),
      reject("Map count mismatch", "ff10 3b 4902 4904 3a03", "Map entry count mismatch"),
      reject("Set count mismatch", "ff10 27 4902 2c02", "Set size mismatch"),
      reject("duplicate object key", "ff10 6f 220161 4902 220161 4904 7b02", "duplicate property key"),
      reject("duplicate index key as number and string", "ff10 6f 4902 4902 220131 4904 7b02", "duplicate property key"),
      reject("duplicate sparse index", "ff10 6102 4902 4902 4902 4904 4002 02", "duplicate property key"),
      reject("dense element repeated as a property", "ff10 4102 4902 4902 220131 4904 2401 02", "duplicate property key"),
      accept("dense array property beyond its length", "ff10 4102 4902 4902 220135 4904 2401 02"),
      accept("sparse index beyond its length", "ff10 6102 490a 4902 4001 02"),
      accept("non-integral number key", "ff10 6f 4e000000000000f83f 4902 7b01"),
      accept("uint32 key", "ff10 6f 5505 4902 7b01"),
      accept("verify-object-count before a key", "ff10 6f 3f01 220161 4902 7b01"),
      accept("padding before a key and a count", "ff10 6f 00 220161 4902 00 7b01"),
      reject("boolean key", "ff10 6f 54 4902 7b01", "invalid property key"),
      reject("reference key", "ff10 6f 5e00 4902 7b01", "invalid property key"),
      reject("hole at top level", "ff10 2d", "the hole outside a dense array"),
      reject("hole as an object value", "ff10 6f 220161 2d 7b01", "the hole outside a dense array"),
      reject("hole as a sparse array value", "ff10 6101 4900 2d 4001 01", "the hole outside a dense array"),
      accept("hole in a dense array", "ff10 4102 2d 4902 2400 02"),
      reject("reference to an unknown id", "ff10 5e00", "unknown object id 0"),
      reject("forward reference", "ff10 4101 5e05 2400 01", "unknown object id 5"),
      reject("RegExp linear flag", "ff10 52 220161 40", "invalid RegExp flags"),
      reject("RegExp flag above v", "ff10 52 220161 8004", "invalid RegExp flags"),
      reject("RegExp u and v together", "ff10 52 220161 9002", "invalid RegExp flags"),
      reject("view past its buffer", "ff10 42 02 0000 5642 01 02 00", "outside its buffer"),
      reject("misaligned view offset", "ff10 42 04 00000000 5677 01 02 00", "must be multiples of 2"),
      reject("misaligned view length", "ff10 42 04 00000000 5664 00 02 00", "must be multiples of 4"),
      reject("length-tracking view on a fixed buffer", "ff10 42 02 0000 5642 00 00 03", "need a resizable buffer"),
      reject("resizable flag on a fixed buffer", "ff10 42 02 0000 5642 00 02 02", "need a resizable buffer"),
      reject("view on a resizable buffer without the flag", "ff10 4101 7e 04 08 00000000 5642 01 02 00 2400 01", "without the resizable flag"),
      accept("unused view flag bits", "ff10 4101 7e 04 08 00000000 5642 01 02 0a 2400 01"),
      reject("unknown view sub-tag", "ff10 42 02 0000 567a 00 02 00", "unknown ArrayBufferView sub-tag"),
      reject("view without a buffer", "ff10 5642 00 00 00", "without a preceding ArrayBuffer"),
      reject("maxByteLength below byteLength", "ff10 7e 04 02 00000000", "below its byteLength"),
      accept("immutable buffer", "ff10 43 02 0102"),
      accept("view after a referenced buffer", "ff10 4102 42 04 00000000 5e01 5642 00 00 00 2400 02"),
      reject("BigInt negative zero", "ff10 5a 01", "BigInt negative zero"),
      accept("BigInt short digits", "ff10 5a 02 01"),
      reject("repeated Error message", "ff10 72 6d 220178 6d 220178 2e", "repeated Error message"),
      reject("repeated Error prototype", "ff10 72 54 52 2e", "repeated Error prototype"),
      reject("unknown Error sub-tag", "ff10 72 7a 2e", "unknown Error sub-tag"),
      reject("Error without end", "ff10 72 6d 220178", "truncated"),
      new Input("Error sub-tags in an older order (message, cause, stack)", "ff0f 72 6d 220178 63 5f 73 220173 2e", null, Deno.DIFFERS),
      new Input("Error prototype after message", "ff10 72 6d 220178 54 2e", null, Deno.DIFFERS),
      reject("host object with another id", "ff10 5c 00 6f 7b00", "host object id 0"),
      new Input("host object metadata without type", "ff10 5c ffffffff0f 6f 7b00", "without a string \"type\"", Deno.PANICS),
      new Input("host object of a type Deno has not registered", "ff10 5c ffffffff0f 6f 220474797065 2203 58595a 7b01", null, Deno.PANICS),
      reject("host object metadata not an object", "ff10 5c ffffffff0f 30", "without a string \"type\""),
      reject("end-of-object tag as a value", "ff10 7b 00", "unexpected tag 0x7b"),
      reject("SharedArrayBuffer tag", "ff10 75 00", "unexpected tag 0x75"),
      reject("transferred ArrayBuffer tag", "ff10 74 00", "unexpected tag 0x74"),
      reject("Wasm module tag", "ff10 77 00", "unexpected tag 0x77"),
      reject("shared object tag", "ff10 70 00", "unexpected tag 0x70"),
      reject("huge dense array length", "ff10 41 ffffffff0f 4902", "exceeds the remaining input"),
      accept("huge sparse array length without elements", "ff10 61 feffffff0f 4000 feffffff0f"),
      reject("huge string length", "ff10 22 ffffffff0f 61", "exceeds the remaining input"),
      reject("huge two-byte string length", "ff10 63 feffffff0f 6100", "exceeds the remaining input"),
      reject("huge ArrayBuffer length (v16 u64)", "ff10 42 ffffffffffffffff7f 00", "too large"),
      reject("huge ArrayBuffer length", "ff10 42 ffffffff07 00", "truncated"),
      reject("huge BigInt length", "ff10 5a feffffff07 00", "truncated"),
      accept("overlong varint", "ff10 49 8080808080808001"),
      accept("varint bits above 32 dropped", "ff10 49 8080808010"));
}
